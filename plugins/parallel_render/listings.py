"""Listings without Pelican's quadratic membership tests.

For every tag, category and author page, Pelican's ArticlesGenerator builds the page's date list
with `[a for a in self.dates if a in articles]`, where `articles` is a plain list: every article
of the site is looked up in every listing, linearly. At 10,000 articles and 300 tags that was
about 10 seconds. We hand Pelican the same lists as `IndexedList`s, whose `in` is a set lookup;
order, contents and everything else stay as they were.
"""

from __future__ import annotations


class IndexedList(list):
    """A list whose `x in list` is O(1): membership by identity, as the listings need it
    (Pelican's content objects compare by identity). The index is rebuilt after any change."""

    _ids: frozenset | None = None

    def __contains__(self, item) -> bool:
        if self._ids is None:
            self._ids = frozenset(map(id, self))
        return id(item) in self._ids or (
            # An equal but distinct object (never a content object): list semantics.
            not hasattr(item, "source_path") and list.__contains__(self, item)
        )


def _invalidating(name):
    method = getattr(list, name)

    def changed(self, *args, **kwargs):
        self._ids = None
        return method(self, *args, **kwargs)

    changed.__name__ = name
    return changed


for _name in (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
):
    setattr(IndexedList, _name, _invalidating(_name))


def index_listings(generator) -> None:
    """At article_generator_finalized: tags, categories and authors get IndexedLists. The
    containers are changed in place: the context and other plugins hold the same objects."""
    for tag, items in generator.tags.items():
        generator.tags[tag] = IndexedList(items)
    generator.categories[:] = [(cat, IndexedList(items)) for cat, items in generator.categories]
    generator.authors[:] = [(author, IndexedList(items)) for author, items in generator.authors]
    if isinstance(generator.context.get("tags"), list):
        generator.context["tags"][:] = list(generator.tags.items())


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
