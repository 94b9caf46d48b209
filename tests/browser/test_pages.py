"""The published site in headless Chromium, served by nginx as production serves it: no console
errors or failed requests, only our own origin, no web fonts, keyboard navigation, 360 px
without horizontal scroll, dark mode, and axe-core with zero violations (light and dark)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import require_node_module

PAGES = {
    "home": "/",
    "article": "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/",
    "author": "/author/amara-okafor/",
    "category": "/category/local/",
    "tag": "/tag/flooding/",
    "sources": "/sources/",
    "search": "/search/",
    "404": "/no-such-page/",
}


class Visit:
    """A page loaded in a fresh context, with everything the listeners saw."""

    def __init__(self, browser, site, path: str, wait_until="load", **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.requests: list[tuple[str, str]] = []  # (resource type, url)
        self.bad_status: list[tuple[int, str]] = []
        self.page.on(
            "console",
            lambda m: self.console.append(m.text) if m.type in ("error", "warning") else None,
        )
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("request", lambda r: self.requests.append((r.resource_type, r.url)))
        self.page.on(
            "response",
            lambda r: self.bad_status.append((r.status, r.url)) if r.status >= 400 else None,
        )
        self.url = site.url(path)
        self.response = self.page.goto(self.url, wait_until=wait_until)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, served_site):
    opened = []

    def open_page(path, **options):
        opened.append(Visit(browser, served_site, path, **options))
        return opened[-1]

    yield open_page
    for item in opened:
        item.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_from_our_origin_only(visit, served_site, name):
    seen = visit(PAGES[name], wait_until="networkidle")  # lazy images and late requests too
    expected = 404 if name == "404" else 200
    assert seen.response.status == expected
    assert seen.page.locator("h1").count() == 1
    if name == "404":
        # Chromium reports the 404 document itself as a failed resource; nothing else may fail.
        assert seen.bad_status == [(404, seen.url)]
        assert seen.page.locator("h1").inner_text() == "Page not found"
        console = [m for m in seen.console if "status of 404" not in m]
    else:
        assert seen.bad_status == []
        console = seen.console
    assert console == []
    assert seen.errors == []
    assert seen.failed == []
    third_party = [url for _, url in seen.requests if not url.startswith(served_site.origin + "/")]
    assert third_party == []
    assert [url for kind, url in seen.requests if kind == "font"] == []


def test_no_web_fonts_in_the_stylesheet(visit):
    page = visit(PAGES["article"]).page
    rules = page.evaluate(
        "[...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText)"
    )
    assert rules, "the inlined stylesheet was not found"
    assert [r for r in rules if r.startswith("@font-face") or "@import" in r] == []
    assert page.evaluate("document.fonts.size") == 0


@pytest.mark.parametrize("name", ["home", "article", "category", "404"])
def test_skip_link_is_first_and_moves_focus_to_main(visit, name):
    page = visit(PAGES[name]).page
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({cls: document.activeElement.className, text: document.activeElement.textContent,"
        " left: document.activeElement.getBoundingClientRect().left})"
    )
    assert focused["cls"] == "skip-link"
    assert focused["text"] == "Skip to content"
    assert focused["left"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_main_navigation_works_by_keyboard(visit, served_site):
    page = visit(PAGES["home"]).page
    nav_links = page.eval_on_selector_all(
        'nav[aria-label="Main"] a', "links => links.map(a => a.href)"
    )
    assert len(nav_links) >= 4
    reached = []
    for _ in range(len(nav_links) + 3):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "document.activeElement.closest('nav[aria-label=\"Main\"]')"
                " ? document.activeElement.href : null"
            )
        )
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "keyboard focus must be visible"
    assert [href for href in reached if href] == nav_links  # every link, in reading order
    # Tab to "Sources" and follow it with Enter.
    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.textContent") != "Sources":
        page.keyboard.press("Shift+Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served_site.url("/sources/")
    assert page.locator("nav[aria-label='Main'] a[aria-current='page']").count() == 0


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_360_px(visit, name):
    page = visit(PAGES[name], viewport={"width": 360, "height": 740}).page
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert widths["client"] == 360
    assert widths["scroll"] <= widths["client"], f"{name} scrolls sideways at 360 px: {widths}"


@pytest.mark.parametrize("name", ["home", "article"])
def test_dark_mode_applies(visit, name):
    colours = {}
    for scheme in ("light", "dark"):
        page = visit(PAGES[name], color_scheme=scheme).page
        colours[scheme] = page.evaluate(
            "({bg: getComputedStyle(document.body).backgroundColor,"
            " fg: getComputedStyle(document.body).color,"
            " scheme: getComputedStyle(document.documentElement).colorScheme})"
        )
    assert colours["light"]["bg"] != colours["dark"]["bg"]
    assert colours["light"]["fg"] != colours["dark"]["fg"]
    assert _luminance(colours["dark"]["bg"]) < _luminance(colours["light"]["bg"])


def _luminance(css_rgb: str) -> float:
    red, green, blue = (float(v) for v in css_rgb[css_rgb.index("(") + 1 : -1].split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(visit, name, scheme):
    axe = require_node_module("axe-core/axe.min.js")
    page = visit(PAGES[name], color_scheme=scheme).page
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    assert violations == []


def test_search_finds_articles_in_every_index_shard(visit, published_site):
    """The sample is built with four articles per search shard (tests/conftest.py), so the
    search page must load one Pagefind bundle and merge the others to find them all."""
    import json
    import re

    manifest = json.loads((published_site.output / "pagefind" / "shards.json").read_text())
    assert len(manifest["bundles"]) >= 2
    seen = visit("/search/?q=lakeside", wait_until="networkidle")
    page = seen.page
    page.wait_for_selector("#search-results li a")
    found = page.eval_on_selector_all(
        "#search-results li a", "links => links.map(a => new URL(a.href).pathname)"
    )
    bundles_loaded = {
        m[1] for _, url in seen.requests if (m := re.search(r"/pagefind/(s\d+)/", url))
    }
    assert bundles_loaded == {b.strip("/") for b in manifest["bundles"]}
    assert "/2026/11/lakeside-council-approves-new-winter-ferry-timetable/" in found
    assert len(found) >= 3
    assert seen.errors == [] and seen.console == []
