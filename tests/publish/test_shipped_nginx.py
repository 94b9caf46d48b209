"""deploy/nginx.conf, as shipped: a published site served from `<path>/current` with its
precompressed siblings, cache headers, 404 page and `redirect_from:` 301s."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from newsroom.publish import publish
from tests.servers import binary, brotli_static_available, start_shipped_nginx, stop
from tests.support import PUBLISH_SETTINGS, Site, article

SITEURL = "https://lakeside-ledger.example"  # publishconf.py's, which the build used


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(port: int, path: str, **headers) -> tuple[int, dict, bytes]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    nginx = binary("nginx", "nginx")
    home = tmp_path_factory.mktemp("shipped-nginx")
    site = Site(home)
    site.add_article(
        "ferry",
        article(redirect_from=["/old/path/"], image="images/logo.png", image_alt="The logo"),
        body="The ferry timetable was approved. " * 40,
    )
    site.build(PUBLISH_SETTINGS)
    target = home / "srv"
    settings = {"SITEURL": SITEURL, "PUBLISH": {"target": "local", "path": str(target)}}
    publish(site.output, settings, echo=None)
    processes: list = []
    try:
        yield start_shipped_nginx(nginx, home, target, processes), target / "current"
    finally:
        for process in processes:
            stop(process)


def test_html_is_served_brotli_compressed_and_revalidated(served):
    if not brotli_static_available():
        pytest.skip(
            "nginx's brotli_static module is not installed (libnginx-mod-http-brotli-static)"
        )
    status, headers, _body = get(served[0], "/", **{"Accept-Encoding": "br"})
    assert (status, headers["Content-Encoding"]) == (200, "br")
    assert headers["Cache-Control"] == "no-cache"


def test_html_is_served_gzip_compressed(served):
    status, headers, _body = get(served[0], "/", **{"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"]) == (200, "gzip")


def test_hashed_images_are_cached_for_a_year_and_unhashed_theme_files_revalidated(served):
    port, current = served
    image = sorted(current.glob("images/logo-*-480.webp"))[0].relative_to(current)
    status, headers, _body = get(port, f"/{image.as_posix()}")
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, _body = get(port, "/theme/js/search.js")
    assert (status, headers["Cache-Control"]) == (200, "no-cache")


def test_a_missing_url_gets_the_404_page(served):
    status, _headers, body = get(served[0], "/no/such/story/")
    assert status == 404
    assert "<title>" in body.decode() and "Page not found" in body.decode()


def test_an_old_url_redirects_permanently_to_the_story(served):
    status, headers, _body = get(served[0], "/old/path/")
    assert status == 301
    assert headers["Location"].endswith("/2026/11/ferry-timetable-approved/")
