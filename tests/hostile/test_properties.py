"""Property-based: any front-matter value either builds and shows literally, or fails as
`path:line: field: message`. Nothing else (a traceback, an unexpected exception) is allowed."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.sites import plugins_without_lint
from tests.support import BuildFailed, Site, article, author

ERROR_LINE = re.compile(r"^\S+\.md:\d+: [^:\n]+: [^\n]+\Z")

# Printable text (letters, marks, numbers, punctuation, symbols, spaces, formats like U+202E);
# `ANY_TEXT` adds control characters, which must be refused with a located error.
PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"))
YAML_SIGNIFICANT = st.sampled_from(
    [*":#-[]{}&*!|>'\"%@`,?\\ \t\n", "---", "...", ": ", " #", "{{ 7*7 }}", "{% raw %}", "yes"]
)
TEXT = st.lists(
    st.one_of(st.text(PRINTABLE, min_size=1, max_size=8), YAML_SIGNIFICANT), max_size=8
).map("".join)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SCALAR = st.one_of(ANY_TEXT, st.integers(), st.floats(), st.booleans(), st.none())
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(ANY_TEXT, inner, max_size=3)
    ),
    max_leaves=6,
)
# Each example is a whole build (~0.2 s); raise HOSTILE_EXAMPLES for a longer hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def normalised(text: str) -> str:
    return " ".join(text.split())


def build(articles: dict, profile: dict | None = None, sections: list | None = None):
    """Build a one-article site; return (page soup or None, error lines). `sections` replace
    the sample's SECTIONS."""
    with tempfile.TemporaryDirectory() as folder:
        site = Site(Path(folder))
        if profile is not None:
            site.add_author("ada-lane", profile)
        site.add_article("story", article(slug="story", **articles))
        try:
            overrides = {"SECTIONS": sections} if sections else {}
            site.build(PLUGINS=plugins_without_lint(), **overrides)
        except BuildFailed as failure:
            return None, failure.messages
        # Dated anywhere (or scheduled, under drafts/): find the article wherever it went.
        (written,) = site.output.glob("**/story/index.html")
        return BeautifulSoup(written.read_text(encoding="utf-8"), "html.parser"), []


def assert_located(errors: list[str]) -> None:
    assert errors
    assert [e for e in errors if not ERROR_LINE.match(e)] == []


@SETTINGS
@given(title=TEXT, summary=TEXT, dateline=TEXT, caption=TEXT)
def test_printable_text_is_shown_as_written(title, summary, dateline, caption):
    page, errors = build(
        {"title": title, "summary": summary, "dateline": dateline, "image_caption": caption}
    )
    if page is None:
        assert_located(errors)
        return
    assert normalised(page.find("h1").get_text()) == normalised(title)
    assert normalised(page.find("p", class_="standfirst").get_text()) == normalised(summary)
    assert normalised(page.find("meta", property="og:title")["content"]) == normalised(title)
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    headline = next(n["headline"] for n in graph if n.get("@type") == "NewsArticle")
    if not headline.endswith("…"):
        assert normalised(headline) == normalised(title)


@SETTINGS
@given(tags=st.lists(TEXT, max_size=4), category=TEXT)
def test_lists_of_text_build_or_fail_with_a_location(tags, category):
    # The category declared as a section (with a slug: its name may make none) whenever it
    # is text: then a build, or a located error.
    declared = [{"name": category, "slug": "section"}] if category.strip() else None
    page, errors = build({"tags": tags or None, "category": category}, sections=declared)
    if page is None:
        assert_located(errors)
        return
    shown = {normalised(a.get_text()) for a in page.select("p.tags a")}
    assert {normalised(t) for t in tags if t.strip()} == shown


@SETTINGS
@given(
    field=st.sampled_from(
        [
            "title",
            "summary",
            "date",
            "tags",
            "source",
            "corrections",
            "canonical",
            "modified",
            "authors",
            "image_focus",
        ]
    ),
    value=VALUE,
)
def test_any_value_in_any_field_builds_or_fails_with_a_location(field, value):
    page, errors = build({field: value})
    if page is None:
        assert_located(errors)


@SETTINGS
@given(date=st.one_of(st.datetimes().map(lambda d: d.isoformat()), st.dates().map(str), ANY_TEXT))
def test_dates_build_or_fail_with_a_location(date):
    page, errors = build({"date": date})
    if page is None:
        assert_located(errors)


@SETTINGS
@given(name=TEXT, role=TEXT, location=TEXT, links=st.dictionaries(ANY_TEXT, VALUE, max_size=3))
def test_author_profiles_build_or_fail_with_a_location(name, role, location, links):
    page, errors = build({}, author(name=name, role=role, location=location, links=links))
    if page is None:
        assert_located(errors)
        return
    byline = normalised(page.find("footer", class_="story-foot").get_text())
    assert normalised(name) in byline
