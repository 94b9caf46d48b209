"""Pure helpers: reading time, previous/next in a section, the corrections list, months."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from html import unescape

from newsroom_core.schema import as_datetime

_TAGS = re.compile(r"<[^>]+>")
# A word is a run of non-space characters with a letter or digit in it ([^\W_]: \w without
# "_", which is what str.isalnum() accepts). Each match starts at a run's first letter or digit
# and takes the rest of the run, so there is one match per word, without the look-behind and
# backtracking that matching whole runs costs (a third of the time).
_WORD = re.compile(r"[^\W_]\S*")


def word_count(html: str) -> int:
    """Words of the text readers read: markup and entities (&nbsp;) removed; a word is a run
    of non-space characters with a letter or digit in it, so "22:40" is one and "—" none."""
    text = unescape(_TAGS.sub(" ", html or ""))
    return len(_WORD.findall(text))


def reading_minutes(words: int, words_per_minute: int) -> int:
    return max(1, math.ceil(words / words_per_minute))


def byline_times(date, modified) -> dict:
    """The byline's dates as shown: "2 Dec 2026, 14:05 GMT"; an update the same day by its
    time alone ("15:30"), another day in full; no update when `modified` is missing or equal."""
    full = "%-d %b %Y, %H:%M %Z" if date.tzinfo else "%-d %b %Y, %H:%M"
    times = {"published": date.strftime(full).rstrip(), "updated": ""}
    if modified and modified != date:
        same_day = modified.date() == date.date()
        times["updated"] = modified.strftime("%H:%M" if same_day else full).rstrip()
    return times


def date_then_url(article) -> tuple:
    """The order of stories in time; between equal dates, by URL, so that it is stable."""
    return (article.date, article.url)


def neighbours_in_category(articles, key=date_then_url) -> dict:
    """{article: (previous, next)}: the older and newer story in the same category."""
    by_category = defaultdict(list)
    for article in articles:
        by_category[article.category].append(article)
    result = {}
    for items in by_category.values():
        items.sort(key=key)
        for i, article in enumerate(items):
            older = items[i - 1] if i > 0 else None
            newer = items[i + 1] if i + 1 < len(items) else None
            result[article] = (older, newer)
    return result


@dataclass(frozen=True)
class CorrectionEntry:
    date: object
    text: str
    article: object


def all_withdrawals(articles) -> list:
    """Withdrawn stories, most recently withdrawn first (ties: the article's URL)."""
    withdrawn = [article for article in articles if getattr(article, "withdrawn", None)]
    return sorted(
        withdrawn,
        key=lambda a: (as_datetime(a.withdrawn["date"]).replace(tzinfo=None), a.url),
        reverse=True,
    )


def all_corrections(articles) -> list[CorrectionEntry]:
    """Every correction on the site, newest first (ties: the article's URL)."""
    entries = [
        CorrectionEntry(c["date"], c["text"], article)
        for article in articles
        for c in getattr(article, "corrections", None) or []
    ]
    return sorted(
        entries,
        key=lambda e: (as_datetime(e.date).replace(tzinfo=None), e.article.url),
        reverse=True,
    )
