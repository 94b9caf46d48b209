"""Signal handlers for the front pages."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from newsroom_core.settings import SettingsError, check_plugin_settings

from .edition import edition

DEFAULTS = {
    "TOP_COUNT": 4,  # secondary stories beside the lead (2 to 4)
    "SECTION_COUNT": 5,  # stories per section block (3 to 5)
    "LATEST_COUNT": 8,  # stories in the "latest" list
}
LIMITS = {"TOP_COUNT": (2, 4), "SECTION_COUNT": (3, 5), "LATEST_COUNT": (1, 50)}


def check_settings(pelican):
    cfg = check_plugin_settings("front_pages", pelican.settings, "FRONT_PAGES", DEFAULTS)
    for key, (low, high) in LIMITS.items():
        value = cfg[key]
        if type(value) is not int or not low <= value <= high:
            raise SettingsError(
                f"front_pages: FRONT_PAGES[{key!r}]: expected a whole number from {low} to "
                f"{high}, got {value!r}"
            )


def attach_edition(generator):
    generator.context["edition"] = edition(
        generator.articles,
        generator.categories,
        generator.settings["FRONT_PAGES"],
        ZoneInfo(generator.settings.get("TIMEZONE") or "UTC"),
    )
