"""Listings with set-backed membership and archives made in one pass must equal Pelican's own,
page for page."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from pelican.generators import ArticlesGenerator

from parallel_render.listings import Members, use_member_lists


class Story:
    def __init__(self, number):
        self.number = number
        self.source_path = f"a{number:03d}.md"


class Listed(SimpleNamespace):
    __hash__ = object.__hash__  # tags are dict keys, as Pelican's are


def listed(name):
    return Listed(name=name, slug=name, save_as=f"{name}/index.html", url=f"{name}/",
                  page_name=name)  # fmt: skip


class FakeGenerator:
    """What generate_tags, generate_categories and generate_authors use of a generator."""

    def __init__(self, seed):
        rng = random.Random(seed)
        self.articles = [Story(n) for n in range(60)]
        self.dates = rng.sample(self.articles, len(self.articles))  # an order of its own
        self.context = {}
        groups = {kind: [listed(f"{kind}{n}") for n in range(7)] for kind in ("t", "c", "a")}
        pick = lambda: rng.sample(self.articles, rng.randint(0, 25))  # noqa: E731
        self.tags = {tag: pick() for tag in groups["t"]}
        self.categories = [(cat, pick()) for cat in groups["c"]]
        shared = pick()  # two authors handed the same list object: each page still gets it
        self.authors = [(author, shared if n < 2 else pick()) for n, author in
                        enumerate(groups["a"])]  # fmt: skip

    def get_template(self, name):
        return name


@pytest.mark.parametrize("name", ["generate_tags", "generate_categories", "generate_authors"])
@pytest.mark.parametrize("seed", range(5))
def test_listings_with_member_lists_write_what_pelican_writes(name, seed):
    def written_by(generator):
        calls = []
        getattr(ArticlesGenerator, name)(generator, lambda *a, **kw: calls.append((a, kw)))
        return [
            (args[0], [s.number for s in kwargs["dates"]], [s.number for s in kwargs["articles"]])
            for args, kwargs in calls
        ]

    theirs = written_by(FakeGenerator(seed))
    generator = FakeGenerator(seed)
    use_member_lists(generator)
    ours = written_by(generator)
    assert ours == theirs and len(theirs) == 7
    assert any(dates for _, dates, _ in theirs)  # the sample has articles in its listings
    assert generator.context["tags"] == list(generator.tags.items())


def test_members_test_identity_and_pickle_as_their_items():
    import pickle  # noqa: PLC0415

    first, second = Story(1), Story(2)
    members = Members([first])
    assert first in members and second not in members and Story(1) not in members
    copy = pickle.loads(pickle.dumps(members))
    assert type(copy) is Members and [s.number for s in copy] == [1]
    assert b"_ids" not in pickle.dumps(members)  # the digests see the articles, never ids


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
    assert type(story) is Article and type(about) is Page  # Pelican's own classes
    assert {id(c): (c.url, c.save_as) for c in (story, about)} == expected
    assert story.url == "2026/pier-reopens/" and about.url == "about/"
    story.metadata["slug"] = "changed"  # frozen: what pages were written under stays
    assert story.url == "2026/pier-reopens/"
    assert not hasattr(story, "override_save_as")  # Pelican's would let it overwrite a file


def test_period_archives_made_in_one_pass_equal_pelicans():
    from datetime import timedelta

    from pelican.contents import Article
    from pelican.generators import ArticlesGenerator
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import SafeDatetime

    from reader_aids.archives import period_archives

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
    cfg = {
        "YEAR_ARCHIVE_SAVE_AS": settings["YEAR_ARCHIVE_SAVE_AS"],
        "YEAR_ARCHIVE_URL": settings["YEAR_ARCHIVE_URL"],
        "MONTH_ARCHIVE_SAVE_AS": settings["MONTH_ARCHIVE_SAVE_AS"],
        "MONTH_ARCHIVE_URL": settings["MONTH_ARCHIVE_URL"],
    }
    got = period_archives(by_date, by_title, cfg)
    mine = {
        g: [a for a in got if len(a["period_num"]) == n] for g, n in (("year", 1), ("month", 2))
    }
    for granularity in ("year", "month"):
        assert len(mine[granularity]) == len(expected[granularity]) > 1
        for ours, theirs in zip(mine[granularity], expected[granularity], strict=True):
            assert ours.keys() == theirs.keys()
            assert [id(a) for a in ours["articles"]] == [id(a) for a in theirs["articles"]]
            assert {k: v for k, v in ours.items() if k not in ("articles", "dates")} == {
                k: v for k, v in theirs.items() if k not in ("articles", "dates")
            }
            assert ours["dates"] == theirs["dates"]
