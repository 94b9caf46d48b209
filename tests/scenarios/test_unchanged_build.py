"""`invoke build` with nothing changed since the last passed build does not build again, and
any change a build would show (a source, a setting, the output folder, the clock passing a
scheduled story's time or the news window) builds again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsroom.build import build, main
from tests.support import SETTINGS, Site, article

DUE = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _build(site, **overrides):
    return build(SETTINGS, site.output, site.settings(**overrides), skip_unchanged=True)


def _stamps(folder):
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def built(tmp_path):
    site = Site(tmp_path)
    site.add_article("pier", article(title="Pier reopens"), body="The pier opened at dawn.")
    site.add_article("ferry", article(title="Ferry fares frozen"), body="Fares stay.")
    assert _build(site).unchanged is None
    return site


def test_a_build_with_nothing_changed_leaves_the_output_alone(built, capsys):
    before = _stamps(built.output)
    again = _build(built)
    assert again.unchanged is not None
    assert again.report == {}  # Pelican did not run
    assert _stamps(built.output) == before
    # `invoke build` (no BUILD_TIME: the wall clock) builds once, then finds nothing changed.
    argv = ["--settings", str(SETTINGS), "--output", str(built.output)]
    argv += ["--content", str(built.content)]
    main(argv)
    assert "Nothing changed since the build of" not in capsys.readouterr().out
    main(argv)
    assert "is up to date" in capsys.readouterr().out


def test_an_edited_story_is_built_again(built):
    with (built.content / "articles" / "pier.md").open("a", encoding="utf-8") as source:
        source.write("\nThe harbour master cut the ribbon.\n")
    assert _build(built).unchanged is None
    assert "harbour master cut" in built.page("2026/11/pier-reopens/").get_text()
    assert _build(built).unchanged is not None


def test_a_removed_output_file_is_built_again(built):
    page = built.output / "2026" / "11" / "pier-reopens" / "index.html"
    page.unlink()
    assert _build(built).unchanged is None
    assert page.is_file()


def test_a_changed_setting_is_built_again(built):
    assert _build(built, SITENAME="The Quay Courier").unchanged is None
    assert "The Quay Courier" in built.page("").get_text()


def test_a_scheduled_story_is_published_when_its_time_comes(tmp_path, monkeypatch):
    site = Site(tmp_path)
    site.add_article("pier", article(title="Pier reopens"))
    site.add_article("later", article(title="Lighthouse relit", date=DUE.isoformat()))
    later = site.output / "2026" / "11" / "lighthouse-relit" / "index.html"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((DUE - timedelta(hours=1)).timestamp())))
    assert _build(site, BUILD_TIME=None).unchanged is None
    assert not later.exists()
    assert _build(site, BUILD_TIME=None).unchanged is not None  # still before its time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(DUE.timestamp())))
    assert _build(site, BUILD_TIME=None).unchanged is None
    assert later.is_file()


def test_a_story_leaves_the_news_sitemap_when_the_window_closes(tmp_path, monkeypatch):
    site = Site(tmp_path)
    site.add_article("pier", article(title="Pier reopens", date=DUE.isoformat()))
    news = site.output / "news-sitemap.xml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((DUE + timedelta(hours=1)).timestamp())))
    _build(site, BUILD_TIME=None)
    assert "pier-reopens" in news.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((DUE + timedelta(hours=49)).timestamp())))
    assert _build(site, BUILD_TIME=None).unchanged is None
    assert "pier-reopens" not in news.read_text(encoding="utf-8")


def test_a_build_clock_set_back_builds_again(built, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((DUE + timedelta(days=2)).timestamp())))
    assert _build(built, BUILD_TIME=None).unchanged is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((DUE + timedelta(days=1)).timestamp())))
    assert _build(built, BUILD_TIME=None).unchanged is None
