"""Listings and translations without Pelican's quadratic membership tests.

For every tag, category and author page, Pelican's ArticlesGenerator builds the page's date list
with `[a for a in self.dates if a in articles]`, where `articles` is a plain list: every article
of the site is looked up in every listing, linearly. At 10,000 articles and 300 tags that was
about 10 seconds (and still 4 with a set behind each `in`: three million Python-level calls).
We let Pelican run its loop over no dates and hand each page its date list, made for every
listing in one pass over the site's dates; what is written stays as it was.
"""

from __future__ import annotations

import functools
import itertools
import operator

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


def linear_translations(process_translations):
    """Wrap pelican.utils.process_translations, which ends with
    `[x for x in content_list if x not in index]` over plain lists: every article against
    every original (1.4 s at 10,000 articles, a hundred times that at 100,000).

    A story whose translation id (its slug) no other shares, and which does not say it is a
    translation, is its own original, with no translations, and is never warned about; only
    the groups that share an id go through Pelican's function, one group at a time. Both lists
    come out as Pelican's would: in the order of the sorted content list."""
    if getattr(process_translations, "linear", False):
        return process_translations

    @functools.wraps(process_translations)
    def process(content_list, translation_id=None):
        if not translation_id:
            return process_translations(content_list, translation_id)
        ids = {translation_id} if isinstance(translation_id, str) else translation_id
        key = operator.attrgetter(*ids)
        try:
            content_list.sort(key=key)
        except (TypeError, AttributeError):
            return process_translations(content_list, translation_id)  # its own error
        index = []
        for _, group in itertools.groupby(content_list, key):
            items = list(group)
            if len(items) == 1 and _not_a_translation(items[0]):
                items[0].translations = []
                index.append(items[0])
            else:
                index += process_translations(items, translation_id)[0]
        originals = {id(item) for item in index}
        return index, [item for item in content_list if id(item) not in originals]

    process.linear = True
    return process


def _not_a_translation(content) -> bool:
    said = content.metadata.get("translation", "false")
    return isinstance(said, str) and said.lower() == "false"  # else Pelican's own error
