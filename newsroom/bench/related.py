"""Related stories alone, at newsroom scale: `reader_aids.related.related_articles` over N
synthetic articles shaped like the corpus (40 authors, 12 sections, 300 tags), no Pelican.

Issue 8 asks for 10,000 articles in well under a second; the inverted index makes the work per
article bounded, so the time grows linearly. Reported as its own table in docs/performance.md.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .measure import ROOT

if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from reader_aids.related import related_articles  # noqa: E402

SYLLABLES = [
    "ba",
    "ce",
    "di",
    "fo",
    "gu",
    "ha",
    "ke",
    "li",
    "mo",
    "nu",
    "pa",
    "re",
    "si",
    "to",
    "vu",
    "wa",
    "ye",
    "zo",
    "lan",
    "mer",
    "tor",
]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Made-up words of three syllables; drawn with Zipf weights, like words in news copy:
    a few very common, most rare (which is what makes a shared term informative)."""
    words = sorted({"".join(rng.choices(SYLLABLES, k=3)) for _ in range(size * 2)})
    rng.shuffle(words)
    return words[:size]


@dataclass(frozen=True)
class Named:
    slug: str


@dataclass(eq=False)
class SyntheticArticle:
    title: str
    summary: str
    date: datetime
    url: str
    category: Named
    tags: list = field(default_factory=list)
    authors: list = field(default_factory=list)


def synthetic_articles(count: int, seed: int = 8) -> list[SyntheticArticle]:
    rng = random.Random(seed)
    words_list = vocabulary(rng)
    zipf = [1 / rank for rank in range(1, len(words_list) + 1)]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    articles = []
    for number in range(count):
        words = rng.choices(words_list, weights=zipf, k=9)
        articles.append(
            SyntheticArticle(
                title=" ".join(words[:6]).capitalize(),
                summary=" ".join(words[3:]) + ".",
                date=start + timedelta(hours=number * 5 + rng.randrange(5)),
                url=f"article-{number:06d}/",
                category=Named(f"section-{rng.randrange(12)}"),
                tags=[Named(f"tag-{rng.randrange(300)}") for _ in range(rng.randrange(1, 5))],
                authors=[Named(f"author-{rng.randrange(40)}")],
            )
        )
    return articles


def measure_related(sizes, repeat: int = 3) -> list[dict]:
    results = []
    for size in sizes:
        articles = synthetic_articles(size)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            related = related_articles(articles)
            times.append(time.perf_counter() - started)
        with_box = sum(1 for items in related.values() if items)
        results.append(
            {
                "articles": size,
                "seconds": statistics.median(times),
                "runs": repeat,
                "with_related": with_box,
            }
        )
    return results


def render_section(results: list[dict]) -> list[str]:
    lines = [
        "",
        "## Related stories alone (reader_aids)",
        "",
        "`related_articles` over synthetic articles (no Pelican, no I/O); median of the runs.",
        "",
        "| articles | runs | seconds | articles with a related box |",
        "|---:|---:|---:|---:|",
    ]
    for row in results:
        lines.append(
            f"| {row['articles']:,} | {row['runs']} | {row['seconds']:.3f} | "
            f"{row['with_related']:,} |"
        )
    return lines
