"""Listings without Pelican's quadratic membership tests.

For every tag, category and author page, Pelican's ArticlesGenerator builds the page's date list
with `[a for a in self.dates if a in articles]`, where `articles` is a plain list: every article
of the site is looked up in every listing, linearly. At 10,000 articles and 300 tags that was
about 10 seconds (and still 4 with a set behind each `in`: three million Python-level calls).
We let Pelican run its loop over no dates and hand each page its date list, made for every
listing in one pass over the site's dates; what is written stays as it was.
"""

from __future__ import annotations

import functools

# ArticlesGenerator method -> where its listings are: each listing's article lists
LISTINGS = {
    "generate_tags": lambda generator: list(generator.tags.values()),
    "generate_categories": lambda generator: [items for _, items in generator.categories],
    "generate_authors": lambda generator: [items for _, items in generator.authors],
}


def listing_dates(dates, listings) -> dict[int, list]:
    """For each listing's article list (by id), `[a for a in dates if a in articles]`: in the
    order of `dates`, by identity, in one pass."""
    owners: dict[int, list[list]] = {}
    picked: dict[int, list] = {}
    for articles in listings:
        if id(articles) in picked:
            continue
        chosen = picked[id(articles)] = []
        for article_id in {id(article) for article in articles}:
            owners.setdefault(article_id, []).append(chosen)
    for article in dates:
        for chosen in owners.get(id(article), ()):
            chosen.append(article)
    return picked


def linear_listing_dates(generate, listings_of):
    """Wrap generate_tags, generate_categories or generate_authors (see the module's doc)."""
    if getattr(generate, "linear", False):
        return generate

    @functools.wraps(generate)
    def generate_linearly(self, write):
        picked = listing_dates(self.dates, listings_of(self))

        def write_with_dates(*args, **kwargs):
            kwargs["dates"] = picked[id(kwargs["articles"])]
            return write(*args, **kwargs)

        dates, self.dates = self.dates, []  # Pelican's own list comprehension: over nothing
        try:
            return generate(self, write_with_dates)
        finally:
            self.dates = dates

    generate_linearly.linear = True
    return generate_linearly


def linear_period_archives(build_period_archives):
    """Wrap ArticlesGenerator._build_period_archives: Pelican picks each year's and month's
    articles with `[a for a in articles if a in dates]` over plain lists, every article against
    every period. We let it build the archives with no articles to pick from, then fill each
    archive's `articles` in one pass, in the same order."""
    if getattr(build_period_archives, "linear", False):
        return build_period_archives

    def build(self, sorted_articles, articles, settings):
        archives = build_period_archives(self, sorted_articles, [], settings)
        for periods in archives.values():
            owner = {id(item): period for period in periods for item in period["dates"]}
            for article in articles:
                period = owner.get(id(article))
                if period is not None:
                    period["articles"].append(article)
        return archives

    build.linear = True
    build.__wrapped__ = build_period_archives
    return build
