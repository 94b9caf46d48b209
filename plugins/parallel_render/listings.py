"""Listings without Pelican's quadratic membership tests.

For every tag, section and author page, Pelican's ArticlesGenerator builds the page's date list
with `[a for a in self.dates if a in articles]`, where `articles` is a plain list: every article
of the site is looked up in every listing, linearly (some 10 s at 10,000 articles and 300
tags). Each listing's list becomes a `Members` list once the articles are final, whose `in`
is a set lookup; the lists hold the same articles in the same order, so the pages are the same.
"""

from __future__ import annotations


class Members(list):
    """A list whose `in` looks its item up by identity in a set made at the first test, as a
    plain list's `in` does for objects compared by identity. Nothing may be added after."""

    __slots__ = ("_ids",)

    def __contains__(self, item) -> bool:
        try:
            ids = self._ids
        except AttributeError:
            ids = self._ids = frozenset(map(id, self))
        return id(item) in ids

    def __reduce__(self):
        # Pickled (the page engine's digests) as the articles it holds, never the set of ids.
        return (Members, (list(self),))


def use_member_lists(generator) -> None:
    """At article_generator_finalized (our last plugin: after author_profiles adds authors).
    In place: the context shares the generator's lists (and holds the tags as its pairs)."""
    for tag, items in generator.tags.items():
        generator.tags[tag] = Members(items)
    generator.context["tags"] = list(generator.tags.items())
    for pairs in (generator.categories, generator.authors):
        pairs[:] = [(wrapper, Members(items)) for wrapper, items in pairs]
