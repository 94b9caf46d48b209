"""The front page, the section fronts and the article header as a news reader scans them,
measured by computed layout in Chromium (positions and sizes, not class names)."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_pages import PAGES, Visit

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTICLE_LINK = r"/\d{4}/\d{2}/[a-z0-9-]+/$"
# Every story headline in <main>: a heading whose link goes to an article.
HEADLINES = """pattern => [...document.querySelectorAll('main h2, main h3')]
  .filter(h => [...h.querySelectorAll('a[href]')].some(a => new RegExp(pattern)
    .test(new URL(a.href).pathname)))
  .map(h => { const r = h.getBoundingClientRect();
    return {text: h.textContent.trim(), top: r.top, bottom: r.bottom, left: r.left,
            size: parseFloat(getComputedStyle(h).fontSize)}; })"""


@pytest.fixture
def visit(browser, served_site):
    opened = []

    def open_page(path, **options):
        opened.append(Visit(browser, served_site, path, **options))
        return opened[-1].page

    yield open_page
    for item in opened:
        item.close()


def headlines(page) -> list[dict]:
    return page.evaluate(HEADLINES, ARTICLE_LINK)


@pytest.mark.parametrize("name", ["home", "category"])
def test_the_lead_headline_is_at_least_1_4_times_the_others(visit, name):
    found = headlines(visit(PAGES[name], viewport=DESKTOP))
    assert len(found) >= 3
    lead, others = found[0], found[1:]
    assert lead["size"] >= 1.4 * max(h["size"] for h in others), found


def test_home_shows_six_headlines_in_two_or_more_columns_above_900_px(visit):
    found = headlines(visit(PAGES["home"], viewport=DESKTOP))
    first_screen = [h for h in found if h["bottom"] <= DESKTOP["height"]]
    assert len(first_screen) >= 6, found
    assert len({round(h["left"]) for h in first_screen}) >= 2, first_screen


def test_section_front_puts_stories_in_two_columns_with_the_description(visit):
    page = visit(PAGES["category"], viewport=DESKTOP)
    found = headlines(page)
    assert len({round(h["left"]) for h in found}) >= 2, found
    text = page.locator("main").inner_text()
    assert "Council, courts, schools and streets around the lake." in text


def test_every_section_with_stories_has_a_block_linking_to_its_front(visit, published_site):
    fronts = sorted(
        "/" + p.parent.relative_to(published_site.output).as_posix() + "/"
        for p in published_site.output.glob("category/*/index.html")
    )
    assert len(fronts) == 5
    page = visit(PAGES["home"], viewport=DESKTOP)
    linked = page.evaluate(
        """() => [...document.querySelectorAll('main h2 a[href]')]
             .map(a => new URL(a.href).pathname)"""
    )
    assert [front for front in fronts if front not in linked] == []
    # Each block shows three to five stories (or every story of a smaller section).
    blocks = page.evaluate(
        """() => [...document.querySelectorAll('main h2 a[href*="/category/"]')].map(a => {
             const block = a.closest('h2').parentElement;
             return block.querySelectorAll('h3 a').length; })"""
    )
    assert blocks and all(1 <= count <= 5 for count in blocks), blocks


# The first story of a front; the body text of an article.
CONTENT = {"home": "main section article", "category": "main section article"}
CONTENT["article"] = "main article > div > p"


@pytest.mark.parametrize("name", CONTENT)
def test_header_and_content_share_their_left_edge(visit, name):
    page = visit(PAGES[name], viewport=DESKTOP)
    edges = page.evaluate(
        """selector => ({
             header: document.querySelector('body > header a').getBoundingClientRect().left,
             title: document.querySelector('main h1').getBoundingClientRect().left,
             content: document.querySelector(selector).getBoundingClientRect().left})""",
        CONTENT[name],
    )
    assert abs(edges["header"] - edges["title"]) <= 1, edges
    assert abs(edges["header"] - edges["content"]) <= 1, edges


@pytest.mark.parametrize("name", ["home", "category"])
def test_on_a_phone_the_first_headline_starts_within_600_px(visit, name):
    page = visit(PAGES[name], viewport=PHONE)
    assert headlines(page)[0]["top"] <= 600


@pytest.mark.parametrize("name", ["home", "article", "category", "author", "search"])
def test_on_a_phone_the_navigation_is_at_most_64_px_tall(visit, name):
    page = visit(PAGES[name], viewport=PHONE)
    height = page.evaluate("document.querySelector('body > header').getBoundingClientRect().height")
    assert height <= 64


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("name", ["home", "article", "category", "author", "search"])
def test_nothing_scrolls_sideways_on_a_phone(visit, name, width):
    page = visit(PAGES[name], viewport={"width": width, "height": 740})
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_byline_and_dateline_take_two_lines_at_most_and_show_the_time(visit, viewport):
    page = visit(PAGES["article"], viewport=viewport)
    byline = page.evaluate(
        """() => { const p = document.querySelector('main a[rel=author]').closest('p');
             const style = getComputedStyle(p);
             return {text: p.textContent.replace(/\\s+/g, ' ').trim(),
                     lines: (p.getBoundingClientRect().height - parseFloat(style.paddingTop)
                             - parseFloat(style.paddingBottom)) / parseFloat(style.lineHeight),
                     times: [...p.querySelectorAll('time')].map(t => t.dateTime)}; }"""
    )
    assert byline["lines"] <= 2.05, byline
    assert byline["text"] == (
        "By Amara Okafor and Tomas Lindqvist · Lakeside · 20 Nov 2026, 16:45 GMT"
    )
    assert byline["times"] == ["2026-11-20T16:45:00+00:00"]


def test_an_update_shows_its_time_in_the_byline(visit):
    page = visit("/2026/11/lakeside-council-approves-new-winter-ferry-timetable/", viewport=PHONE)
    text = page.evaluate("document.querySelector('main a[rel=author]').closest('p').textContent")
    assert re.sub(r"\s+", " ", text).strip() == (
        "By Amara Okafor · Lakeside · 2 Nov 2026, 18:30 GMT · Updated 4 Nov 2026, 09:15 GMT"
    )


def test_every_author_on_the_index_has_an_image(visit):
    page = visit("/authors/", viewport=DESKTOP, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images
    page.wait_for_load_state("networkidle")
    cards = page.evaluate(
        """() => [...document.querySelectorAll('main li')].map(li => {
             const img = li.querySelector('img');
             return {name: li.querySelector('h2').textContent,
                     loaded: !!img && img.complete && img.naturalWidth > 0,
                     width: img ? img.getBoundingClientRect().width : 0}; })"""
    )
    assert len(cards) == 4
    assert [c["name"] for c in cards if not c["loaded"] or c["width"] < 48] == []


def test_search_results_show_headline_section_date_and_a_marked_excerpt(visit):
    page = visit("/search/?q=lakeside", wait_until="networkidle")
    page.wait_for_selector("#search-results li mark")
    results = page.evaluate(
        """() => [...document.querySelectorAll('#search-results li')].map(li => ({
             headline: li.querySelector('h3 a')?.textContent,
             texts: [...li.querySelectorAll('p')].map(p => p.textContent),
             marked: [...li.querySelectorAll('mark')].map(m => m.textContent.toLowerCase())}))"""
    )
    assert len(results) >= 2
    ferry = next(
        r
        for r in results
        if r["headline"] == "Lakeside council approves new winter ferry timetable"
    )
    assert ferry["texts"][0] == "Local · 2 Nov 2026, 18:30 GMT"
    # A hit matched in its title or summary alone may show an excerpt with nothing marked.
    assert sum(1 for r in results if r["marked"]) >= 2, results
    for result in results:
        assert all(m.startswith("lakeside") for m in result["marked"]), result
        assert len(result["texts"][1]) > 40, result  # an excerpt, not the title again
