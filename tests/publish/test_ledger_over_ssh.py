"""The URL ledger travels with the releases over SSH: a checkout that never published learns
the live URLs from the server, and nginx keeps serving every URL that went live."""

from __future__ import annotations

import pytest

from newsroom.publish.command import PublishFailed, publish_site
from tests.support import BUILD_TIME, PUBLISH_SETTINGS, Site, article

FERRY_URL = "2026/11/ferry-timetable-approved/"


def publish_checkout(site: Site, server, workdir):
    overrides = {
        "PATH": str(site.content),
        "BUILD_TIME": BUILD_TIME,
        "PUBLISH": server.publish_settings()["PUBLISH"],
    }
    return publish_site(PUBLISH_SETTINGS, workdir, overrides=overrides, echo=None)


def test_the_ledger_is_kept_beside_the_releases_and_read_by_another_checkout(server, tmp_path):
    first = Site(tmp_path / "first")
    path = first.add_article("ferry", article())
    publish_checkout(first, server, tmp_path / "work1")
    local = first.content / "url-ledger.json"
    assert (server.path / "url-ledger.json").read_bytes() == local.read_bytes()

    second = Site(tmp_path / "second")  # a colleague's checkout: no ledger, the story retitled
    second.write("articles/ferry.md", path.read_text().replace("approved", "set"))
    publish_checkout(second, server, tmp_path / "work2")
    status, _, body = server.get(f"/{FERRY_URL}")
    assert status == 200 and b"Ferry timetable set" in body
    assert (second.content / "url-ledger.json").read_bytes() == local.read_bytes()

    (second.content / "articles/ferry.md").unlink()
    with pytest.raises(PublishFailed) as failure:
        publish_checkout(second, server, tmp_path / "work3")
    assert f"/{FERRY_URL} went live from articles/ferry.md" in str(failure.value)
    assert server.get(f"/{FERRY_URL}")[0] == 200
