"""Related stories (reader_aids.related): the vectorised index against a brute-force reading of
the same rule, plus the properties a reader notices (nothing shared, no box; stable order)."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.bench.related import Named, SyntheticArticle, synthetic_articles
from reader_aids.related import HALF_LIFE_DAYS, WEIGHTS, features, related_articles

START = datetime(2026, 1, 1, tzinfo=UTC)


def _article(number, title, tags=(), authors=("ana",), section="news", days=0):
    return SyntheticArticle(
        title=title,
        summary="",
        date=START + timedelta(days=days),
        url=f"a{number}/",
        category=Named(section),
        tags=[Named(t) for t in tags],
        authors=[Named(a) for a in authors],
    )


def _brute_force(articles, count=4, minimum_score=3.0):
    """Every pair compared; fine for a handful of articles, and short enough posting lists
    (at most 7 entries) that the index's date window covers every one of them."""
    found = {a: features(a) for a in articles}
    df = {}
    for each in found.values():
        for feature in each:
            df[feature] = df.get(feature, 0) + 1
    total = len(articles)
    result = {}
    for article in articles:
        ranked = []
        for other in articles:
            if other is article:
                continue
            shared = sorted(found[article] & found[other])
            score = sum(WEIGHTS[f.partition(":")[0]] * math.log(1 + total / df[f]) for f in shared)
            if str(other.category) == str(article.category):
                score += WEIGHTS["category"]
            if score < minimum_score:
                continue
            days = abs((article.date - other.date).total_seconds()) / 86400
            ranked.append((-score * 0.5 ** (days / HALF_LIFE_DAYS), -other.date.timestamp(), other))
        ranked.sort(key=lambda item: item[:2])
        result[article] = [item[2] for item in ranked[:count]]
    return result


@pytest.mark.parametrize("seed", range(12))
def test_index_agrees_with_comparing_every_pair(seed):
    articles = synthetic_articles(7, seed=seed)
    # A small vocabulary, so that articles do share terms, tags and authors.
    rng = random.Random(seed)
    for article in articles:
        article.tags = [Named(f"tag-{rng.randrange(4)}")]
        article.authors = [Named(f"author-{rng.randrange(3)}")]
    expected = _brute_force(articles)
    got = related_articles(articles)
    assert {a.url: [r.url for r in got[a]] for a in articles} == {
        a.url: [r.url for r in expected[a]] for a in articles
    }


def test_story_sharing_nothing_gets_no_related_box():
    loner = _article(0, "Choir rehearses", tags=["music"], authors=["bo"], section="culture")
    others = [
        _article(i, f"Harbour ferry timetable {i}", tags=["transport"], days=i) for i in range(1, 6)
    ]
    related = related_articles([loner, *others])
    assert related[loner] == []
    assert all(loner not in related[o] for o in others)


def test_more_in_common_ranks_first_and_nearer_in_time_breaks_even():
    ferry = _article(0, "Ferry service resumes", tags=["transport", "harbour"], days=100)
    twin = _article(1, "Ferry service delayed", tags=["transport", "harbour"], days=95)
    bus = _article(2, "Bus service resumes", tags=["transport"], days=99)
    old_twin = _article(3, "Ferry service delayed", tags=["transport", "harbour"], days=80)
    related = related_articles([ferry, twin, bus, old_twin])[ferry]
    # Both ferry stories share more than the bus story, though it is the newest; of the two,
    # with the same in common, the one nearer in time comes first.
    assert related == [twin, old_twin, bus]


def test_order_of_the_input_does_not_change_the_result():
    articles = synthetic_articles(400, seed=3)
    first = related_articles(articles)
    shuffled = list(articles)
    random.Random(1).shuffle(shuffled)
    second = related_articles(shuffled)
    assert {a.url: [r.url for r in v] for a, v in first.items()} == {
        a.url: [r.url for r in v] for a, v in second.items()
    }
    assert sum(1 for v in first.values() if v) > 300  # most stories do get a box


def test_no_articles_no_related():
    assert related_articles([]) == {}


def test_a_lone_article_or_strangers_get_no_related():
    lone = _article(0, "Pier reopens")
    assert related_articles([lone]) == {lone: []}
    strangers = [
        _article(1, "Choir rehearses", tags=["music"], authors=["bo"], section="culture"),
        _article(2, "Ferry delayed", tags=["transport"], authors=["cy"], section="local"),
    ]
    assert related_articles(strangers) == {s: [] for s in strangers}
