"""Source attribution (issue 4): wording, links, JSON-LD, syndication policy, /sources/, errors."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from tests.support import BuildFailed, article

ORIGINAL = "https://www.2news.example/world/walikale-report"


def source(**fields):
    base = {"name": "2news", "url": ORIGINAL}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def text(element) -> str:
    return " ".join(element.get_text().replace("\xa0", " ").split())


def graph_of(page) -> list[dict]:
    return json.loads(page.find("script", type="application/ld+json").string)["@graph"]


def sitemap_locs(output) -> set[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(output / "sitemap.xml")
    return {loc.text for loc in tree.findall(".//s:loc", ns)}


@pytest.mark.parametrize(
    ("relation", "wording"),
    [
        ("republished", "Originally published by 2news (Jane Roe) on 20 March 2025."),
        ("rewritten", "Rewritten from reporting by 2news (Jane Roe)."),
        ("based-on", "Based on reporting by 2news (Jane Roe)."),
        (None, "Based on reporting by 2news (Jane Roe)."),
    ],
)
def test_credit_wording_and_link(site, relation, wording):
    site.add_article(
        "story", article(source=source(relation=relation, author="Jane Roe", date="2025-03-20"))
    )
    site.build()
    credit = site.page("/2026/11/ferry-timetable-approved/").select_one(".source-credit")
    assert text(credit) == wording
    link = credit.a
    assert (link["href"], link["rel"], link.get("target")) == (ORIGINAL, ["noopener"], None)


def test_several_sources(site):
    sources = [
        source(relation="rewritten"),
        source(name="Radio Okapi", url="https://radio.example/a"),
    ]
    site.add_article("story", article(sources=sources))
    site.build()
    credit = site.page("/2026/11/ferry-timetable-approved/").select_one(".source-credit")
    assert [text(p) for p in credit.select("p")] == [
        "Rewritten from reporting by 2news.",
        "Based on reporting by Radio Okapi.",
    ]


def test_json_ld_is_based_on(site):
    site.add_article(
        "story",
        article(source=source(relation="republished", author="Jane Roe", date="2025-03-20")),
    )
    site.build()
    news = next(
        n
        for n in graph_of(site.page("/2026/11/ferry-timetable-approved/"))
        if n["@type"] == "NewsArticle"
    )
    assert news["isBasedOn"] == [
        {
            "@type": "NewsArticle",
            "url": ORIGINAL,
            "publisher": {
                "@type": "Organization",
                "name": "2news",
                "url": "https://www.2news.example/",
            },
            "author": {"@type": "Person", "name": "Jane Roe"},
            "datePublished": "2025-03-20",
        }
    ]  # no `name`: without `source.title` the work goes unnamed, not named after its outlet


def test_json_ld_is_based_on_names_the_work_by_its_source_title(site):
    site.add_article("story", article(source=source(title="Walikale, a town cut off")))
    site.build()
    news = next(
        n
        for n in graph_of(site.page("/2026/11/ferry-timetable-approved/"))
        if n["@type"] == "NewsArticle"
    )
    assert news["isBasedOn"][0]["name"] == "Walikale, a town cut off"
    assert news["isBasedOn"][0]["publisher"]["name"] == "2news"


POLICY_CASES = [
    # (site policy, per-article policy, relation) -> (canonical, robots noindex?, in sitemap?)
    ("noindex", None, "republished", "self", True, False),
    ("canonical", None, "republished", "original", False, False),
    ("none", None, "republished", "self", False, True),
    ("noindex", "canonical", "republished", "original", False, False),
    ("canonical", "none", "republished", "self", False, True),
    ("noindex", None, "rewritten", "self", False, True),
    ("canonical", None, "based-on", "self", False, True),
]


@pytest.mark.parametrize(
    ("site_policy", "override", "relation", "canonical", "noindex", "mapped"), POLICY_CASES
)
def test_syndication_policy(site, site_policy, override, relation, canonical, noindex, mapped):
    site.add_article("story", article(source=source(relation=relation, policy=override)))
    site.build(SYNDICATION_POLICY=site_policy)
    page = site.page("/2026/11/ferry-timetable-approved/")
    self_url = "http://127.0.0.1:8000/2026/11/ferry-timetable-approved/"
    expected = ORIGINAL if canonical == "original" else self_url
    assert page.find("link", rel="canonical")["href"] == expected
    robots = page.find("meta", attrs={"name": "robots"})["content"]
    assert ("noindex" in robots) is noindex
    assert (self_url in sitemap_locs(site.output)) is mapped
    # Syndicated copy stays on the site, in listings and feeds, whatever the policy.
    assert "Ferry timetable approved" in site.page("/").get_text()
    assert "Ferry timetable approved" in (site.output / "feeds/all.atom.xml").read_text()


def test_listings_mark_republished_items(site):
    site.add_article("copy", article(title="Copied story", source=source(relation="republished")))
    site.add_article("own", article(title="Own story", date="2026-11-01"))
    site.build()
    # Every shape a story takes on a section front (lead, beside it, the list) marks it.
    stories = site.page("/category/local/").select("main article")
    marks = {text(s.select_one("h2, h3")): s.select_one(".badge") for s in stories}
    assert text(marks["Copied story"]) == "Republished from 2news"
    assert marks["Own story"] is None


def test_sources_index(site):
    site.add_article("one", article(title="First credited", source=source(relation="rewritten")))
    site.add_article("two", article(title="Second credited", date="2026-11-03", source=source()))
    site.add_article(
        "three",
        article(
            title="Other outlet", source=source(name="Radio Okapi", url="https://radio.example/x")
        ),
    )
    site.build()
    page = site.page("/sources/")
    outlets = {
        text(s.h2): [text(a) for a in s.select("li a")] for s in page.select("section.outlet")
    }
    assert outlets == {
        "2news (2news.example)": ["Second credited", "First credited"],
        "Radio Okapi (radio.example)": ["Other outlet"],
    }


def test_same_host_with_different_names_is_a_warning(site):
    site.add_article("one", article(title="First", summary="One summary.", source=source()))
    site.add_article("two", article(title="Second", summary="Two.", source=source(name="2 News")))
    result = site.build()
    assert [w for w in result.warnings if w.startswith("source_credits:")] == [
        "source_credits: 2news.example is credited as '2 News' and '2news'; use one spelling "
        "(lint: source-name)"
    ]


def test_feed_entries_carry_the_credit(site):
    site.add_article("story", article(source=source(relation="rewritten")))
    site.build()
    feed = (site.output / "feeds/all.atom.xml").read_text()
    entry = ElementTree.fromstring(feed).find("{http://www.w3.org/2005/Atom}entry")
    content = entry.find("{http://www.w3.org/2005/Atom}content").text
    assert content.startswith("<p>Body")
    assert content.endswith(
        f'<p class="source-credit">Rewritten from reporting by <a href="{ORIGINAL}" '
        'rel="noopener">2news</a>.</p>'
    )


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        (source(name=None), 8, "source.name: required; add it to the front matter"),
        (source(url=None), 8, "source.url: required; add it to the front matter"),
        (
            source(url="javascript:alert(1)"),
            10,
            "source.url: expected an absolute http or https URL, got 'javascript:alert(1)'",
        ),
        (
            source(url="data:text/html,hi"),
            10,
            "source.url: expected an absolute http or https URL, got 'data:text/html,hi'",
        ),
        (
            source(url="/local/path"),
            10,
            "source.url: expected an absolute http or https URL, got '/local/path'",
        ),
        (
            source(title=["Walikale"]),
            11,
            "source.title: expected text, got a list",
        ),
        (
            source(relation="copied"),
            11,
            "source.relation: expected one of republished, rewritten, based-on, got 'copied'",
        ),
    ],
)
def test_source_errors(site, bad, line, message):
    site.add_article("story", article(source=bad))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert failure.value.messages == [f"{site.content}/articles/story.md:{line}: {message}"]
