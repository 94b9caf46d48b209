"""The newsroom's logo (`SITE_LOGO`, `SITE_LOGO_RASTER`) and the favicons made from it.

An SVG logo is shown as it is in the masthead and as the SVG favicon; everything that needs
pixels (the Organization's logo in JSON-LD, which Google wants raster; social cards;
favicon.ico and the Apple touch icon) uses `SITE_LOGO_RASTER`, a PNG the newsroom exports
from it. We do not rasterise SVG ourselves: that needs cairo, a system library.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .settings import SettingsError

MIN_LOGO_PIXELS = 112  # Google's minimum for an Organization logo, each side
APPLE_TOUCH_SIZE = 180
ICO_SIZES = (16, 32, 48)
FAVICON_ICO = "favicon.ico"
APPLE_TOUCH_ICON = "apple-touch-icon.png"


@dataclass(frozen=True)
class LogoImage:
    path: str  # under content/, as configured: also its URL path on the site
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class SiteLogo:
    shown: LogoImage  # the masthead's image: SITE_LOGO, SVG or PNG
    raster: LogoImage  # the PNG: SITE_LOGO when it is one, else SITE_LOGO_RASTER


def site_logo(settings) -> SiteLogo:
    """SITE_LOGO and its PNG, measured; a settings error names the key and the fix."""
    configured = settings.get("SITE_LOGO")
    if not isinstance(configured, str) or not configured:
        raise SettingsError(
            f'SITE_LOGO: expected a PNG or SVG file under content/, like "images/logo.png", '
            f"got {configured!r}"
        )
    shown = _measure(settings, "SITE_LOGO", configured)
    if shown.mime == "image/png":
        return SiteLogo(shown, shown)
    raster = settings.get("SITE_LOGO_RASTER")
    if not raster:
        raise SettingsError(
            f"SITE_LOGO_RASTER: {configured} is an SVG; search engines, social cards and "
            "favicons need pixels: export a PNG of at least 112x112 and set SITE_LOGO_RASTER = "
            '"images/logo.png"'
        )
    return SiteLogo(shown, _measure(settings, "SITE_LOGO_RASTER", raster))


def _measure(settings, key: str, relative: str) -> LogoImage:
    path = Path(settings["PATH"]) / relative
    if not path.is_file():
        raise SettingsError(f"{key}: expected an image under content/, got {relative!r}")
    if path.suffix.lower() == ".svg":
        width, height = svg_size(path.read_bytes(), key)
        return LogoImage(relative, width, height, "image/svg+xml")
    try:
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except OSError:
        kind, width, height = None, 0, 0
    if kind != "PNG":
        raise SettingsError(f"{key}: expected a PNG or SVG file, {relative!r} is not one")
    if min(width, height) < MIN_LOGO_PIXELS:
        raise SettingsError(
            f"{key}: Google requires at least {MIN_LOGO_PIXELS}x{MIN_LOGO_PIXELS} pixels, "
            f"got {width}x{height}"
        )
    return LogoImage(relative, width, height, "image/png")


def svg_size(data: bytes, key: str = "SITE_LOGO") -> tuple[int, int]:
    """An SVG's intrinsic size: `width` and `height` in px (or unitless), else its viewBox."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SettingsError(f"{key}: not a readable SVG ({exc})") from None
    number = r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*"
    width = re.fullmatch(number, root.get("width", ""))
    height = re.fullmatch(number, root.get("height", ""))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            pass
    raise SettingsError(f"{key}: the SVG needs width and height in px, or a viewBox")


def favicon_files(raster: Path) -> dict[str, bytes]:
    """favicon.ico (16, 32, 48) and the 180x180 Apple touch icon, from the PNG logo centred
    on a square (transparent for the icon; white for Apple's, which must be opaque). The same
    logo gives the same bytes."""
    with Image.open(raster) as opened:
        logo = opened.convert("RGBA")
    side = max(logo.size)
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.paste(logo, ((side - logo.width) // 2, (side - logo.height) // 2))
    ico = io.BytesIO()
    square.resize((256, 256), Image.Resampling.LANCZOS).save(
        ico, "ICO", sizes=[(size, size) for size in ICO_SIZES]
    )
    touch = Image.new("RGBA", (side, side), (255, 255, 255, 255))
    touch.alpha_composite(square)
    apple = io.BytesIO()
    touch.convert("RGB").resize((APPLE_TOUCH_SIZE,) * 2, Image.Resampling.LANCZOS).save(
        apple, "PNG", optimize=True
    )
    return {FAVICON_ICO: ico.getvalue(), APPLE_TOUCH_ICON: apple.getvalue()}
