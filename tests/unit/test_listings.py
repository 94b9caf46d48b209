"""IndexedList: Pelican's listings ask `article in articles` for every article of the site; the
answer must be a list's answer, only faster, whatever is done to the list."""

from __future__ import annotations

from parallel_render.listings import IndexedList


class Story:
    def __init__(self, name):
        self.source_path = f"{name}.md"


def test_membership_is_a_lists_membership_through_every_change():
    first, second, third, outsider = (Story(n) for n in "abcd")
    items = IndexedList([first, second])
    assert first in items and outsider not in items
    items.append(third)
    assert third in items
    items.remove(first)
    assert first not in items
    items[0] = outsider
    assert outsider in items and second not in items
    items.extend([first])
    items += [second]
    assert first in items and second in items
    items.pop()
    assert second not in items
    del items[0]
    assert outsider not in items
    items.insert(0, second)
    assert second in items
    items.clear()
    assert third not in items and list(items) == []


def test_values_that_are_not_content_compare_by_equality_as_in_a_list():
    items = IndexedList(["harbour", 3])
    assert "harbour" in items and 3 in items and 3.0 in items and "ferry" not in items


def test_frozen_urls_are_pelicans_urls_worked_out_once():
    from pelican.contents import Article, Page
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import SafeDatetime

    from parallel_render.urls import freeze_urls

    settings = dict(DEFAULT_CONFIG, ARTICLE_URL="{date:%Y}/{slug}/", PAGE_URL="{slug}/")
    story = Article(
        "<p>Body</p>",
        {"title": "Pier reopens", "slug": "pier-reopens", "date": SafeDatetime(2026, 3, 2)},
        settings=settings,
    )
    about = Page("<p>Us</p>", {"title": "About", "slug": "about"}, settings=settings)
    expected = {id(c): (c.url, c.save_as) for c in (story, about)}
    freeze_urls({"articles": [story], "pages": [about]})
    assert type(story).__name__ == "Article" and isinstance(story, Article)
    assert type(about).__name__ == "Page"
    assert {id(c): (c.url, c.save_as) for c in (story, about)} == expected
    assert story.url == "2026/pier-reopens/" and about.url == "about/"
    story.metadata["slug"] = "changed"  # frozen: what pages were written under stays
    assert story.url == "2026/pier-reopens/"
