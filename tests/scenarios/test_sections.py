"""Sections are a declared list: a typo is an error, a case variant is the declared section."""

from __future__ import annotations

import pytest

from tests.support import BuildFailed, article

SECTIONS = [
    {"name": "World"},
    {"name": "Local", "description": "Council, courts and streets around the lake."},
    {"name": "Harbour News", "slug": "harbour"},
]


def test_a_misspelt_section_is_an_error_with_a_suggestion(site):
    site.add_article("story", article(category="Lcoal"))
    with pytest.raises(BuildFailed) as failure:
        site.build(SECTIONS=SECTIONS)
    messages = [m.removeprefix(f"{site.root}/") for m in failure.value.messages]
    assert messages == [
        "content/articles/story.md:6: category: 'Lcoal' is not a declared section "
        "(did you mean 'Local'?); use one of World, Local, Harbour News, "
        "or add it to SECTIONS in pelicanconf.py"
    ]
    assert not site.output.exists()


def test_a_case_variant_is_the_declared_section_everywhere(site):
    site.add_article("one", article(category="local"))
    site.add_article("two", article(category="Local", title="Second story", slug="second"))
    site.build(SECTIONS=SECTIONS)
    page = site.page("/2026/11/ferry-timetable-approved/")
    assert page.select_one(".kicker a").get_text() == "Local"
    assert page.find("meta", property="article:section")["content"] == "Local"
    nav = [a.get_text() for a in page.select('nav[aria-label="Main"] a')]
    assert nav.count("Local") == 1
    listed = site.page("/category/local/").select("main article")
    assert len(listed) == 2


def test_the_navigation_follows_the_declared_order_and_slugs(site):
    site.add_article("a", article(category="Local", title="A local story"))
    site.add_article("b", article(category="World", title="A world story"))
    site.add_article("c", article(category="harbour news", title="A harbour story"))
    site.build(SECTIONS=SECTIONS)
    nav = site.page("/").select('nav[aria-label="Main"] a')
    assert [(a.get_text(), a["href"]) for a in nav][:3] == [
        ("World", "/category/world/"),
        ("Local", "/category/local/"),
        ("Harbour News", "/category/harbour/"),
    ]


def test_a_section_front_shows_its_declared_description(site):
    site.add_article("a", article(category="Local"))
    site.build(SECTIONS=SECTIONS)
    front = site.page("/category/local/")
    assert front.select_one("main h1").find_next("p").get_text() == (
        "Council, courts and streets around the lake."
    )
    assert front.find("meta", attrs={"name": "description"})["content"] == (
        "Council, courts and streets around the lake."
    )


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        (None, "SECTIONS: expected a list of sections in pelicanconf.py, like "),
        ([{"name": "Local", "descripton": "x"}], "SECTIONS[0]: unknown key 'descripton' (did you"),
        ([{"slug": "local"}], "SECTIONS[0]: name: required, e.g. {'name': 'Local'}"),
        (["Local", "local"], "SECTIONS[1]: name 'local' is also the name of SECTIONS[0]; each"),
        ([{"name": "Local", "slug": 7}], "SECTIONS[0]: slug: expected non-empty text, got 7"),
        ([{"Local"}], "SECTIONS[0]: expected a mapping like {'name': 'Local'}, got {'Local'}"),
    ],
)
def test_bad_sections_settings_stop_the_build_with_one_line(site, sections, message):
    site.add_article("a", article())
    with pytest.raises(BuildFailed) as failure:
        site.build(SECTIONS=sections)
    assert len(failure.value.messages) == 1
    assert failure.value.messages[0].startswith(message)
