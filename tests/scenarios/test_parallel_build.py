"""Builds on every core (front_matter's prefetch, parallel_render's writer) must give readers
exactly what a build in one process gives, and report the same errors."""

from __future__ import annotations

from concurrent.futures import wait

import pytest

from front_matter import prefetch
from newsroom.build import load_settings
from tests.support import (
    BUILD_TIME,
    PUBLISH_SETTINGS,
    SETTINGS,
    BuildFailed,
    article,
    build,
    files_in,
    soup,
)

SERIAL = {"WORKERS": 1, "MIN_ITEMS": 64}
PARALLEL = {"WORKERS": 2, "MIN_ITEMS": 1}  # fork even for a handful of files


def test_sample_site_built_on_two_cores_is_byte_identical_to_one(tmp_path):
    serial = build(
        PUBLISH_SETTINGS, tmp_path / "serial", {"BUILD_TIME": BUILD_TIME, "BUILD_PARALLEL": SERIAL}
    )
    parallel = build(
        PUBLISH_SETTINGS,
        tmp_path / "parallel",
        {"BUILD_TIME": BUILD_TIME, "BUILD_PARALLEL": PARALLEL},
    )
    one, two = files_in(serial.output), files_in(parallel.output)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    # What rendering recorded in the workers came back: the sitemap lists every article.
    sitemap = (parallel.output / "sitemap.xml").read_text()
    assert sitemap.count("<loc>") > 20
    assert "/2026/" in sitemap
    assert serial.warnings == parallel.warnings


def test_content_errors_found_by_workers_read_as_in_one_process(site):
    for number in range(6):
        site.add_article(f"good-{number}", article(title=f"Harbour story {number}"))
    site.add_article("no-date", article(title="Missing date", date=None))
    site.add_article("bad-author", article(title="Who wrote it", authors=["nobody-here"]))
    messages = []
    for parallel in (SERIAL, PARALLEL):
        with pytest.raises(BuildFailed) as failed:
            site.build(BUILD_PARALLEL=parallel)
        messages.append(failed.value.messages)
    assert messages[0] == messages[1]
    assert any("no-date.md" in m and "date" in m for m in messages[1])
    assert any("bad-author.md" in m and "nobody-here" in m for m in messages[1])


def test_pages_rendered_by_workers_are_complete(site):
    for number in range(8):
        site.add_article(f"story-{number}", article(title=f"Harbour story {number}"))
    site.build(BUILD_PARALLEL=PARALLEL)
    page = site.page("/2026/11/harbour-story-3/")
    assert page.h1.get_text(strip=True) == "Harbour story 3"
    head_types = [t["type"] for t in page.find_all("script", type="application/ld+json")]
    assert head_types == ["application/ld+json"]
    home = soup(site.output, "/")
    assert "Harbour story 7" in home.get_text()


def test_a_file_edited_after_it_was_prefetched_is_read_again(site):
    first = site.add_article("first", article(title="First story"))
    second = site.add_article("second", article(title="Second story"))
    settings = load_settings(SETTINGS, site.settings(BUILD_PARALLEL=PARALLEL))
    prefetch.start(settings)
    try:
        wait(set(prefetch._Prefetch.pending.values()))  # both parsed before the edit
        second.write_text(second.read_text() + "\nOne more paragraph.\n", encoding="utf-8")
        assert prefetch.take(str(first)).values["title"] == "First story"
        assert prefetch.take(str(second)) is None  # the reader parses it again, as it is now
    finally:
        prefetch.stop()


def test_a_bad_parallel_setting_names_the_setting(site):
    site.add_article("story", article())
    with pytest.raises(BuildFailed) as failed:
        site.build(BUILD_PARALLEL={"WORKERS": -1})
    assert "BUILD_PARALLEL['WORKERS']" in failed.value.messages[0]


def test_a_bad_markup_cache_setting_names_the_setting(site):
    site.add_article("story", article())
    with pytest.raises(BuildFailed) as failed:
        site.build(MARKUP_CACHE=3)
    assert failed.value.messages[0].startswith("MARKUP_CACHE: expected a path")
