"""SEO on every page of the sample site (issue 5): JSON-LD graphs, sitemaps, social tags."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from tests.support import soup, urlset_schema

BASE = "https://lakeside-ledger.example"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}
ARTICLE_TYPES = {
    "NewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Article",
}


@pytest.fixture(scope="module")
def sitemap_schema():
    return urlset_schema()


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def shared_pages(output: Path) -> list[Path]:
    """Every page but the 404 page, which carries no graph, canonical or social tags."""
    return [path for path in html_pages(output) if path != output / "404.html"]


def graph(page) -> list[dict]:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, "one JSON-LD graph per page"
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def references(node):
    """Every {"@id": ...} reference inside a node (not the node's own @id)."""
    if isinstance(node, dict):
        if set(node) == {"@id"}:
            yield node["@id"]
        for key, value in node.items():
            if key != "@id":
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def test_every_page_has_a_valid_linked_graph(published_site):
    pages = shared_pages(published_site.output)
    assert len(pages) > 40
    for path in pages:
        nodes = graph(soup(path.parent, path.name))
        by_id = {n["@id"]: n for n in nodes if "@id" in n}
        dangling = [ref for n in nodes for ref in references(n) if ref not in by_id]
        assert dangling == [], path
        types = [n["@type"] for n in nodes]
        assert {"WebSite", "NewsMediaOrganization", "BreadcrumbList"} <= set(types), path
        website = next(n for n in nodes if n["@type"] == "WebSite")
        assert website["url"] == f"{BASE}/"
        org = next(n for n in nodes if n["@type"] == "NewsMediaOrganization")
        logo = org["logo"]
        assert logo["@type"] == "ImageObject" and logo["width"] >= 112 and logo["height"] >= 112
        page_node = next(n for n in nodes if n["@id"].endswith("#webpage"))
        assert page_node["isPartOf"] == {"@id": website["@id"]}
        assert page_node["name"] and page_node["url"].startswith(BASE)


def test_article_graph_has_required_and_recommended_properties(published_site):
    page = soup(
        published_site.output,
        "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/",
    )
    nodes = graph(page)
    article = next(n for n in nodes if n["@type"] in ARTICLE_TYPES)
    for key in (
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "image",
        "mainEntityOfPage",
        "articleSection",
        "keywords",
        "inLanguage",
    ):
        assert article.get(key), key
    assert len(article["headline"]) <= 110
    assert article["datePublished"] == "2026-11-20T16:45:00+00:00"
    byline = [a.get_text() for a in page.select('.byline a[rel="author"]')]
    persons = {n["@id"]: n for n in nodes if n["@type"] == "Person"}
    assert [persons[a["@id"]]["name"] for a in article["author"]] == byline
    assert all(p["url"].startswith(f"{BASE}/author/") for p in persons.values())
    crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["The Lakeside Ledger", "World", article["headline"]]


def test_corrections_and_credits_in_the_graph(published_site):
    ferry = graph(
        soup(
            published_site.output, "/2026/11/lakeside-council-approves-new-winter-ferry-timetable/"
        )
    )
    article = next(n for n in ferry if n["@type"] == "NewsArticle")
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version said the last Friday sailing leaves at 23:00. "
            "It leaves at 22:40.",
            "datePublished": "2026-11-04",
        }
    ]
    assert article["dateModified"] == "2026-11-04T09:15:00+00:00"
    turbines = graph(
        soup(
            published_site.output,
            "/2026/11/university-team-tests-quieter-wind-turbine-blades-off-the-coast/",
        )
    )
    based_on = next(n for n in turbines if n["@type"] == "NewsArticle")["isBasedOn"]
    assert based_on[0]["url"] == "https://harbourherald.example/news/2026/11/turbine-blade-trial"
    assert based_on[0]["author"] == {"@type": "Person", "name": "Mina Castell"}


def test_sitemaps_validate_against_their_schemas(published_site, sitemap_schema):
    output = published_site.output
    sitemap_schema.validate(str(output / "sitemap.xml"))
    sitemap_schema.validate(str(output / "news-sitemap.xml"))


def _news_sitemap(language: str) -> str:
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{BASE}/2026/11/story/</loc><news:news><news:publication>"
        f"<news:name>The Lakeside Ledger</news:name><news:language>{language}</news:language>"
        "</news:publication><news:publication_date>2026-11-21T10:30:00+00:00"
        "</news:publication_date><news:title>Story</news:title></news:news></url></urlset>"
    )


def test_the_schemas_are_googles_strict_ones(sitemap_schema):
    # Google's news schema takes ISO 639 codes (and zh-cn, zh-tw) only: not en-GB.
    assert sitemap_schema.is_valid(_news_sitemap("en"))
    assert sitemap_schema.is_valid(_news_sitemap("zh-tw"))
    assert not sitemap_schema.is_valid(_news_sitemap("en-GB"))
    # sitemaps.org: a <url> needs a <loc>; unknown namespaces are validated strictly.
    assert not sitemap_schema.is_valid(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>'
    )


def test_sitemap_lists_exactly_the_indexable_pages(published_site):
    output = published_site.output
    locs = {e.text for e in ElementTree.parse(output / "sitemap.xml").findall(".//s:loc", NS)}
    indexable = set()
    for path in shared_pages(output):
        page = soup(path.parent, path.name)
        robots = page.find("meta", attrs={"name": "robots"})["content"]
        canonical = page.find("link", rel="canonical")["href"]
        url = f"{BASE}/{path.relative_to(output).as_posix().removesuffix('index.html')}"
        if "noindex" not in robots and canonical == url:
            indexable.add(url)
    assert locs == indexable
    assert f"{BASE}/404.html" not in locs


def test_news_sitemap_holds_the_last_48_hours_only(published_site):
    # The session builds at 2026-11-22T12:00Z: the window opens 2026-11-20T12:00Z.
    tree = ElementTree.parse(published_site.output / "news-sitemap.xml")
    titles = [t.text for t in tree.findall(".//n:title", NS)]
    assert titles == [
        "School weather station joins the national observation network",
        "Coastal towns share flood-planning lessons at two-day summit",
    ]
    dates = [d.text for d in tree.findall(".//n:publication_date", NS)]
    assert dates == ["2026-11-21T10:30:00+00:00", "2026-11-20T16:45:00+00:00"]


def test_robots_txt_points_at_the_sitemaps(published_site):
    robots = (published_site.output / "robots.txt").read_text()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()
    assert f"Sitemap: {BASE}/news-sitemap.xml" in robots.splitlines()
    assert "noindex" not in robots.lower()


def meta(page, attr, name):
    return [m["content"] for m in page.find_all("meta", attrs={attr: name})]


def test_open_graph_and_twitter_on_an_article(published_site):
    page = soup(
        published_site.output,
        "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/",
    )
    assert meta(page, "property", "og:type") == ["article"]
    assert meta(page, "property", "og:url") == [
        f"{BASE}/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/"
    ]
    assert meta(page, "property", "article:published_time") == ["2026-11-20T16:45:00+00:00"]
    assert meta(page, "property", "article:section") == ["World"]
    assert meta(page, "property", "article:tag") == ["flooding", "climate", "council"]
    assert meta(page, "property", "article:author") == [
        f"{BASE}/author/amara-okafor/",
        f"{BASE}/author/tomas-lindqvist/",
    ]
    for name in (
        "og:image",
        "og:image:width",
        "og:image:height",
        "og:image:alt",
        "og:locale",
        "og:site_name",
    ):
        assert meta(page, "property", name) != [], name
    assert meta(page, "name", "twitter:site") == ["@lakesideledger"]
    assert meta(page, "name", "twitter:creator") == ["@amara_reports"]  # first author's X profile


def test_twitter_creator_only_when_the_first_author_has_one(published_site):
    page = soup(
        published_site.output,
        "/2026/11/school-weather-station-joins-the-national-observation-network/",
    )
    assert meta(page, "name", "twitter:creator") == []


def test_open_graph_on_author_page_and_home(published_site):
    author = soup(published_site.output, "/author/amara-okafor/")
    assert meta(author, "property", "og:type") == ["profile"]
    assert meta(author, "property", "og:title") == ["Amara Okafor"]
    home = soup(published_site.output, "/")
    assert meta(home, "property", "og:type") == ["website"]
    assert (
        home.title.string
        == "The Lakeside Ledger: Independent local and world news, credited, corrected and "
        "clearly sourced."
    )


def test_listing_pagination_links(published_site):
    first = soup(published_site.output, "/")
    assert first.find("link", rel="next")["href"] == f"{BASE}/page/2/"
    second = soup(published_site.output, "/page/2/")
    assert second.find("link", rel="prev")["href"] == f"{BASE}/"
    assert second.find("link", rel="canonical")["href"] == f"{BASE}/page/2/"


def test_feeds_for_site_categories_and_authors(published_site):
    output = published_site.output
    for feed in (
        "feeds/all.atom.xml",
        "feeds/category/local.atom.xml",
        "feeds/author/amara-okafor.atom.xml",
    ):
        root = ElementTree.parse(output / feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed", feed
    page = soup(output, "/category/local/")
    hrefs = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert hrefs == [f"{BASE}/feeds/all.atom.xml", f"{BASE}/feeds/category/local.atom.xml"]


ATOM = "{http://www.w3.org/2005/Atom}"


def _atom_feeds(output: Path) -> dict:
    """Every Atom feed of the build, by output-relative path, parsed."""
    return {
        path.relative_to(output).as_posix(): ElementTree.parse(path).getroot()
        for path in sorted(output.glob("feeds/**/*.atom.xml"))
    }


def _list_page_of(feed_name: str) -> str:
    """feeds/all.atom.xml -> /, feeds/category/<slug>.atom.xml -> /category/<slug>/ ..."""
    if feed_name == "feeds/all.atom.xml":
        return "/"
    kind, slug = feed_name.removeprefix("feeds/").removesuffix(".atom.xml").split("/")
    return f"/{kind}/{slug}/"


def _updated(element) -> datetime:
    return datetime.fromisoformat(element.findtext(f"{ATOM}updated"))


def test_each_feed_has_its_own_id_and_links_to_its_own_list_page(published_site):
    output = published_site.output
    feeds = _atom_feeds(output)
    assert len(feeds) == 10  # the site, five sections, four authors
    ids = [root.findtext(f"{ATOM}id") for root in feeds.values()]
    assert ids == [f"{BASE}/{name}" for name in feeds]  # each its own URL, so all distinct
    for name, root in feeds.items():
        alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert alternate == BASE + _list_page_of(name), name
        page = soup(output, alternate.removeprefix(BASE))  # the list page exists...
        advertised = [link["href"] for link in page.find_all("link", rel="alternate")]
        assert f"{BASE}/{name}" in advertised, name  # ...and names this feed


def test_each_feed_is_updated_by_its_own_newest_entry(published_site):
    feeds = _atom_feeds(published_site.output)
    site_newest = _updated(feeds["feeds/all.atom.xml"])
    for name, root in feeds.items():
        entries = root.findall(f"{ATOM}entry")
        if entries:
            assert _updated(root) == max(_updated(entry) for entry in entries), name
    # Jonas Weber has a profile and no published story: his feed has no entry to date it.
    empty = feeds["feeds/author/jonas-weber.atom.xml"]
    assert empty.findall(f"{ATOM}entry") == []
    assert _updated(empty) != site_newest
    assert empty.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+00:00"


# --- issue 26: search depth -----------------------------------------------------------------

FLOOD = "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/"


def test_404_page_is_noindex_with_no_canonical_graph_or_social_tags(published_site):
    page = soup(published_site.output, "/404.html")
    assert meta(page, "name", "robots") == ["noindex, nofollow"]
    assert page.find("link", rel="canonical") is None
    assert page.find_all("script", type="application/ld+json") == []
    assert page.find_all("meta", attrs={"property": True}) == []  # og:* and article:*
    names = [m["name"] for m in page.find_all("meta", attrs={"name": True})]
    assert [name for name in names if name.startswith("twitter:")] == []


def test_yoast_robots_directives_on_indexable_pages_only(published_site):
    output = published_site.output
    directives = "index, follow, max-snippet:-1, max-image-preview:large, max-video-preview:-1"
    for path in html_pages(output):
        (robots,) = meta(soup(path.parent, path.name), "name", "robots")
        if "noindex" in robots:
            assert "max-" not in robots, path
        else:
            assert robots == directives, path
    # A republished copy under the sample's noindex policy stays noindex, without max-*.
    copy = soup(output, "/2026/11/regional-bus-operator-reports-a-9-rise-in-passengers/")
    assert meta(copy, "name", "robots") == ["noindex, follow"]


def test_yoast_author_and_reading_time_rows_on_an_article(published_site):
    page = soup(published_site.output, FLOOD)
    assert meta(page, "name", "author") == ["Amara Okafor, Tomas Lindqvist"]
    minutes = page.select_one(".reading-time").get_text().split()[0]  # "3 min read · ..."
    assert meta(page, "name", "twitter:label1") == ["Written by"]
    assert meta(page, "name", "twitter:data1") == ["Amara Okafor, Tomas Lindqvist"]
    assert meta(page, "name", "twitter:label2") == ["Est. reading time"]
    (data2,) = meta(page, "name", "twitter:data2")
    assert data2 == f"{minutes} minute{'' if minutes == '1' else 's'}"
    home = soup(published_site.output, "/")
    assert meta(home, "name", "author") == [] and meta(home, "name", "twitter:label1") == []


def test_news_article_has_yoast_properties(published_site):
    nodes = graph(soup(published_site.output, FLOOD))
    article = next(n for n in nodes if n["@type"] in ARTICLE_TYPES)
    org = next(n for n in nodes if n["@type"] == "NewsMediaOrganization")
    byline = soup(published_site.output, FLOOD).select_one(".reading-time").get_text()
    assert f"· {article['wordCount']} words" in byline  # the count the reader is shown
    assert article["articleSection"] == "World"
    assert article["inLanguage"] == "en"
    assert article["copyrightYear"] == 2026
    assert article["copyrightHolder"] == {"@id": org["@id"]}
    assert org["logo"]["width"] > 0 and org["logo"]["height"] > 0
    assert org["sameAs"] == ["https://social.example/@lakesideledger"]


def test_is_based_on_names_the_original_work_not_the_outlet(published_site):
    def based_on(url):
        nodes = graph(soup(published_site.output, url))
        return next(n for n in nodes if n["@type"] in ARTICLE_TYPES)["isBasedOn"]

    (turbines,) = based_on(
        "/2026/11/university-team-tests-quieter-wind-turbine-blades-off-the-coast/"
    )
    assert turbines["name"] == "Serrated blades tested to quieten harbour turbine"
    assert turbines["publisher"]["name"] == "Harbour Herald"
    # No `source.title`: the work goes unnamed rather than named after its outlet.
    (rail,) = based_on("/2026/10/rail-link-study-points-to-growth-in-freight-traffic/")
    assert "name" not in rail
    assert rail["publisher"]["name"] == "Continental Transport Review"


def test_feed_entries_keep_the_pages_credit_line(published_site):
    output = published_site.output
    root = ElementTree.parse(output / "feeds/all.atom.xml").getroot()
    checked = 0
    for entry in root.findall(f"{ATOM}entry"):
        url = entry.find(f"{ATOM}link[@rel='alternate']").get("href").removeprefix(BASE)
        page = soup(output, url).select(".source-credit p")
        if not page:
            continue
        html = entry.findtext(f"{ATOM}content") or entry.findtext(f"{ATOM}summary")
        content = BeautifulSoup(html, "html.parser")
        in_feed = content.select("p.source-credit")
        assert [p.get_text() for p in in_feed] == [p.get_text() for p in page], url
        assert [p.a.attrs for p in in_feed] == [p.a.attrs for p in page], url
        assert all(p.a["rel"] == ["noopener"] for p in in_feed), url
        checked += 1
    assert checked == 3


def _lastmods(output: Path) -> dict[str, str | None]:
    tree = ElementTree.parse(output / "sitemap.xml")
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in tree.findall("s:url", NS)
    }


def test_every_sitemap_url_has_a_lastmod(published_site):
    lastmods = _lastmods(published_site.output)
    assert len(lastmods) > 40
    assert [url for url, lastmod in lastmods.items() if not lastmod] == []
    # Pages: their own `modified` (naive: Europe/London, BST until late October); an author
    # with no story yet: the profile's `modified`.
    assert lastmods[f"{BASE}/about-the-ledger/"] == "2026-09-01T09:00:00+01:00"
    assert lastmods[f"{BASE}/corrections-policy/"] == "2026-10-12T15:20:00+01:00"
    assert lastmods[f"{BASE}/author/jonas-weber/"] == "2026-11-16T09:00:00+00:00"


def test_list_pages_lastmod_is_the_newest_item_they_show(published_site):
    output = published_site.output
    lastmods = _lastmods(output)
    site_newest = lastmods[f"{BASE}/"]
    # /corrections/ lists corrections: its newest correction's day, not the newest story.
    corrections = soup(output, "/corrections/").select(".corrections-log time")
    assert lastmods[f"{BASE}/corrections/"] == max(t["datetime"][:10] for t in corrections)
    assert lastmods[f"{BASE}/corrections/"] != site_newest
    # /sources/ lists the credited stories: the newest of them (modified, else published).
    listed = [a["href"].removeprefix(BASE) for a in soup(output, "/sources/").select(".outlet a")]
    modified = [meta(soup(output, url), "property", "article:modified_time")[0] for url in listed]
    assert len(modified) == 3
    assert lastmods[f"{BASE}/sources/"] == max(modified)
    assert lastmods[f"{BASE}/sources/"] != site_newest


SHAPES = {(16, 9), (4, 3), (1, 1)}


def _article_urls(output: Path) -> list[str]:
    """Every published story's URL (withdrawn and draft ones are not in the sitemap)."""
    tree = ElementTree.parse(output / "sitemap.xml")
    urls = [loc.text.removeprefix(BASE) for loc in tree.findall(".//s:loc", NS)]
    return [url for url in urls if url.startswith("/2026/") and url.count("/") == 4]


def test_every_article_offers_its_image_in_three_shapes_at_1200_px(published_site):
    from PIL import Image  # noqa: PLC0415

    output = published_site.output
    stories = _article_urls(output) + [
        "/2026/11/regional-bus-operator-reports-a-9-rise-in-passengers/"  # noindex copy
    ]
    assert len(stories) == 12
    for url in stories:
        page = soup(output, url)
        article = next(n for n in graph(page) if n["@type"] in ARTICLE_TYPES)
        shapes = set()
        for image in article["image"]:
            assert image["@type"] == "ImageObject" and image["width"] >= 1200, url
            with Image.open(output / image["url"].removeprefix(f"{BASE}/")) as file:
                assert file.size == (image["width"], image["height"]), url
            ratio = image["width"] / image["height"]
            shapes |= {shape for shape in SHAPES if abs(ratio - shape[0] / shape[1]) < 0.01}
        assert shapes == SHAPES and len(article["image"]) == 3, url
        # og:image: the 1200x630 one first (what social sites show), then the three shapes.
        og = meta(page, "property", "og:image")
        widths = meta(page, "property", "og:image:width")
        heights = meta(page, "property", "og:image:height")
        assert (widths[0], heights[0]) == ("1200", "630"), url
        assert og[1:] == [image["url"] for image in article["image"]], url
        assert len(meta(page, "property", "og:image:alt")) == len(og) == 4, url
        assert meta(page, "name", "twitter:image") == og[:1], url
