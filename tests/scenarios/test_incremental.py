"""Rebuilds reuse what earlier builds kept (rendered bodies, images) and leave unchanged output
files alone. Correctness first: after any series of edits, the output must be byte for byte
what a clean build of the same content gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from jinja2 import pass_context

from tests.support import ROOT, BuildFailed, Site, article, author, files_in

PARALLEL = {"WORKERS": 2, "MIN_ITEMS": 1}
SERIAL = {"WORKERS": 1, "MIN_ITEMS": 64}


def _clean_build_of(site, tmp_path, step):
    """The same content in a fresh project folder: no output, no caches."""
    clean = tmp_path / f"clean-{step}"
    shutil.copytree(site.content, clean / "content")
    fresh = Site.__new__(Site)
    fresh.root, fresh.content, fresh.output = clean, clean / "content", clean / "output"
    fresh.build(BUILD_PARALLEL=SERIAL)
    return files_in(fresh.output)


def _assert_same_as_clean(site, tmp_path, step):
    site.build(BUILD_PARALLEL=PARALLEL)
    built, clean = files_in(site.output), _clean_build_of(site, tmp_path, step)
    assert sorted(built) == sorted(clean), step
    assert [name for name in built if built[name] != clean[name]] == [], step


def test_series_of_edits_builds_what_a_clean_build_builds(site, tmp_path):
    site.add_author("ben-okafor", author(name="Ben Okafor"))
    for number in range(4):
        site.add_article(
            f"story-{number}",
            article(title=f"Harbour story {number}", tags=["harbour"], summary=f"Story {number}."),
            body=f"Paragraph about the harbour, number {number}.",
        )
    _assert_same_as_clean(site, tmp_path, "first build")

    site.add_article("added", article(title="Ferry fares frozen", authors=["ben-okafor"]))
    _assert_same_as_clean(site, tmp_path, "add an article")

    site.add_article(
        "story-1",
        article(title="Harbour story 1", tags=["harbour"]),
        body="The harbour master *changed* the tide table.",
    )
    _assert_same_as_clean(site, tmp_path, "edit an article's body")

    shutil.copy(ROOT / "content" / "images" / "heron-count.jpg", site.content / "images")
    pictured = article(title="Harbour story 1", tags=["harbour"], image="images/heron-count.jpg")
    body = "The harbour master *changed* the tide table."
    site.add_article("story-1", dict(pictured, image_alt="Herons on the harbour wall"), body=body)
    _assert_same_as_clean(site, tmp_path, "give an article a lead image (its og:image too)")
    site.add_article("story-1", dict(pictured, image_alt="Two herons at dawn"), body=body)
    _assert_same_as_clean(site, tmp_path, "change the lead image's text (og:image:alt)")

    site.add_article(
        "story-2",
        article(title="Harbour wall repaired", slug="harbour-story-2", tags=["harbour"]),
        body="Paragraph about the harbour, number 2.",
    )
    _assert_same_as_clean(site, tmp_path, "retitle an article")

    (site.content / "articles" / "story-3.md").unlink()
    _assert_same_as_clean(site, tmp_path, "delete an article")

    site.add_author("ben-okafor", author(name="Ben Okafor", role="Transport editor"))
    _assert_same_as_clean(site, tmp_path, "edit an author")

    site.add_author(
        "ben-okafor", author(name="Ben Okafor", photo="images/logo.png", photo_alt="Ben Okafor")
    )
    _assert_same_as_clean(site, tmp_path, "give an author a photo")

    site.add_page("about", {"title": "About us"})
    _assert_same_as_clean(site, tmp_path, "add a page (every page's footer)")
    site.add_page("about", {"title": "About the Ledger", "slug": "about-us"})
    _assert_same_as_clean(site, tmp_path, "retitle a page")

    site.add_article(
        "linking",
        article(title="Tide tables explained", slug="tide-tables"),
        body="Read [the repair story]({filename}/articles/story-2.md) first.",
    )
    _assert_same_as_clean(site, tmp_path, "link to another story")
    site.add_article(
        "story-2",
        article(title="Harbour wall repaired", slug="harbour-wall-repaired", tags=["harbour"]),
        body="Paragraph about the harbour, number 2.",
    )
    _assert_same_as_clean(site, tmp_path, "move the linked story (slug change)")

    withdrawn = article(
        title="Harbour story 0",
        tags=["harbour"],
        withdrawn={"date": "2026-11-21", "reason": "The figures were wrong."},
    )
    site.add_article("story-0", withdrawn, body="Paragraph about the harbour, number 0.")
    _assert_same_as_clean(site, tmp_path, "withdraw an article")


def test_a_rebuild_leaves_unchanged_files_alone(site):
    for number in range(3):
        site.add_article(f"story-{number}", article(title=f"Harbour story {number}"))
    site.add_page("about", {"title": "About us"})
    site.build()
    edited = site.output / "2026/11/harbour-story-0/index.html"
    untouched = site.output / "about-us/index.html"
    before = {path: path.stat() for path in (edited, untouched)}

    site.add_article("story-0", article(title="Harbour story 0"), body="A corrected paragraph.")
    (site.content / "articles" / "story-1.md").unlink()
    site.build()

    assert "A corrected" in edited.read_text()
    assert edited.stat().st_ino != before[edited].st_ino  # replaced
    assert untouched.stat().st_ino == before[untouched].st_ino  # not rewritten
    assert untouched.stat().st_mtime_ns == before[untouched].st_mtime_ns
    assert not (site.output / "2026/11/harbour-story-1").exists()  # deleted, and its folder


def test_changing_a_markup_setting_renders_bodies_again(site):
    site.add_article("story", article(), body='He said "yes" -- twice.')
    site.build()
    typographic = (site.output / "2026/11/ferry-timetable-approved/index.html").read_text()
    site.build(NEWSROOM_TYPOGRIFY=False)
    plain = (site.output / "2026/11/ferry-timetable-approved/index.html").read_text()
    assert "&#8220;" in typographic or "\u201c" in typographic
    assert '"yes"' in plain or "&quot;yes&quot;" in plain


def test_search_index_follows_an_edit_and_is_reused_when_nothing_changed(site, caplog):
    from tests.site.test_reader_aids_sample import pagefind_pages

    for number in range(2):
        site.add_article(f"story-{number}", article(title=f"Harbour story {number}"))
    site.build()
    assert "saltmarsh" not in " ".join(pagefind_pages(site.output).values())

    site.add_article("story-1", article(title="Harbour story 1"), body="The saltmarsh flooded.")
    with caplog.at_level("INFO", logger="reader_aids.search"):
        site.build()
    assert "search index reused" not in caplog.text
    indexed = pagefind_pages(site.output)
    assert "saltmarsh" in indexed["/2026/11/harbour-story-1/"]

    caplog.clear()
    with caplog.at_level("INFO", logger="reader_aids.search"):
        site.build()
    assert "search index reused" in caplog.text
    assert pagefind_pages(site.output) == indexed


def _build_noting_renders(site, caplog=None, **overrides) -> set[str]:
    """The pages the build rendered (the rest came from the build before)."""
    return set(site.build(**overrides).report.get("pages rendered", []))


def test_a_body_edit_renders_only_the_pages_that_show_it(site, caplog, tmp_path):
    for number in range(4):
        site.add_article(
            f"story-{number}",
            article(title=f"Harbour story {number}", tags=["harbour"], summary=f"Story {number}."),
            body=f"Paragraph about the harbour, number {number}.",
        )
    site.add_page("about", {"title": "About us"})
    first = _build_noting_renders(site, caplog, BUILD_PARALLEL=PARALLEL)
    assert "2026/11/harbour-story-3/index.html" in first and "about-us/index.html" in first

    assert _build_noting_renders(site, caplog, BUILD_PARALLEL=PARALLEL) == set()

    site.add_article(
        "story-1",
        article(title="Harbour story 1", tags=["harbour"], summary="Story 1."),
        body="Paragraph about the harbour, number 1, with a corrected figure.",
    )
    rendered = _build_noting_renders(site, caplog, BUILD_PARALLEL=PARALLEL)
    assert "2026/11/harbour-story-1/index.html" in rendered
    # The other stories and the about page show nothing that changed.
    assert "2026/11/harbour-story-3/index.html" not in rendered
    assert "about-us/index.html" not in rendered
    assert "with a corrected" in (site.output / "2026/11/harbour-story-1/index.html").read_text()
    assert files_in(site.output) == _clean_build_of(site, tmp_path, "body edit")


def test_an_edit_writes_again_only_the_feeds_that_carry_the_story(site, tmp_path):
    site.add_author("ben-okafor", author(name="Ben Okafor"))
    site.add_article("harbour", article(title="Harbour wall repaired"))
    site.add_article(
        "market",
        article(title="Market stalls reopen", authors=["ben-okafor"], category="Business"),
    )
    site.build(BUILD_PARALLEL=PARALLEL)
    assert site.build(BUILD_PARALLEL=PARALLEL).report["feeds rendered"] == []

    site.add_article(
        "market",
        article(title="Market stalls reopen", authors=["ben-okafor"], category="Business"),
        body="Twelve stalls reopened on Saturday; two more follow in spring.",
    )
    result = site.build(BUILD_PARALLEL=PARALLEL)
    # The site's feed, its section's and its author's carry the story; Local's and Ada
    # Lane's do not and stay as the last build wrote them.
    assert result.report["feeds rendered"] == [
        "feeds/all.atom.xml",
        "feeds/author/ben-okafor.atom.xml",
        "feeds/category/business.atom.xml",
    ]
    assert result.report["feeds reused"] == 2
    assert "two more follow" in (site.output / "feeds/author/ben-okafor.atom.xml").read_text()
    assert files_in(site.output) == _clean_build_of(site, tmp_path, "feed edit")


def test_after_a_cold_build_with_images_nothing_is_rendered_again(site):
    from tests.support import ROOT

    shutil.copy(ROOT / "content/images/flood-summit.jpg", site.content / "images/summit.jpg")
    site.add_article(
        "story", article(image="images/summit.jpg", image_alt="Delegates on a sea wall")
    )
    site.build()  # encodes the renditions: their data is made, not read from the cache
    assert _build_noting_renders(site) == set()


def test_a_rebuild_by_a_new_process_renders_nothing(site):
    """`invoke build` twice: each run is a new interpreter, whose sets (Pelican's static files,
    say) iterate in another order. Two hash seeds that order five images differently."""
    for index in range(5):
        shutil.copy(site.content / "images" / "logo.png", site.content / "images" / f"p{index}.png")
    site.add_article("story", article())
    command = [sys.executable, "-m", "newsroom.build", "--content", str(site.content)]
    command += ["--output", str(site.output), "--force"]  # the pages, not the whole build, reused
    runs = [
        subprocess.run(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1795000000"},
            capture_output=True,
            text=True,
            check=True,
        )
        for seed in ("1", "2")
    ]
    assert "Pages: 0 rendered" not in runs[0].stdout
    assert "Pages: 0 rendered" in runs[1].stdout, runs[1].stdout


def test_a_theme_change_renders_every_page_again(site, caplog, tmp_path):
    from tests.support import ROOT

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.add_article("story", article())
    site.build(THEME=str(theme))
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<!-- theme v2 --></body>"))
    rendered = _build_noting_renders(site, caplog, THEME=str(theme))
    pages = [p for p in site.output.rglob("*.html") if "pagefind" not in p.parts]
    assert {p.relative_to(site.output).as_posix() for p in pages} <= rendered
    assert all("<!-- theme v2 -->" in p.read_text() for p in pages)


def test_a_setting_change_renders_every_page_again(site, caplog):
    site.add_article("story", article())
    site.build()
    rendered = _build_noting_renders(site, caplog, SITENAME="The Harbour Gazette")
    assert "2026/11/ferry-timetable-approved/index.html" in rendered
    assert "The Harbour Gazette" in (site.output / "index.html").read_text()


def test_an_output_page_changed_by_hand_is_rendered_again(site, caplog):
    site.add_article("story", article())
    site.build()
    page = site.output / "2026/11/ferry-timetable-approved/index.html"
    good = page.read_bytes()
    page.write_text("defaced")
    rendered = _build_noting_renders(site, caplog)
    assert rendered == {"2026/11/ferry-timetable-approved/index.html"}
    assert page.read_bytes() == good


def test_page_cache_off_renders_every_page(site, caplog):
    site.add_article("story", article())
    site.build(PAGE_CACHE="")
    site.build(PAGE_CACHE="")
    assert not (site.root / ".cache" / "pages.pickle").exists()


def test_page_cache_that_is_not_a_path_is_a_settings_error(site):
    from newsroom.build import BuildFailed

    site.add_article("story", article())
    with pytest.raises(BuildFailed, match="PAGE_CACHE: expected a path"):
        site.build(PAGE_CACHE=7)


def test_a_global_given_the_context_must_declare_what_it_reads(site):
    """A template's text shows what it reads, but not what a @pass_context global reads from
    the context: undeclared, a page showing it could be reused after it changed."""
    peek = pass_context(lambda context: context["articles"][0].title)
    site.add_article("story", article())
    with pytest.raises(BuildFailed, match=r"JINJA_GLOBALS\['peek'\] reads the page's context"):
        site.build(JINJA_GLOBALS={"peek": peek})
    site.build(JINJA_GLOBALS={"peek": peek}, PAGE_CONTEXT_READS={"peek": ["articles"]})
