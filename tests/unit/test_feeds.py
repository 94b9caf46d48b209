"""news_seo.feeds: which feed a URL is, its list page, its id and its updated date."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from feedgenerator import Atom1Feed

from news_seo.feeds import (
    EMPTY_FEED_UPDATED,
    FeedTarget,
    dress_feed,
    feed_target,
    newest_entry_date,
    relative_feed_url,
    slug_in,
)

LOCAL = SimpleNamespace(slug="local", url="category/local/")
ADA = SimpleNamespace(slug="ada-lane", url="author/ada-lane/")
CONTEXT = {
    "SITEURL": "https://news.example",
    "FEED_DOMAIN": "https://news.example",
    "INDEX_SAVE_AS": "index.html",
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "CATEGORY_FEED_ATOM": "feeds/category/{slug}.atom.xml",
    "AUTHOR_FEED_ATOM": "feeds/author/{slug}.atom.xml",
    "AUTHOR_FEED_ATOM_URL": "feeds/people/{slug}.xml",  # Pelican uses the _URL form
    "categories": [(LOCAL, [])],
    "authors": [(ADA, [])],
}


def test_feed_target_for_each_kind_of_feed():
    assert feed_target("feeds/all.atom.xml", CONTEXT) == FeedTarget("site", "")
    assert feed_target("feeds/category/local.atom.xml", CONTEXT) == FeedTarget(
        "category", "category/local/"
    )
    assert feed_target("feeds/people/ada-lane.xml", CONTEXT) == FeedTarget(
        "author", "author/ada-lane/"
    )


def test_feed_target_is_none_for_an_unknown_feed_or_slug():
    assert feed_target("feeds/category/world.atom.xml", CONTEXT) is None
    assert feed_target("feeds/tag/x.atom.xml", CONTEXT) is None
    assert feed_target("feeds/author/ada-lane.atom.xml", CONTEXT) is None  # not its URL


def test_slug_in():
    assert slug_in("feeds/category/local.atom.xml", "feeds/category/{slug}.atom.xml") == "local"
    assert slug_in("feeds/category/a/b.atom.xml", "feeds/category/{slug}.atom.xml") is None
    assert slug_in("feeds/all.atom.xml", "feeds/all.atom.xml") is None  # no {slug}


def test_relative_feed_url():
    assert relative_feed_url(
        "https://news.example/feeds/all.atom.xml", "https://news.example/"
    ) == ("feeds/all.atom.xml")
    assert relative_feed_url("https://n.example/feeds/a.xml", "https://n.example") == "feeds/a.xml"
    assert relative_feed_url("/feeds/a.xml", "") == "feeds/a.xml"


def test_newest_entry_date_prefers_the_updated_date():
    old, new, newer = (datetime(2026, 11, day, tzinfo=UTC) for day in (1, 2, 3))
    items = [{"pubdate": old, "updateddate": newer}, {"pubdate": new, "updateddate": None}]
    assert newest_entry_date(items) == newer
    assert newest_entry_date([{"pubdate": new}]) == new
    assert newest_entry_date([]) is None


def _feed(feed_url):
    return Atom1Feed(title="News", link="https://news.example/", description="", feed_url=feed_url)


def test_dress_feed_sets_id_alternate_and_empty_updated():
    feed = _feed("https://news.example/feeds/category/local.atom.xml")
    dress_feed(CONTEXT, feed)
    assert feed.feed["id"] == "https://news.example/feeds/category/local.atom.xml"
    assert feed.feed["link"] == "https://news.example/category/local/"
    assert feed.latest_post_date() == EMPTY_FEED_UPDATED


def test_dress_feed_keeps_the_site_link_for_an_unknown_feed_and_dates_entries():
    feed = _feed("https://news.example/feeds/other.atom.xml")
    date = datetime(2026, 11, 2, tzinfo=UTC)
    feed.add_item(title="A", link="https://news.example/a/", description="", pubdate=date)
    dress_feed(CONTEXT, feed)
    assert feed.feed["id"] == "https://news.example/feeds/other.atom.xml"
    assert feed.feed["link"] == "https://news.example/"
    assert feed.latest_post_date() == date
