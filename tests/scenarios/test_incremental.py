"""Rebuilds reuse what earlier builds kept (rendered bodies, images) and leave unchanged output
files alone. Correctness first: after any series of edits, the output must be byte for byte
what a clean build of the same content gives."""

from __future__ import annotations

import shutil

from tests.support import Site, article, author

PARALLEL = {"WORKERS": 2, "MIN_ITEMS": 1}
SERIAL = {"WORKERS": 1, "MIN_ITEMS": 64}


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _clean_build_of(site, tmp_path, step):
    """The same content in a fresh project folder: no output, no caches."""
    clean = tmp_path / f"clean-{step}"
    shutil.copytree(site.content, clean / "content")
    fresh = Site.__new__(Site)
    fresh.root, fresh.content, fresh.output = clean, clean / "content", clean / "output"
    fresh.build(BUILD_PARALLEL=SERIAL)
    return _files(fresh.output)


def _assert_same_as_clean(site, tmp_path, step):
    site.build(BUILD_PARALLEL=PARALLEL)
    built, clean = _files(site.output), _clean_build_of(site, tmp_path, step)
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
