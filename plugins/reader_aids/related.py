"""Related stories through an inverted index: no all-pairs comparison.

Each article's candidates come only from the posting lists of its own features (tags, authors,
distinctive title/summary terms), and each list is cut to the articles nearest in date, so the
work per article is bounded and the whole computation is linear in the number of articles.
The pairs are scored and ranked with numpy, all at once: a Python loop over the ~100 candidates
of each article took 1.3 s at 10,000 articles, the arrays take under 0.5 s.
"""

from __future__ import annotations

import math
import re

import numpy as np

from .aids import date_then_url

WEIGHTS = {"tag": 3.0, "author": 1.0, "term": 1.5, "category": 1.0}
NEIGHBOURS_PER_FEATURE = 12  # nearest articles in date taken from each posting list
OCCURRENCES_PER_CHUNK = 20_000  # (article, feature) pairs scored at a time, ~13 pairs each
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


def features(article) -> set[str]:
    """What an article can share with another, as "kind:value" strings (strings cache their
    hash; tuples do not, and this runs over every article)."""
    text = f"{article.title} {getattr(article, 'summary', '')}".lower()
    words = set(_WORD.findall(text)) - STOPWORDS
    found = {"term:" + word.strip("'-") for word in words}
    found.update(["tag:" + tag.slug for tag in getattr(article, "tags", [])])
    found.update(["author:" + author.slug for author in getattr(article, "authors", [])])
    return found


def related_articles(articles, count=4, minimum_score=3.0, key=date_then_url) -> dict:
    """{article: [related, ...]} best first; ties broken by date then URL, so it is stable.
    `key` may give each article's (date, URL) from a table worked out once."""
    ordered = sorted(articles, key=key)
    if not ordered:
        return {}
    feature_of, article_of, lengths, weights = _feature_occurrences(ordered)
    ranking = _Ranking(ordered, feature_of, article_of, weights, count, minimum_score)
    best: dict = {}
    for chunk in _chunks_by_article(article_of):
        pairs = _candidate_pairs(chunk, feature_of, article_of, lengths, weights, len(ordered))
        best.update(ranking.best(*pairs))
    return {
        article: [ordered[other] for other in best.get(index, ())]
        for index, article in enumerate(ordered)
    }


def _feature_occurrences(ordered):
    """Every (feature, article) occurrence as parallel arrays, grouped by feature and ascending
    by date within a feature: the posting lists, flattened."""
    found = [features(article) for article in ordered]
    # Ids in sorted order, so scores are summed in the same order on every run (sets follow
    # string hashes, which change between processes): equal inputs give bit-identical floats.
    feature_ids = {feature: i for i, feature in enumerate(sorted(set().union(*found)))}
    feature_of = np.fromiter((feature_ids[f] for each in found for f in each), dtype=np.int64)
    article_of = np.repeat(np.arange(len(ordered)), [len(each) for each in found])
    grouped = np.argsort(feature_of, kind="stable")  # stable: keeps date order inside a list
    lengths = np.bincount(feature_of, minlength=len(feature_ids))
    # math.log per feature, not numpy's vectorised log: its last bit can depend on the CPU's
    # instruction set, and a tie broken differently would change the output.
    total = len(ordered)
    weights = np.array(
        [
            WEIGHTS[feature.partition(":")[0]] * math.log(1 + total / lengths[i])
            for feature, i in feature_ids.items()
        ],
        dtype=np.float64,
    )
    return feature_of[grouped], article_of[grouped], lengths, weights


def _chunks_by_article(article_of):
    """Occurrence indices in runs of whole articles, about OCCURRENCES_PER_CHUNK at a time.

    All of an article's candidates come from its own occurrences, so each run can be scored
    and ranked alone: the pair arrays (NEIGHBOURS_PER_FEATURE per occurrence) stay a few MiB
    instead of a quarter of a GiB at 10,000 articles. Within an article the occurrences keep
    feature order (a stable sort), so each pair's weights are summed in the same order."""
    by_article = np.argsort(article_of, kind="stable")
    sorted_articles = article_of[by_article]
    start = 0
    while start < len(by_article):
        end = min(start + OCCURRENCES_PER_CHUNK, len(by_article))
        # Extend to the end of the last article's occurrences.
        end = int(np.searchsorted(sorted_articles, sorted_articles[end - 1], side="right"))
        yield by_article[start:end]
        start = end


def _candidate_pairs(occurrence, feature_of, article_of, lengths, weights, total):
    """(article, candidate, summed weight) for every pair sharing a feature at the given
    occurrences, where the candidate is among the NEIGHBOURS_PER_FEATURE articles nearest
    in date on that feature's list."""
    list_start = np.concatenate(([0], np.cumsum(lengths)[:-1]))[feature_of[occurrence]]
    rank = occurrence - list_start  # place of the article in its list
    length = lengths[feature_of[occurrence]]
    window = np.maximum(0, rank - NEIGHBOURS_PER_FEATURE // 2)
    offsets = np.arange(NEIGHBOURS_PER_FEATURE + 1)
    place = window[:, None] + offsets[None, :]
    keep = (place < length[:, None]) & (place != rank[:, None])
    repeats = keep.sum(axis=1)
    other = article_of[np.repeat(list_start, repeats) + place[keep]]
    occurrence = np.repeat(occurrence, repeats)
    # One key per (article, candidate). A stable sort keeps a pair's weights in feature order,
    # and reduceat sums each run of equal keys left to right.
    keys = article_of[occurrence] * total + other
    if not len(keys):  # nobody shares anything with anybody
        return keys, keys, np.zeros(0)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    scores = np.add.reduceat(weights[feature_of[occurrence[order]]], starts)
    keys = keys[starts]
    return keys // total, keys % total, scores


class _Ranking:
    """Keep candidates sharing enough (a tag, or an author and a term...); rank by score
    decayed with the distance in time, so recent stories are preferred. Positions follow
    (date, URL) order, so the position breaks ties between equal dates by URL."""

    def __init__(self, ordered, feature_of, article_of, weights, count, minimum_score):
        self.timestamps = np.array([a.date.timestamp() for a in ordered], dtype=np.float64)
        # `category` is computed by Pelican on every access: read it once, compare integers.
        section_ids: dict = {}
        self.sections = np.array(
            [section_ids.setdefault(str(a.category), len(section_ids)) for a in ordered]
        )
        self.count, self.minimum_score, self.total = count, minimum_score, len(ordered)
        # No pair can score more than everything one article has plus the shared section:
        # a bound the same for every chunk, so scores are quantised alike in all of them.
        own = np.bincount(article_of, weights=weights[feature_of], minlength=len(ordered))
        self.highest = float(own.max(initial=0.0)) + WEIGHTS["category"]

    def best(self, article, other, scores) -> dict:
        same_section = self.sections[article] == self.sections[other]
        scores = scores + np.where(same_section, WEIGHTS["category"], 0.0)
        kept = scores >= self.minimum_score
        article, other, scores = article[kept], other[kept], scores[kept]
        distance = np.abs(self.timestamps[article] - self.timestamps[other]) / (
            HALF_LIFE_DAYS * 86400
        )
        decayed = scores * np.exp2(-distance)
        order = _best_first(article, other, decayed, self.total, self.highest)
        article, other = article[order], other[order]
        starts = np.flatnonzero(np.concatenate(([True], article[1:] != article[:-1])))
        group_sizes = np.diff(np.append(starts, len(article)))
        top = (np.arange(len(article)) - np.repeat(starts, group_sizes)) < self.count
        best: dict = {}
        for index, candidate in zip(article[top].tolist(), other[top].tolist(), strict=True):
            best.setdefault(index, []).append(candidate)
        return best


def _best_first(article, other, decayed, total, highest):
    """The order that groups pairs by article, best first within each: the higher decayed score,
    then the later position (the newer story; between equal dates, the later URL).

    One sort of unique int64 keys (article, quantised score, position) instead of a lexsort,
    which needs a stable pass per key. Scores are quantised relative to `highest` (a bound on
    every score), to at least 2**-23 of it, so any sort gives the same order; scores closer
    than that count as equal.
    """
    bits = max(1, int(total - 1).bit_length())
    # At most 52 bits, so the float arithmetic below is exact enough never to pass `levels`.
    score_bits = min(52, 63 - 2 * bits)
    if score_bits < 23 or not len(decayed):
        return np.lexsort((-other, -decayed, article))
    levels = (1 << score_bits) - 1
    scaled = np.floor(decayed * (levels / highest)).astype(np.int64)
    scaled = np.minimum(scaled, levels)
    keys = (article << (score_bits + bits)) | ((levels - scaled) << bits) | (total - 1 - other)
    return np.argsort(keys)
