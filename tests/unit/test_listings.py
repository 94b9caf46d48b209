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


def test_period_archives_built_in_one_pass_equal_pelicans():
    from datetime import timedelta

    from pelican.contents import Article
    from pelican.generators import ArticlesGenerator
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import SafeDatetime

    from parallel_render.listings import linear_period_archives

    settings = dict(
        DEFAULT_CONFIG,
        YEAR_ARCHIVE_SAVE_AS="{date:%Y}/index.html",
        MONTH_ARCHIVE_SAVE_AS="{date:%Y}/{date:%m}/index.html",
        DAY_ARCHIVE_SAVE_AS="{date:%Y}/{date:%m}/{date:%d}/index.html",
    )
    start = SafeDatetime(2025, 11, 20)
    stories = [
        Article("<p>x</p>", {"title": f"Story {n:02d}", "date": start + timedelta(days=n * 3)},
                settings=settings)
        for n in range(40)
    ]  # fmt: skip
    by_date = sorted(stories, key=lambda a: a.date, reverse=True)
    by_title = sorted(stories, key=lambda a: a.title)  # another order, kept inside each archive
    pelicans = getattr(
        ArticlesGenerator._build_period_archives,
        "__wrapped__",
        ArticlesGenerator._build_period_archives,
    )
    expected = pelicans(None, by_date, by_title, settings)
    got = linear_period_archives(pelicans)(None, by_date, by_title, settings)
    assert list(got) == list(expected) == ["year", "month", "day"]
    for granularity in expected:
        assert len(got[granularity]) == len(expected[granularity]) > 1
        for ours, theirs in zip(got[granularity], expected[granularity], strict=True):
            assert ours.keys() == theirs.keys()
            assert [id(a) for a in ours["articles"]] == [id(a) for a in theirs["articles"]]
            assert {k: v for k, v in ours.items() if k not in ("articles", "dates")} == {
                k: v for k, v in theirs.items() if k not in ("articles", "dates")
            }
            assert ours["dates"] == theirs["dates"]
