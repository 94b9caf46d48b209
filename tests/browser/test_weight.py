"""Page weight and serving, measured against nginx as production serves the site: an article's
HTML, CSS and JavaScript under 30 KB gzip-compressed, compressed text, cache headers."""

from __future__ import annotations

import gzip
import http.client
import ssl
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from newsroom.quality import PAGES
from tests.servers import brotli_static_available

ARTICLE = PAGES["article"]
BUDGET = 30 * 1024  # bytes on the wire, gzip, for HTML + CSS + JS


def fetch(site, path: str, encoding: str = "gzip") -> tuple[int, dict, bytes]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our throwaway certificate; this is not the browser
    connection = http.client.HTTPSConnection("127.0.0.1", site.port, context=context, timeout=5)
    try:
        connection.request(
            "GET",
            path,
            headers={"Host": urlsplit(site.origin).hostname, "Accept-Encoding": encoding},
        )
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def own_assets(site, html: bytes, page_url: str) -> list[str]:
    """Paths of the stylesheets and scripts the page loads (all must be ours)."""
    soup = BeautifulSoup(html, "html.parser")
    urls = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]
    urls += [script["src"] for script in soup.select("script[src]")]
    absolute = [urljoin(page_url, url) for url in urls]
    assert [u for u in absolute if not u.startswith(site.origin + "/")] == []
    return [urlsplit(u).path for u in absolute]


def test_article_html_css_js_under_30_kb_gzip(served_site):
    status, headers, body = fetch(served_site, ARTICLE)
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    weights = {ARTICLE: len(body)}
    html = gzip.decompress(body)
    for path in own_assets(served_site, html, served_site.url(ARTICLE)):
        status, asset_headers, asset = fetch(served_site, path)
        assert status == 200, path
        weights[path] = len(asset)
    total = sum(weights.values())
    assert total < BUDGET, f"{total} bytes gzip: {weights}"


def test_no_third_party_or_font_references_in_the_article(served_site):
    html = (served_site.root / ARTICLE.strip("/") / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    loaded = [t.get("src") for t in soup.select("[src]")]
    loaded += [t.get("href") for t in soup.select("link[rel~=stylesheet], link[rel~=preload]")]
    loaded += [s for t in soup.select("[srcset]") for s in t["srcset"].split()[::2]]
    assert [u for u in loaded if not u.startswith(served_site.origin + "/")] == []
    assert "@font-face" not in html
    assert not any(u.endswith((".woff", ".woff2", ".ttf", ".otf")) for u in loaded)


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_text_is_served_precompressed(served_site, encoding):
    if encoding == "br" and not brotli_static_available():
        pytest.skip(
            "nginx's brotli_static module is not installed (libnginx-mod-http-brotli-static)"
        )
    status, headers, _ = fetch(served_site, ARTICLE, encoding)
    assert status == 200
    assert headers.get("content-encoding") == encoding
    assert "accept-encoding" in headers.get("vary", "").lower()


def test_cache_headers(served_site):
    _, html_headers, _ = fetch(served_site, ARTICLE)
    assert html_headers["cache-control"] == "no-cache"
    assert "etag" in html_headers or "last-modified" in html_headers
    _, icon_headers, _ = fetch(served_site, "/theme/js/search.js")
    assert icon_headers["cache-control"] == "public, max-age=31536000"
    status, missing_headers, _ = fetch(served_site, "/no-such-page/")
    assert status == 404
    assert missing_headers["cache-control"] == "no-cache"
