"""Lighthouse (mobile defaults) on the front page, an article with a lead image, an author
page and a section front, served by nginx as production serves it: every category at 100 and
no layout shift."""

from __future__ import annotations

import pytest

from newsroom.quality import CATEGORIES, PAGES, audit_pages
from tests.browser.conftest import require_chromium, require_node_module


@pytest.fixture(scope="module")
def lighthouse_results(served_site):
    require_chromium()
    require_node_module("lighthouse/cli/index.js")
    return audit_pages(served_site.origin, served_site.chrome_args)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("category", CATEGORIES)
def test_lighthouse_category_scores_100(lighthouse_results, name, category):
    page = lighthouse_results[name]
    assert page.scores[category] == 100, (
        f"{page.url}: {category} {page.scores[category]}; audits below a full score: "
        f"{page.failing.get(category)}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_layout_shift(lighthouse_results, name):
    assert lighthouse_results[name].cls == 0
