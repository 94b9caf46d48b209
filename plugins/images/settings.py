"""The `IMAGES` settings dict: defaults and a validator whose messages name key, expected, got."""

from __future__ import annotations

import difflib

from PIL import ImageColor

from newsroom_core.settings import SettingsError

DEFAULTS = {
    # Rendition widths in CSS pixels; never upscaled, so a narrow source yields fewer.
    "widths": (480, 800, 1200, 1600),
    "avatar_sizes": (96, 192, 400),
    "webp_quality": 80,
    "jpeg_quality": 82,
    # Largest source we agree to decode (width x height). Pillow's own decompression-bomb
    # limit (about 89 million pixels) still applies on top of this.
    "max_pixels": 40_000_000,
    # Relative paths are resolved against the folder that holds the content folder (PATH);
    # "" is `images/` in the build's cache folder (CACHE_DIR).
    "cache_dir": "",
    # Folder inside OUTPUT_PATH that receives every generated file.
    "output_dir": "images",
    "lead_sizes": "(min-width: 1200px) 1200px, 100vw",
    "body_sizes": "(min-width: 800px) 800px, 100vw",
    "card_background": "#14213d",
    "card_foreground": "#ffffff",
    "card_accent": "#fca311",
    "card_max_lines": 4,
}


class ImagesSettingsError(SettingsError, ValueError):
    """Raised from the `initialized` handler, where an exception stops the build (a
    SettingsError: the build prints its message, one line per problem, no traceback)."""


def _size_list(value):
    ok = (
        isinstance(value, (list, tuple))
        and value
        and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    )
    return None if ok else "a non-empty list of positive integers"


def _int_between(low, high):
    def check(value):
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"an integer from {low} to {high}"

    return check


def _text(value):
    return None if isinstance(value, str) and value.strip() else "a non-empty string"


def _path_or_empty(value):
    return None if isinstance(value, str) else 'a folder path, or "" for the build\'s cache folder'


def _colour(value):
    try:
        ImageColor.getrgb(value)
    except (ValueError, AttributeError, TypeError):
        return "a colour such as '#14213d'"
    return None


CHECKS = {
    "widths": _size_list,
    "avatar_sizes": _size_list,
    "webp_quality": _int_between(1, 100),
    "jpeg_quality": _int_between(1, 100),
    "max_pixels": _int_between(1, 10**10),
    "cache_dir": _path_or_empty,
    "output_dir": _text,
    "lead_sizes": _text,
    "body_sizes": _text,
    "card_background": _colour,
    "card_foreground": _colour,
    "card_accent": _colour,
    "card_max_lines": _int_between(1, 8),
}


def problems(user_settings) -> list[str]:
    """Every problem with a user's IMAGES dict, one message each."""
    if user_settings is None:
        return []
    if not isinstance(user_settings, dict):
        return [f"IMAGES: expected a dict, got {type(user_settings).__name__}"]
    found = []
    for key, value in user_settings.items():
        if key not in DEFAULTS:
            close = difflib.get_close_matches(str(key), sorted(DEFAULTS), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            found.append(f"IMAGES: unknown key {key!r}{hint}")
            continue
        expected = CHECKS[key](value)
        if expected:
            found.append(f"IMAGES[{key!r}]: expected {expected}, got {value!r}")
    return found


def resolve(user_settings) -> dict:
    """Defaults overlaid with the user's IMAGES dict; raises ImagesSettingsError listing
    every problem."""
    found = problems(user_settings)
    if found:
        raise ImagesSettingsError("\n".join(found))
    merged = dict(DEFAULTS)
    merged.update(user_settings or {})
    for key in ("widths", "avatar_sizes"):
        merged[key] = tuple(sorted(set(merged[key])))
    return merged
