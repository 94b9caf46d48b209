"""Signal handlers: settings checked at `initialized`, favicons written at `finalized`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from newsroom_core.identity import check_identity_settings
from newsroom_core.logo import APPLE_TOUCH_ICON, FAVICON_ICO, favicon_files, site_logo


def check_settings(pelican):
    """Misspelt or wrong-typed settings stop the build; the theme gets `SITE_IDENTITY`."""
    settings = pelican.settings
    check_identity_settings(settings)
    logo = site_logo(settings)
    settings["SITE_IDENTITY"] = {
        "logo": asdict(logo.shown),
        "raster": asdict(logo.raster),
        "favicon": FAVICON_ICO,
        "apple_touch_icon": APPLE_TOUCH_ICON,
    }


def write_favicons(pelican):
    settings = pelican.settings
    raster = Path(settings["PATH"]) / settings["SITE_IDENTITY"]["raster"]["path"]
    output = Path(settings["OUTPUT_PATH"])
    for name, data in favicon_files(raster).items():
        (output / name).write_bytes(data)
