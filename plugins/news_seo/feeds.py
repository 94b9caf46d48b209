"""Feed-level metadata: each Pelican feed gets its own `<id>`, an alternate link to its own list
page and an `<updated>` from its own entries.

Pelican gives every feed the site URL as `<id>` and `<link rel="alternate">`, and feedgenerator
dates a feed with no entries by the wall clock. `dress_feed` runs on `feed_generated`, once per
feed, before it is written: first the feed-level steps, then the entry-level ones (none yet;
entries keep Pelican's `unique_id`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

# An empty feed has no entry to date it. Atom requires `<updated>`; any real instant would claim
# a change that did not happen (the build clock would rewrite the file on every build), so it
# is the Unix epoch: the same bytes every build, older than anything the feed will ever hold.
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)

# (feed path setting, what it follows, the context list of the objects it is named after)
FEED_SETTINGS = (
    ("FEED_ALL_ATOM", "site", None),
    ("FEED_ATOM", "site", None),
    ("FEED_ALL_RSS", "site", None),
    ("FEED_RSS", "site", None),
    ("CATEGORY_FEED_ATOM", "category", "categories"),
    ("CATEGORY_FEED_RSS", "category", "categories"),
    ("AUTHOR_FEED_ATOM", "author", "authors"),
    ("AUTHOR_FEED_RSS", "author", "authors"),
    ("TAG_FEED_ATOM", "tag", "tags"),
    ("TAG_FEED_RSS", "tag", "tags"),
)


@dataclass(frozen=True)
class FeedTarget:
    kind: str  # site | category | author | tag
    page_url: str  # the site-relative URL of the list page the feed follows ('' = home)


def feed_target(relative_url: str, context) -> FeedTarget | None:
    """Which feed `relative_url` is, from the feed settings (their `_URL` forms first, as
    Pelican uses them) and the categories, authors and tags in the context."""
    for key, kind, listing in FEED_SETTINGS:
        pattern = context.get(f"{key}_URL") or context.get(key)
        if not pattern:
            continue
        if listing is None:
            if relative_url == pattern.lstrip("/"):
                return FeedTarget(kind, home_url(context))
            continue
        slug = slug_in(relative_url, pattern)
        if slug is None:
            continue
        found = next((obj for obj, _ in context.get(listing) or [] if obj.slug == slug), None)
        if found is not None:
            return FeedTarget(kind, found.url)
    return None


def slug_in(relative_url: str, pattern: str) -> str | None:
    """The `{slug}` of `pattern` that gives `relative_url`, or None."""
    parts = str(pattern).lstrip("/").split("{slug}")
    if len(parts) != 2:
        return None
    match = re.fullmatch(f"{re.escape(parts[0])}([^/]+){re.escape(parts[1])}", relative_url)
    return match.group(1) if match else None


def home_url(context) -> str:
    return str(context.get("INDEX_SAVE_AS") or "index.html").removesuffix("index.html")


def relative_feed_url(feed_url: str, feed_domain: str) -> str:
    """`feed_url` as Pelican made it (FEED_DOMAIN joined with the feed's URL), relative."""
    domain = (feed_domain or "").rstrip("/")
    return (feed_url.removeprefix(domain) if domain else feed_url).lstrip("/")


def newest_entry_date(items) -> datetime | None:
    """Fallback order for an entry's date: its updated date -> its published date."""
    dates = [item.get("updateddate") or item.get("pubdate") for item in items]
    return max((date for date in dates if date), default=None)


# --- the steps ---------------------------------------------------------------------------


def identify_feed(feed, context) -> None:
    """`<id>`: the feed's own URL. Alternate link: its list page, on Pelican's site link."""
    feed_url = feed.feed.get("feed_url")
    if not feed_url:
        return
    feed.feed["id"] = feed_url
    target = feed_target(relative_feed_url(feed_url, context.get("FEED_DOMAIN")), context)
    if target is not None:
        feed.feed["link"] = feed.feed["link"].rstrip("/") + "/" + target.page_url


def date_feed(feed, context) -> None:
    """`<updated>`: feedgenerator's own rule (the newest entry's updated or published date)
    for a feed with entries; EMPTY_FEED_UPDATED for one without."""
    if newest_entry_date(feed.items) is None:
        # feedgenerator has no setting for it: this feed object's method alone is replaced.
        feed.latest_post_date = lambda: EMPTY_FEED_UPDATED


FEED_STEPS = (identify_feed, date_feed)
ENTRY_STEPS: tuple = ()  # (item, context) -> None, run on each entry in order


def dress_feed(context, feed) -> None:
    """`feed_generated` handler: every feed step, then every entry step on each entry."""
    for step in FEED_STEPS:
        step(feed, context)
    for item in feed.items:
        for step in ENTRY_STEPS:
            step(item, context)
