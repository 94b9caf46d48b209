"""Every payload, in every front-matter text field and in bodies: inert, and shown as written."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.hostile.checks import feed_findings, html_findings, site_findings
from tests.hostile.payloads import BODY_PAYLOADS, MARK, TEXT_PAYLOADS
from tests.hostile.sites import MARKUP_URL, body_url, text_slug, text_url

NAMES = list(TEXT_PAYLOADS)


@functools.cache
def soup(output: Path, url: str) -> BeautifulSoup:
    """Each page parsed once per session (lxml: the long payloads make html.parser slow)."""
    path = output / url.strip("/")
    path = path / "index.html" if url.endswith("/") else path
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def normalised(text: str) -> str:
    return " ".join(text.split())


def graph_nodes(page: BeautifulSoup) -> list[dict]:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)["@graph"]


def node_of_type(page, *types) -> dict:
    return next(n for n in graph_nodes(page) if n.get("@type") in types)


def test_no_generated_file_carries_anything_executable(hostile_build):
    assert site_findings(hostile_build.output, hostile_build.embed_hosts) == {}


def test_the_checks_catch_what_they_look_for():
    """Guard against a checker that passes everything: each payload, rendered raw, is caught."""
    caught = {
        name
        for name, value in {**TEXT_PAYLOADS, **BODY_PAYLOADS}.items()
        if html_findings(BeautifulSoup(value, "html.parser"), {"www.youtube-nocookie.com"})
    }
    assert {
        "script-tag",
        "script-breakout",
        "img-onerror",
        "svg-onload",
        "javascript-entities",
        "javascript-whitespace",
        "data-url",
        "vbscript-url",
        "iframe-srcdoc",
        "object-data",
        "css-expression",
        "meta-refresh",
        "base-href",
        "iframe-not-allowed",
    } <= caught
    feed = (
        '<feed><entry><summary type="html">&lt;script&gt;x&lt;/script&gt;</summary></entry></feed>'
    )
    assert feed_findings(feed) != []


@pytest.mark.parametrize("name", NAMES)
def test_article_shows_every_field_as_text(hostile_build, name):
    index = NAMES.index(name)
    value = normalised(TEXT_PAYLOADS[name])
    page = soup(hostile_build.output, text_url(index))
    assert normalised(page.find("h1").get_text()) == value
    assert normalised(page.find("p", class_="standfirst").get_text()) == value
    assert normalised(page.find("meta", property="og:title")["content"]) == value
    assert normalised(page.find("meta", attrs={"name": "description"})["content"]) == value
    assert normalised(page.find(class_="corrections").find("li").get_text()).endswith(value)
    assert value in normalised(page.find(class_="source-credit").get_text())
    # Bylines and the author box carry the profile's name, role and bio.
    assert value in normalised(page.find("footer", class_="story-foot").get_text())


@pytest.mark.parametrize("name", NAMES)
def test_json_ld_parses_back_to_the_original_strings(hostile_build, name):
    index = NAMES.index(name)
    value = normalised(TEXT_PAYLOADS[name])
    page = soup(hostile_build.output, text_url(index))
    node = node_of_type(page, "NewsArticle")
    assert node["correction"][0]["text"] == TEXT_PAYLOADS[name].strip()
    assert node_of_type(page, "Person")["name"] == TEXT_PAYLOADS[name].strip()
    node = {k: normalised(v) if isinstance(v, str) else v for k, v in node.items()}
    if node["headline"].endswith("…"):  # long titles are cut for Google's headline limit
        assert value.startswith(node["headline"][:-1])
    else:
        assert node["headline"] == value
    assert node["description"] == value
    assert node["articleSection"] == f"Section {index} {value}"
    assert f"Topic {index} {value}" in [normalised(k) for k in node["keywords"]]
    assert normalised(node["isBasedOn"][0]["name"]) == value  # source.title
    assert normalised(node["isBasedOn"][0]["publisher"]["name"]) == value  # source.name


@pytest.mark.parametrize("name", NAMES)
def test_page_author_and_listing_pages_show_the_text(hostile_build, name):
    index = NAMES.index(name)
    value = normalised(TEXT_PAYLOADS[name])
    page = soup(hostile_build.output, f"{text_slug(index)}/")
    assert normalised(page.find("h1").get_text()) == value
    profile = soup(hostile_build.output, f"author/{text_slug(index)}/")
    assert normalised(profile.find("h1").get_text()) == value
    assert value in normalised(profile.find(class_="role").get_text())


def test_a_url_full_of_markup_stays_inside_its_attribute(hostile_build):
    page = soup(hostile_build.output, text_url(0))
    credit_link = page.find(class_="source-credit").find("a")
    assert credit_link["href"] == MARKUP_URL
    assert page.find("link", rel="canonical")["href"] == MARKUP_URL
    profile = soup(hostile_build.output, f"author/{text_slug(0)}/")
    assert MARKUP_URL in [a.get("href") for a in profile.find_all("a")]


def test_feed_summaries_are_text_not_markup(hostile_build):
    """Atom <summary type="html"> is rendered as HTML by feed readers: a plain-text summary
    must arrive escaped, so the reader shows it exactly as written."""
    feed = BeautifulSoup(
        (hostile_build.output / "feeds/all.atom.xml").read_text(encoding="utf-8"), "xml"
    )
    summaries = {}
    for entry in feed.find_all("entry"):
        link = entry.find("link")["href"]
        if entry.summary is not None:
            summaries[link] = BeautifulSoup(entry.summary.get_text(), "html.parser")
    checked = 0
    for index, value in enumerate(TEXT_PAYLOADS.values()):
        url = next((u for u in summaries if u.endswith(text_url(index))), None)
        if url is None:
            continue  # beyond FEED_MAX_ITEMS
        summary = summaries[url]
        for credit in summary.find_all(class_="source-credit"):  # source_credits' own line
            credit.decompose()
        assert normalised(summary.get_text()) == normalised(value)
        assert summary.find(True) is None
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("name", list(BODY_PAYLOADS))
def test_body_payload_is_neutralised_and_surrounding_text_kept(hostile_build, name):
    index = list(BODY_PAYLOADS).index(name)
    page = soup(hostile_build.output, body_url(index))
    body = page.find(class_="story-body")
    assert html_findings(body, hostile_build.embed_hosts) == []
    text = normalised(body.get_text())
    assert "Before the payload." in text
    assert "After the payload." in text


def test_allowed_embeds_survive_and_others_are_removed():
    from newsroom_core.markup import sanitize

    settings = {"EMBED_HOSTS": ["www.youtube-nocookie.com"]}
    allowed = '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Ferry"></iframe>'
    assert sanitize(allowed, settings) == allowed
    for src in (
        "https://evil.example/x",
        "http://www.youtube-nocookie.com/x",
        f"javascript:{MARK}",
    ):
        assert sanitize(f'<p>a</p><iframe src="{src}"></iframe>', settings) == "<p>a</p>"


def test_sanitising_can_be_turned_off_by_a_site_that_trusts_its_authors():
    from newsroom_core.markup import sanitize

    raw = '<p onclick="x()">a</p>'
    assert sanitize(raw, {"SANITIZE_HTML": False}) == raw
    assert sanitize(raw, {}) == "<p>a</p>"
