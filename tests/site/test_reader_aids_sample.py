"""Reader aids on the sample site: related stories, reading time, corrections, search, archives."""

from __future__ import annotations

import gzip
import json
import math
import re

from tests.support import BUILD_TIME, PUBLISH_SETTINGS, soup

BASE = "https://lakeside-ledger.example"
FERRY = "/2026/11/lakeside-council-approves-new-winter-ferry-timetable/"
FLOOD = "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/"
MILL_LANE = "/2026/11/road-resurfacing-to-close-mill-lane-for-two-weeks/"
WEATHER = "/2026/11/school-weather-station-joins-the-national-observation-network/"
TURBINES = "/2026/11/university-team-tests-quieter-wind-turbine-blades-off-the-coast/"
BUS = "/2026/11/regional-bus-operator-reports-a-9-rise-in-passengers/"
RAIL = "/2026/10/rail-link-study-points-to-growth-in-freight-traffic/"
CHOIR = "/2026/10/community-choir-records-its-first-album-in-the-old-chapel/"


def related_links(output, url) -> list[str]:
    box = soup(output, url).select_one("section.related")
    if box is None:
        return []
    assert box.h2.get_text() == "Did you read this?"
    return [a["href"].removeprefix(BASE) for a in box.select("a")]


def test_related_stories_pair_what_belongs_together(published_site):
    output = published_site.output
    ferry = related_links(output, FERRY)
    assert ferry[0] == FLOOD  # shared tags, author and section, two weeks apart
    assert MILL_LANE in ferry
    assert related_links(output, WEATHER) == [TURBINES]
    assert related_links(output, TURBINES) == [WEATHER]
    assert RAIL in related_links(output, BUS) and BUS in related_links(output, RAIL)
    assert 1 <= len(ferry) <= 5


def test_related_stories_never_link_drafts_scheduled_or_the_article_itself(published_site):
    output = published_site.output
    for page in output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"):
        url = "/" + str(page.parent.relative_to(output)) + "/"
        for link in related_links(output, url):
            assert link != url
            assert (output / link.strip("/") / "index.html").is_file(), (url, link)


def test_a_story_with_nothing_in_common_gets_no_related_box(published_site):
    # The choir album shares no tag, author or distinctive term with any other story;
    # an unrelated "related" link is worse than none.
    assert related_links(published_site.output, CHOIR) == []


def test_related_stories_are_the_same_on_every_build(published_site, tmp_path):
    from tests.support import build

    again = build(
        PUBLISH_SETTINGS, tmp_path / "again", {"BUILD_TIME": BUILD_TIME, "CACHE_DIR": str(tmp_path)}
    ).output
    for url in (FERRY, BUS, WEATHER, FLOOD):
        assert related_links(again, url) == related_links(published_site.output, url)


def test_reading_time_and_word_count_come_from_the_text(published_site):
    page = soup(published_site.output, FERRY)
    text = page.select_one(".story-body").get_text(" ")
    words = sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
    header = " ".join(page.select_one(".story-head").get_text(" ").split())
    assert words > 50
    assert f"{math.ceil(words / 230)} min read · {words} words" in header


def test_previous_and_next_stay_in_the_section(published_site):
    page = soup(published_site.output, FERRY)
    nav = page.select_one("nav.section-nav")
    targets = [a["href"].removeprefix(BASE) for a in nav.select("a")]
    assert targets
    for target in targets:
        other = soup(published_site.output, target)
        assert other.select_one(".kicker a").get_text() == "Local"


def test_corrections_page_lists_every_correction_newest_first(published_site):
    page = soup(published_site.output, "/corrections/")
    entries = page.select("ol.corrections-log > li")
    assert entries, "the ferry story carries a correction"
    dates = [li.time["datetime"] for li in entries]
    assert dates == sorted(dates, reverse=True)
    first = entries[0]
    assert first.a["href"].removeprefix(BASE) == FERRY
    assert "22:40" in first.get_text()
    article = soup(published_site.output, FERRY)
    assert "22:40" in article.select_one(".corrections").get_text()
    assert article.select_one(".byline .updated time")["datetime"].startswith("2026-11-")
    footer_links = [a["href"].removeprefix(BASE) for a in article.select("footer a")]
    assert "/corrections/" in footer_links and "/archives/" in footer_links


def pagefind_pages(output) -> dict[str, str]:
    """{url: indexed text} read back from Pagefind's gzip-compressed fragments."""
    pages = {}
    for fragment in (output / "pagefind").glob("*/fragment/*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw.removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data["content"]
    return pages


def test_search_index_holds_published_articles_only(published_site):
    output = published_site.output
    indexed = {url.removeprefix(BASE) for url in pagefind_pages(output)}
    assert FERRY in indexed and WEATHER in indexed
    assert BUS not in indexed  # republished in full: noindex, so not in our search either
    assert all(re.match(r"^/\d{4}/\d{2}/[a-z0-9-]+/$", url) for url in indexed), indexed
    assert not any("draft" in url or "/2027/" in url for url in indexed)
    assert "22:40" in pagefind_pages(output)[f"{FERRY}"]  # the body text, not just titles


def test_search_page_works_without_javascript(published_site):
    page = soup(published_site.output, "/search/")
    form = page.select_one("form[role=search]")
    assert form["method"] == "get" and form.select_one("input[name=q]")
    # Without JavaScript the page still lists every published article to browse.
    listed = [a["href"].removeprefix(BASE) for a in page.select(".all-articles a")]
    assert FERRY in listed and len(listed) == 12


def test_archives_go_by_year_and_month(published_site):
    page = soup(published_site.output, "/archives/")
    months = [a["href"].removeprefix(BASE) for a in page.select("a[href]")]
    assert "/2026/11/" in months and "/2026/10/" in months
    november = soup(published_site.output, "/2026/11/")
    assert any(a["href"].removeprefix(BASE) == FERRY for a in november.select("main a"))


def test_comments_are_off_by_default_and_the_editor_is_one_click_away(published_site):
    page = soup(published_site.output, FERRY)
    assert page.select_one("#isso-thread") is None
    assert not [s for s in page.select("script[src]") if "isso" in s["src"]]
    mailto = page.select_one(".respond a[href^='mailto:']")
    assert mailto and "Write to the editor" in mailto.get_text()
