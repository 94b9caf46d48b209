"""Related stories through an inverted index: no all-pairs comparison.

Each article's candidates come only from the posting lists of its own features (tags, authors,
distinctive title/summary terms), and each list is cut to the articles nearest in date, so the
work per article is bounded and the whole computation is linear in the number of articles.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left
from collections import defaultdict

WEIGHTS = {"tag": 3.0, "author": 1.0, "term": 1.5, "category": 1.0}
NEIGHBOURS_PER_FEATURE = 12  # nearest articles in date taken from each posting list
HALF_LIFE_DAYS = 120  # recency: a story this much older counts half
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
STOPWORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "also",
        "among",
        "been",
        "before",
        "being",
        "between",
        "both",
        "could",
        "does",
        "during",
        "each",
        "from",
        "have",
        "here",
        "into",
        "just",
        "more",
        "most",
        "much",
        "other",
        "over",
        "said",
        "says",
        "same",
        "should",
        "since",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "very",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
        "year",
        "years",
        "first",
        "last",
        "week",
        "month",
    ]
)


def features(article) -> set[tuple[str, str]]:
    found = {("tag", t.slug) for t in getattr(article, "tags", [])}
    found |= {("author", a.slug) for a in getattr(article, "authors", [])}
    text = f"{article.title} {getattr(article, 'summary', '')}".lower()
    found |= {("term", w.strip("'-")) for w in _WORD.findall(text) if w not in STOPWORDS}
    return found


def related_articles(articles, count=4, minimum_score=3.0) -> dict:
    """{article: [related, ...]} best first; ties broken by date then URL, so it is stable."""
    ordered = sorted(articles, key=lambda a: (a.date, a.url))
    # Read Pelican's attributes once (`url` and `category` are computed on every access) and
    # compare sections as small integers: this loop runs over every candidate pair.
    timestamps = [a.date.timestamp() for a in ordered]
    section_ids: dict = {}
    sections = [section_ids.setdefault(str(a.category), len(section_ids)) for a in ordered]
    # Sorted, so scores are summed in the same order on every run (sets follow string hashes,
    # which change between processes) and equal inputs give bit-identical floats.
    article_features = [sorted(features(a)) for a in ordered]
    postings = defaultdict(list)  # feature -> positions, ascending by date
    for index, found in enumerate(article_features):
        for feature in found:
            postings[feature].append(index)
    total = len(ordered)
    weights = {f: WEIGHTS[f[0]] * math.log(1 + total / len(p)) for f, p in postings.items()}
    result = {}
    for index, article in enumerate(ordered):
        scores = defaultdict(float)
        for feature in article_features[index]:
            positions = postings[feature]
            if len(positions) < 2:
                continue
            weight = weights[feature]
            for other in _nearest(positions, index, NEIGHBOURS_PER_FEATURE):
                scores[other] += weight
        best = _best(timestamps, sections, index, scores, count, minimum_score)
        result[article] = [ordered[other] for other in best]
    return result


def _nearest(positions: list[int], index: int, limit: int) -> list[int]:
    """The `limit` positions nearest to `index` in a sorted list, excluding `index` itself."""
    at = bisect_left(positions, index)
    start = max(0, at - limit // 2)
    return [p for p in positions[start : start + limit + 1] if p != index]


def _best(timestamps, sections, index, scores, count, minimum_score) -> list[int]:
    """Keep candidates sharing enough (a tag, or an author and a term...); rank by score
    decayed with the distance in time, so recent stories are preferred. Positions follow
    (date, URL) order, so the position breaks ties between equal dates by URL."""
    timestamp, section = timestamps[index], sections[index]
    same_section = WEIGHTS["category"]
    half_life = HALF_LIFE_DAYS * 86400
    ranked = []
    for other, score in scores.items():
        if sections[other] == section:
            score += same_section
        if score < minimum_score:
            continue
        other_timestamp = timestamps[other]
        decayed = score * 0.5 ** (abs(timestamp - other_timestamp) / half_life)
        ranked.append((-decayed, -other_timestamp, other))
    return [item[2] for item in heapq.nsmallest(count, ranked)]
