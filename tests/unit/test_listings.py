"""Listings and archives made in one pass must equal Pelican's own, page for page."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest
from pelican.generators import ArticlesGenerator

from parallel_render.listings import LISTINGS, linear_listing_dates


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


def pelicans(name):
    method = getattr(ArticlesGenerator, name)
    return getattr(method, "__wrapped__", method)


@pytest.mark.parametrize("name", sorted(LISTINGS))
@pytest.mark.parametrize("seed", range(5))
def test_listing_dates_made_in_one_pass_equal_pelicans(name, seed):
    def written_by(generate):
        generator, calls = FakeGenerator(seed), []
        generate(generator, lambda *args, **kwargs: calls.append((args, kwargs)))
        return [
            (args[0], [s.number for s in kwargs["dates"]], [s.number for s in kwargs["articles"]])
            for args, kwargs in calls
        ], [s.number for s in generator.dates]

    theirs, their_dates = written_by(pelicans(name))
    ours, our_dates = written_by(linear_listing_dates(pelicans(name), LISTINGS[name]))
    assert ours == theirs and len(theirs) == 7
    assert any(dates for _, dates, _ in theirs)  # the sample has articles in its listings
    assert our_dates == their_dates  # the generator's own date list is back as it was


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


class Translated:
    """What process_translations reads of a content: its id, language and metadata."""

    def __init__(self, number, slug, lang, translation):
        self.number, self.slug, self.lang = number, slug, lang
        self.in_default_lang = lang == "en"
        self.source_path = f"{slug}-{number}.md"
        self.metadata = {"translation": translation} if translation else {}


def _translated_site(seed):
    rng = random.Random(seed)
    return [
        Translated(
            n,
            f"story-{rng.randrange(40)}",
            rng.choice(["en", "en", "fr", "de"]),
            rng.choice([None, None, "false", "true", "True"]),
        )  # fmt: skip
        for n in range(80)
    ]


def _outcome(process, contents):
    from pelican.log import LimitFilter  # noqa: PLC0415

    # Pelican logs a warning once per build: let each run warn afresh.
    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    originals, translations = process(contents, "slug")
    return (
        [c.number for c in contents],  # the list is sorted in place, as Pelican does
        [c.number for c in originals],
        [c.number for c in translations],
        {c.number: [t.number for t in c.translations] for c in contents},
    )


@pytest.mark.parametrize("seed", range(6))
def test_translations_in_one_pass_are_pelicans(seed, caplog):
    from pelican.utils import process_translations  # noqa: PLC0415

    from parallel_render.listings import linear_translations  # noqa: PLC0415

    expected = _outcome(process_translations, _translated_site(seed))
    expected_warnings = [r.getMessage() for r in caplog.records]
    caplog.clear()
    got = _outcome(linear_translations(process_translations), _translated_site(seed))
    assert got == expected
    assert [r.getMessage() for r in caplog.records] == expected_warnings
    assert expected_warnings  # the sites do have clashes Pelican warns about


def test_no_translation_id_leaves_translations_alone():
    from pelican.utils import process_translations  # noqa: PLC0415

    from parallel_render.listings import linear_translations  # noqa: PLC0415

    contents = _translated_site(1)
    assert linear_translations(process_translations)(contents, None) == (contents, [])
