"""The build keeps each file's checked front matter (SOURCE_CACHE): a rebuild parses only what
changed, and what it reports must be what a fresh check reports, whatever changed around an
unchanged file."""

from __future__ import annotations

import shutil

import pytest

import front_matter.reader as reader_module
from tests.support import BuildFailed, article


def failures(site) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        site.build()
    return failure.value.messages


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Names of the files the reader parses (a small site is parsed in-process)."""
    names: list[str] = []
    parse = reader_module.parse_source

    def counting(source_path, *args, **kwargs):
        names.append(str(source_path).rsplit("/", 1)[-1])
        return parse(source_path, *args, **kwargs)

    monkeypatch.setattr(reader_module, "parse_source", counting)
    return names


def test_a_rebuild_parses_only_the_edited_file(site, parsed):
    site.add_article("ferry", article(), "The ferry runs again.")
    site.add_article("bus", article(title="Bus lane opens"), "The bus lane opened on Monday.")
    site.build()
    assert sorted(parsed) == ["bus.md", "ferry.md"]
    assert (site.root / ".cache" / "sources.pickle").is_file()
    parsed.clear()
    site.build()
    assert parsed == []
    site.add_article("bus", article(title="Bus lane opens"), "The bus lane opened on Tuesday.")
    site.build()
    assert parsed == ["bus.md"]
    assert "Tuesday" in site.page("2026/11/bus-lane-opens/").get_text()


def test_a_kept_story_fails_once_the_image_its_front_matter_names_is_deleted(site):
    shutil.copy(site.content / "images" / "logo.png", site.content / "images" / "pier.png")
    site.add_article("pier", article(image="images/pier.png", image_alt="The pier"), "It reopened.")
    site.build()
    (site.content / "images" / "pier.png").unlink()
    (message,) = [m for m in failures(site) if "pier.md" in m and "image" in m]
    assert "file 'images/pier.png' does not exist" in message


def test_a_kept_story_fails_once_its_author_profile_is_deleted(site):
    site.add_author("ben-ward", {"name": "Ben Ward", "role": "Reporter"})
    site.add_article("ferry", article(authors=["ben-ward"]))
    site.build()
    (site.content / "authors" / "ben-ward.md").unlink()
    assert any("ferry.md" in m and "ben-ward" in m for m in failures(site))


def test_a_story_with_errors_is_checked_and_reported_on_every_build(site, parsed):
    site.add_article("ferry", article(category=None))
    first = failures(site)
    assert any("ferry.md" in m and "category" in m for m in first)
    parsed.clear()
    assert failures(site) == first
    assert parsed == ["ferry.md"]


def test_changed_settings_check_every_file_again(site, parsed):
    site.add_article("ferry", article())
    site.build()
    parsed.clear()
    site.build(DEFAULT_PAGINATION=5)
    assert parsed == ["ferry.md"]


def test_a_source_cache_setting_that_is_not_a_path_is_a_settings_error(site):
    site.add_article("ferry", article())
    with pytest.raises(BuildFailed, match="SOURCE_CACHE: expected a path"):
        site.build(SOURCE_CACHE=7)


def test_with_the_cache_off_every_file_is_parsed(site, parsed):
    site.add_article("ferry", article())
    site.build(SOURCE_CACHE="")
    site.build(SOURCE_CACHE="")
    assert parsed == ["ferry.md", "ferry.md"]
    assert not (site.root / ".cache" / "sources.pickle").exists()


def test_pelican_reads_the_articles_sorted_then_the_pages(site, parsed):
    """The order the prefetch parses them in, so the build never waits on a late chunk."""
    names = ["quay", "bridge", "mill", "heron", "tram", "lantern", "orchard", "choir"]
    for name in names:
        site.add_article(name, article(title=f"The {name} reopens"))
    site.add_page("about", {"title": "About us"})
    site.build(SOURCE_CACHE="")
    assert parsed == [f"{name}.md" for name in sorted(names)] + ["about.md"]
