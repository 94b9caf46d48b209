"""The sample site as readers get it (publishconf.py, built once per session)."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.support import ROOT, soup, unreferenced_images

BASE = "https://lakeside-ledger.example"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def published_articles():
    """(slug-ish file stem, front matter text) of sample articles meant for readers."""
    items = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.M).group(1)
        date = re.search(r"^date: (\d{4})-(\d{2})-(\d{2})", text, re.M)
        hidden = "status: draft" in text or date.group(1) > "2026" and date.group(2) > "00"
        items.append((path.stem, title, date.group(1, 2), hidden))
    return items


def home_article_links(output: Path) -> set[str]:
    """Article URLs reachable from the home page, following its pagination."""
    found, url = set(), "/"
    while url:
        page = soup(output, url.removeprefix(BASE))
        for link in page.select("main a[href]"):
            href = link["href"].removeprefix(BASE)
            if re.match(r"^/\d{4}/\d{2}/[a-z0-9-]+/$", href):
                found.add(href)
        nxt = page.select_one('a[rel="next"]')
        url = nxt["href"] if nxt else None
    return found


def sitemap_urls(output: Path) -> set[str]:
    tree = ElementTree.parse(output / "sitemap.xml")
    return {loc.text.removeprefix(BASE) for loc in tree.findall(".//s:loc", SITEMAP_NS)}


def test_sample_content_meets_the_contract_minimums():
    articles = published_articles()
    assert len(articles) >= 12
    assert sum(1 for *_, hidden in articles if hidden) >= 2  # one draft, one scheduled


def test_every_published_article_is_reachable_from_home_and_in_the_sitemap(published_site):
    output = published_site.output
    article_pages = {
        "/" + str(p.parent.relative_to(output)) + "/"
        for p in output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")
    }
    assert len(article_pages) == 12
    assert home_article_links(output) == article_pages
    # The republished article is noindex under the default policy, so not in the sitemap.
    republished = {u for u in article_pages if "bus-operator" in u}
    assert article_pages - republished <= sitemap_urls(output)
    assert not republished & sitemap_urls(output)


def test_drafts_and_scheduled_articles_never_reach_a_published_build(published_site):
    output = published_site.output
    assert not (output / "drafts").exists()
    everything = " ".join(
        p.read_text(encoding="utf-8") for p in output.rglob("*") if p.suffix in (".html", ".xml")
    )
    assert "Council budget preview" not in everything
    assert "Summer ferry season" not in everything


def test_no_file_of_a_draft_or_scheduled_article_reaches_a_published_build(published_site):
    output = published_site.output
    files = [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
    # Slugs of the sample draft and the sample scheduled article: no page, no social card.
    hidden = ("council-budget-preview", "summer-ferry-season")
    assert [name for name in files if any(slug in name for slug in hidden)] == []
    assert unreferenced_images(output) == []


def test_author_counts_leave_out_drafts_and_scheduled_articles(published_site):
    """Amara Okafor wrote both unpublished samples: the authors page counts her feed's
    entries, no more."""
    feed = ElementTree.parse(published_site.output / "feeds/author/amara-okafor.atom.xml")
    entries = len(feed.findall("{http://www.w3.org/2005/Atom}entry"))
    card = next(
        li
        for li in soup(published_site.output, "/authors/").select(".author-grid li")
        if li.h2.get_text() == "Amara Okafor"
    )
    assert card.find("p", string=re.compile("article")).get_text() == f"{entries} articles"


def test_local_build_previews_drafts_unlinked_and_noindex(local_site):
    output = local_site.output
    draft = soup(output, "/drafts/council-budget-preview-for-next-year/")
    assert draft.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    scheduled = soup(output, "/drafts/summer-ferry-season-to-start-two-weeks-early/")
    assert "Draft preview" in scheduled.get_text()
    assert "/drafts/" not in (output / "index.html").read_text(encoding="utf-8")
    assert "/drafts/" not in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_article_shows_byline_dates_and_dateline(published_site):
    page = soup(
        published_site.output,
        "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/",
    )
    byline = page.select_one(".byline")
    links = [(a.get_text(), a["href"]) for a in byline.select('a[rel="author"]')]
    assert links == [
        ("Amara Okafor", f"{BASE}/author/amara-okafor/"),
        ("Tomas Lindqvist", f"{BASE}/author/tomas-lindqvist/"),
    ]
    assert byline.select_one("time")["datetime"] == "2026-11-20T16:45:00+00:00"
    assert byline.select_one("time").get_text() == "20 Nov 2026, 16:45 GMT"
    assert byline.select_one(".dateline").get_text() == "Lakeside"


def test_updated_label_when_modified(published_site):
    page = soup(
        published_site.output, "/2026/11/lakeside-council-approves-new-winter-ferry-timetable/"
    )
    updated = page.select_one(".updated time")
    assert updated["datetime"] == "2026-11-04T09:15:00+00:00"


def test_titles_stay_plain_text_while_the_body_is_typogrified(published_site):
    page = soup(
        published_site.output, "/2026/11/volunteers-count-a-record-214-herons-at-marrow-marsh/"
    )
    assert (
        page.title.string
        == "Volunteers count a record 214 herons at Marrow Marsh | The Lakeside Ledger"
    )
    og_title = page.find("meta", property="og:title")["content"]
    assert og_title == "Volunteers count a record 214 herons at Marrow Marsh"
    body = page.select_one(".story-body").decode_contents()
    assert "&#8220;" in body or "“" in body  # smart quotes from typogrify in the body


@pytest.mark.parametrize(
    "url",
    ["/", "/category/local/", "/tag/transport/", "/author/amara-okafor/", "/archives/", "/2026/"],
)
def test_listings_render_with_pretty_urls(published_site, url):
    page = soup(published_site.output, url)
    assert page.select_one("main h1, main .lead-story")
    assert page.select_one('a[href="#main"]').get_text() == "Skip to content"


def test_same_content_builds_byte_identical_files(published_site, tmp_path):
    from tests.support import PUBLISH_SETTINGS, PUBLISHED_OVERRIDES, build

    again = build(
        PUBLISH_SETTINGS, tmp_path / "again", PUBLISHED_OVERRIDES | {"CACHE_DIR": str(tmp_path)}
    ).output
    first = published_site.output
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    differing = [f for f in files if (first / f).read_bytes() != (again / f).read_bytes()]
    assert differing == []


def test_page_has_pretty_url(published_site):
    page = soup(published_site.output, "/about-the-ledger/")
    assert page.h1.get_text() == "About the Ledger"


def test_the_sample_site_passes_the_publish_gate(published_site):
    """What `invoke publish` checks before uploading: HTML parses, links resolve, the sitemap
    lists public pages only."""
    from newsroom.publish.gate import check_site

    assert [str(p) for p in check_site(published_site.output, BASE)] == []
