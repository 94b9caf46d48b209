"""Social cards for many imageless articles are drawn in worker processes; what readers' social
previews get must be exactly what drawing them one by one gives."""

from __future__ import annotations

import pytest
from PIL import Image

from images import cards, handlers
from tests.support import article

STORIES = 2 * handlers.CARDS_PER_TASK + 2  # enough for the worker pool to be used


@pytest.fixture
def many_stories(site):
    for number in range(STORIES):
        site.add_article(f"story-{number}", article(title=f"Harbour story number {number}"))
    return site


def og_image_file(site, url):
    content = site.page(url).find("meta", property="og:image")["content"]
    return site.output / content.removeprefix("http://127.0.0.1:8000/")


PARALLEL = {"WORKERS": 2, "MIN_ITEMS": 1}


def test_cards_drawn_by_workers_match_cards_drawn_in_process(many_stories):
    many_stories.build(BUILD_PARALLEL=PARALLEL)
    assert handlers.stats()["encodes"] >= STORIES
    card = og_image_file(many_stories, "/2026/11/harbour-story-number-7/")
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    expected = cards.social_card(
        "Harbour story number 7", "The Lakeside Ledger", "Local", "2 November 2026"
    )
    assert card.read_bytes() == expected.data


def test_a_second_build_draws_no_card(many_stories):
    many_stories.build()
    many_stories.build()
    assert handlers.stats()["encodes"] == 0
