"""The front page's edition (front_pages.edition) and the byline's times (reader_aids.aids)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from front_pages.edition import edition
from front_pages.handlers import DEFAULTS, check_settings
from images.cards import initials, initials_avatar
from newsroom_core.settings import SettingsError
from reader_aids.aids import byline_times

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def story(number, section="Local", days=0, **fields):
    return SimpleNamespace(
        url=f"s{number}/", date=START + timedelta(days=days), category=section, **fields
    )


def categories(stories):
    names = sorted({s.category for s in stories})
    return [(name, [s for s in stories if s.category == name]) for name in names]


def urls(items):
    return [item.url for item in items]


def test_without_featured_stories_the_newest_leads_and_the_next_four_sit_beside_it():
    stories = [story(n, days=n) for n in range(8)]
    front = edition(stories, categories(stories), DEFAULTS, LONDON)
    assert front["lead"].url == "s7/"
    assert urls(front["top"]) == ["s6/", "s5/", "s4/", "s3/"]
    assert urls(front["latest"]) == ["s2/", "s1/", "s0/"]


def test_featured_stories_lead_newest_first_then_the_newest_of_the_rest():
    stories = [story(n, days=n, featured=n in (1, 3)) for n in range(8)]
    front = edition(stories, categories(stories), DEFAULTS, LONDON)
    assert front["lead"].url == "s3/"
    assert urls(front["top"]) == ["s1/", "s7/", "s6/", "s5/"]
    assert urls(front["latest"]) == ["s4/", "s2/", "s0/"]


def test_equal_dates_are_ordered_by_url():
    stories = [story(n) for n in (2, 1, 3)]
    front = edition(stories, categories(stories), DEFAULTS, LONDON)
    assert [front["lead"].url, *urls(front["top"])] == ["s3/", "s2/", "s1/"]


def test_a_block_per_section_with_stories_in_the_given_order_newest_first_up_to_five():
    stories = [story(n, section="Local", days=n) for n in range(7)] + [story(9, "World")]
    given = [("World", [stories[-1]]), ("Science", []), ("Local", stories[:-1])]
    front = edition(stories, given, DEFAULTS, LONDON)
    assert [block["category"] for block in front["sections"]] == ["World", "Local"]
    assert urls(front["sections"][1]["stories"]) == ["s6/", "s5/", "s4/", "s3/", "s2/"]


def test_the_edition_date_is_the_newest_story_in_the_site_time_zone():
    late = story(1)
    late.date = datetime(2026, 11, 21, 23, 30, tzinfo=UTC)  # 22 Nov in Helsinki
    front = edition([late], categories([late]), DEFAULTS, ZoneInfo("Europe/Helsinki"))
    assert front["date_text"] == "Sunday 22 November 2026"
    assert front["date"].date().isoformat() == "2026-11-22"


def test_no_stories_no_edition():
    front = edition([], [], DEFAULTS, LONDON)
    assert front["lead"] is None
    assert front["top"] == front["sections"] == front["latest"] == []


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"TOP_COUNT": 5},
            "front_pages: FRONT_PAGES['TOP_COUNT']: expected a whole number from 2 to 4, got 5",
        ),
        (
            {"SECTION_COUNT": 2},
            "front_pages: FRONT_PAGES['SECTION_COUNT']: expected a whole number from 3 to 5, got 2",
        ),
        (
            {"TOPCOUNT": 3},
            "front_pages: FRONT_PAGES['TOPCOUNT']: unknown setting (did you "
            "mean 'TOP_COUNT'?); known settings: TOP_COUNT, SECTION_COUNT, LATEST_COUNT",
        ),
    ],
)
def test_settings_errors_name_the_key_and_the_range(given, message):
    with pytest.raises(SettingsError) as error:
        check_settings(SimpleNamespace(settings={"FRONT_PAGES": given}))
    assert str(error.value) == message


def test_byline_times_show_the_time_and_zone():
    date = datetime(2026, 12, 2, 14, 5, tzinfo=ZoneInfo("Europe/Paris"))
    assert byline_times(date, None) == {"published": "2 Dec 2026, 14:05 CET", "updated": ""}
    assert byline_times(date, date)["updated"] == ""


def test_an_update_the_same_day_shows_its_time_alone_another_day_in_full():
    date = datetime(2026, 12, 2, 14, 5, tzinfo=ZoneInfo("Europe/Paris"))
    assert byline_times(date, date.replace(hour=15, minute=30))["updated"] == "15:30"
    later = date + timedelta(days=2, hours=1)
    assert byline_times(date, later)["updated"] == "4 Dec 2026, 15:05 CET"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lane", "AL"),
        ("Ada van der Berg", "AB"),
        ("Cy", "C"),
        ("  ", "?"),
        ("émile zola", "ÉZ"),
    ],
)
def test_initials_of_a_name(name, expected):
    assert initials(name) == expected


def test_an_initials_avatar_is_the_same_square_every_time():
    first = initials_avatar("Ada Lane", "ada-lane", 96)
    assert first.size == (96, 96)
    assert first.tobytes() == initials_avatar("Ada Lane", "ada-lane", 96).tobytes()
    assert first.getpixel((2, 2)) != (255, 255, 255)  # a coloured square
    assert (255, 255, 255) in {first.getpixel((x, 48)) for x in range(96)}  # white letters
