"""news_seo behaviour on tiny sites: fallbacks, settings, exclusions and limits."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from tests.support import BuildFailed, article, sitemap_index_schema, urlset_schema

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}
SELF = "http://127.0.0.1:8000/2026/11/ferry-timetable-approved/"


def head_meta(page, name):
    tag = page.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def locs(path):
    return [e.text for e in ElementTree.parse(path).findall(".//s:loc", NS)]


def test_title_pattern_setting(site):
    site.add_article("story", article())
    site.build(NEWS_SEO={"TITLE_PATTERN": "{title} — {site}"})
    assert (
        site.page("/2026/11/ferry-timetable-approved/").title.string
        == "Ferry timetable approved — The Lakeside Ledger"
    )


def test_unknown_seo_setting_fails_loudly(site):
    site.add_article("story", article())
    with pytest.raises(BuildFailed) as failure:
        site.build(NEWS_SEO={"TITLE_PATERN": "{title}"})
    assert failure.value.messages == [
        "news_seo: NEWS_SEO['TITLE_PATERN']: unknown setting (did you mean 'TITLE_PATTERN'?); "
        "known settings: TITLE_PATTERN, ROBOTS, VERIFICATION, LOCALE, NEWS_PUBLICATION_NAME, "
        "NEWS_LANGUAGE, NEWS_WINDOW_HOURS, NEWS_MAX_URLS, SITEMAP_MAX_URLS, HEADLINE_MAX, "
        "MIN_IMAGE_PIXELS"
    ]


def test_description_falls_back_summary_then_first_paragraph_then_site(site):
    site.add_article("story", article())
    site.add_page(
        "with-summary", {"title": "With summary", "summary": "Our own words."}, "Body para."
    )
    site.add_page("no-summary", {"title": "No summary"}, "First para here.\n\nSecond para.")
    site.add_page("empty", {"title": "Empty"}, "")
    site.build()
    assert head_meta(site.page("/with-summary/"), "description") == "Our own words."
    assert head_meta(site.page("/no-summary/"), "description") == "First para here."
    assert head_meta(site.page("/empty/"), "description") == (
        "Independent local and world news, credited, corrected and clearly sourced."
    )


def test_canonical_front_matter_overrides_and_leaves_the_sitemap(site):
    site.add_article("story", article(canonical="https://elsewhere.example/story"))
    site.add_article("own", article(title="Own story", summary="Our own reporting on the ferry."))
    site.build()
    page = site.page("/2026/11/ferry-timetable-approved/")
    assert page.find("link", rel="canonical")["href"] == "https://elsewhere.example/story"
    assert SELF not in locs(site.output / "sitemap.xml")
    assert "http://127.0.0.1:8000/2026/11/own-story/" in locs(site.output / "sitemap.xml")


def test_default_robots_and_verification_tags(site):
    site.add_article("story", article())
    site.build(NEWS_SEO={"VERIFICATION": {"google-site-verification": "abc123"}})
    page = site.page("/2026/11/ferry-timetable-approved/")
    assert head_meta(page, "robots") == (
        "index, follow, max-snippet:-1, max-image-preview:large, max-video-preview:-1"
    )
    assert head_meta(page, "google-site-verification") == "abc123"
    assert head_meta(site.page("/404.html"), "robots") == "noindex, nofollow"


def test_article_type_names_the_schema_subtype(site):
    site.add_article("story", article(article_type="AnalysisNewsArticle"))
    site.build()
    script = site.page("/2026/11/ferry-timetable-approved/").find(
        "script", type="application/ld+json"
    )
    types = [n["@type"] for n in json.loads(script.string)["@graph"]]
    assert "AnalysisNewsArticle" in types and "NewsArticle" not in types


def test_json_ld_cannot_be_closed_by_a_title(site):
    title = 'Breaking </script><script>alert("x")</script> & more'
    site.add_article("story", article(title=title, slug="breaking"))
    site.build()
    html = (site.output / "2026/11/breaking/index.html").read_text()
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script
    headline = next(n for n in json.loads(script)["@graph"] if n["@type"] == "NewsArticle")[
        "headline"
    ]
    assert headline == title


def test_news_sitemap_window_and_exclusions(site):
    # BUILD_TIME is 2026-11-22T12:00Z; the 48-hour window opens 2026-11-20T12:00Z.
    site.add_article(
        "fresh", article(title="Fresh", summary="A fresh one.", date="2026-11-22T09:00:00Z")
    )
    site.add_article(
        "edge", article(title="Edge", summary="At the edge.", date="2026-11-20T12:30:00Z")
    )
    site.add_article(
        "old", article(title="Old", summary="Too old now.", date="2026-11-20T11:00:00Z")
    )
    site.add_article(
        "copy",
        article(
            title="Copy",
            summary="A copy.",
            date="2026-11-22T08:00:00Z",
            source={"name": "Wire", "url": "https://wire.example/a", "relation": "republished"},
        ),
    )
    site.add_article(
        "draft",
        article(title="Draft", summary="Not yet.", date="2026-11-22T07:00:00Z", status="draft"),
    )
    site.build()
    tree = ElementTree.parse(site.output / "news-sitemap.xml")
    assert [t.text for t in tree.findall(".//n:title", NS)] == ["Fresh", "Edge"]


def test_empty_news_sitemap_is_valid_xml(site):
    site.add_article("story", article(date="2026-01-02"))
    site.build()
    root = ElementTree.parse(site.output / "news-sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert list(root) == []


def test_news_sitemap_splits_past_its_limit(site):
    for hour in range(3):
        site.add_article(
            f"s{hour}",
            article(
                title=f"Story {hour}", summary=f"Summary {hour}.", date=f"2026-11-22T0{hour}:00:00Z"
            ),
        )
    site.build(NEWS_SEO={"NEWS_MAX_URLS": 2})
    first = ElementTree.parse(site.output / "news-sitemap.xml").findall(".//n:title", NS)
    second = ElementTree.parse(site.output / "news-sitemap-2.xml").findall(".//n:title", NS)
    assert [t.text for t in first] == ["Story 2", "Story 1"]
    assert [t.text for t in second] == ["Story 0"]
    robots = (site.output / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/news-sitemap-2.xml" in robots


def test_sitemap_becomes_an_index_past_its_limit(site):
    site.add_article("story", article())
    site.build(NEWS_SEO={"SITEMAP_MAX_URLS": 5})
    root = ElementTree.parse(site.output / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = locs(site.output / "sitemap.xml")
    assert parts[0] == "http://127.0.0.1:8000/sitemap-1.xml"
    urls = [u for n in range(1, len(parts) + 1) for u in locs(site.output / f"sitemap-{n}.xml")]
    assert SELF in urls and len(urls) == len(set(urls))
    assert all(len(locs(site.output / f"sitemap-{n}.xml")) <= 5 for n in range(1, len(parts) + 1))
    sitemap_index_schema().validate(str(site.output / "sitemap.xml"))
    for n in range(1, len(parts) + 1):
        urlset_schema().validate(str(site.output / f"sitemap-{n}.xml"))


def test_duplicate_titles_are_a_warning(site):
    site.add_article("one", article(summary="First summary of the ferry vote."))
    site.add_article("two", article(slug="second", summary="Second summary of the ferry vote."))
    result = site.build()
    assert [w for w in result.warnings if w.startswith("news_seo:")] == [
        "news_seo: duplicate title 'Ferry timetable approved | The Lakeside Ledger' on "
        "2026/11/ferry-timetable-approved/index.html, 2026/11/second/index.html"
    ]


def test_a_page_without_modified_fails_the_build_naming_the_file(site):
    # A page's sitemap lastmod is its `modified`: nothing else on it is dated.
    site.add_article("story", article())
    site.add_page("about", {"title": "About", "modified": None})
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert failure.value.messages == [
        f"{site.content}/pages/about.md:1: modified: required; add it to the front matter"
    ]


def test_author_page_lastmod_falls_back_to_the_profile_modified(site):
    # Fallback order: the newest story on the page -> the profile's `modified`.
    site.add_article("story", article(date="2026-11-02T18:30:00Z", modified="2026-11-03T08:00Z"))
    site.add_author("bo-ray", {"name": "Bo Ray", "modified": "2026-10-01T10:00:00Z"})
    site.build()
    tree = ElementTree.parse(site.output / "sitemap.xml")
    lastmods = {
        u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
        for u in tree.findall("s:url", NS)
    }
    assert lastmods["http://127.0.0.1:8000/author/ada-lane/"] == "2026-11-03T08:00:00+00:00"
    assert lastmods["http://127.0.0.1:8000/author/bo-ray/"] == "2026-10-01T10:00:00+00:00"


def test_news_language_with_a_region_fails_the_build(site):
    # Google's news sitemap schema rejects en-GB; the build says so before writing one.
    site.add_article("story", article())
    with pytest.raises(BuildFailed) as failure:
        site.build(NEWS_SEO={"NEWS_LANGUAGE": "en-GB"})
    assert failure.value.messages == [
        "news_seo: NEWS_SEO['NEWS_LANGUAGE']: expected an ISO 639 code such as 'en' "
        "(Google News takes no region; zh-cn and zh-tw only), got 'en-GB'"
    ]


def test_later_pages_of_an_author_section_or_tag_front_say_their_number(site):
    for n in range(12):  # DEFAULT_PAGINATION is 10: every front gets a second page
        site.add_article(
            f"story-{n}",
            article(title=f"Harbour story number {n}", date=f"2026-11-{n + 1:02d}T09:00:00",
                    tags=["harbour"], summary=f"What happened at the harbour, part {n}."),
        )  # fmt: skip
    result = site.build()
    assert not [w for w in result.warnings if "duplicate title" in w]
    for front in ("author/ada-lane", "category/local", "tag/harbour"):
        second = site.page(f"/{front}/page/2/")
        assert second.title.get_text().split(" | ")[0].endswith(", page 2"), front
