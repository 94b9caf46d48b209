"""`invoke new article|author|page`: a valid draft, dated by the build clock, that builds."""

from __future__ import annotations

import subprocess

import pytest

from newsroom.build import load_settings
from newsroom.scaffold import ScaffoldError, create
from tests.support import SETTINGS, Site, front_matter

# 23:30 UTC on 30 June is already 1 July in London (BST): the date is the newsroom's.
LATE_JUNE = "2026-06-30T23:30:00+00:00"


def settings_for(site: Site, git_name: str | None = "Ada Lane", **overrides) -> dict:
    subprocess.run(["git", "init", "-q", str(site.content)], check=True)
    if git_name is not None:
        subprocess.run(
            ["git", "-C", str(site.content), "config", "user.name", git_name], check=True
        )
    return load_settings(SETTINGS, site.settings(**overrides))


def test_new_article_is_a_dated_draft_by_the_git_user_that_builds(tmp_path):
    site = Site(tmp_path)
    settings = settings_for(site, BUILD_TIME=LATE_JUNE)
    path, url = create(settings, "article", "Ferry fares frozen for 2027")
    assert path == site.content / "articles" / "2026" / "ferry-fares-frozen-for-2027.md"
    assert url == "http://127.0.0.1:8000/drafts/ferry-fares-frozen-for-2027/"
    meta = front_matter(path)
    assert meta["date"] == "2026-07-01T00:30:00"
    assert meta["authors"] == "ada-lane"
    assert meta["category"] == "Local"
    assert meta["status"] == "draft"
    site.build(BUILD_TIME=LATE_JUNE)
    page = site.page("drafts/ferry-fares-frozen-for-2027/")
    assert page.h1.get_text(strip=True) == "Ferry fares frozen for 2027"


def test_new_article_takes_author_and_section_options(tmp_path):
    site = Site(tmp_path)
    site.add_author("bo-marsh", {"name": "Bo Marsh"})
    settings = settings_for(site, git_name=None)
    path, _url = create(settings, "article", "Storm", author="bo-marsh", section="world")
    meta = front_matter(path)
    assert (meta["authors"], meta["category"]) == ("bo-marsh", "World")


def test_a_misspelt_section_is_refused_with_a_suggestion(tmp_path):
    site = Site(tmp_path)
    with pytest.raises(ScaffoldError) as error:
        create(settings_for(site), "article", "Storm", section="Wrold")
    assert str(error.value).startswith(
        "--section: 'Wrold' is not a declared section (did you mean 'World'?)"
    )


def test_no_author_lists_the_profiles(tmp_path):
    site = Site(tmp_path)
    with pytest.raises(ScaffoldError) as error:
        create(settings_for(site, git_name="Cy Unknown"), "article", "Storm")
    assert str(error.value) == (
        "no author: git user.name 'Cy Unknown' is no profile's name; pass --author SLUG "
        '(profiles: ada-lane (Ada Lane)), or add yours with `invoke new author "Your Name"`'
    )


def test_an_existing_file_is_never_overwritten(tmp_path):
    site = Site(tmp_path)
    settings = settings_for(site)
    path, _url = create(settings, "article", "Storm")
    path.write_text("kept", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists; choose another title"):
        create(settings, "article", "Storm")
    assert path.read_text(encoding="utf-8") == "kept"


def test_new_author_and_page_build(tmp_path):
    site = Site(tmp_path)
    settings = settings_for(site, BUILD_TIME=LATE_JUNE)
    author_path, author_url = create(settings, "author", "Zoë Quinn")
    assert author_path == site.content / "authors" / "zoe-quinn.md"
    assert author_url == "http://127.0.0.1:8000/author/zoe-quinn/"
    page_path, page_url = create(settings, "page", "Letters policy")
    assert page_path == site.content / "pages" / "letters-policy.md"
    assert page_url == "http://127.0.0.1:8000/drafts/pages/letters-policy/"
    assert front_matter(page_path)["modified"] == "2026-07-01T00:30:00"
    create(settings, "article", "Storm", author="zoe-quinn")
    site.build(BUILD_TIME=LATE_JUNE)
    assert site.page("drafts/pages/letters-policy/").h1.get_text(strip=True) == "Letters policy"
