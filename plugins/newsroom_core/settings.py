"""Plugin settings: one dict per plugin, defaults in a literal, loud on bad values."""

from __future__ import annotations

import json
from pathlib import Path

from .suggest import did_you_mean


def project_path(settings, path) -> Path:
    """`path` as configured: absolute, or relative to the project folder (the content folder's
    parent), where the build's caches live (`.cache/`)."""
    path = Path(path)
    return path if path.is_absolute() else Path(settings["PATH"]).resolve().parent / path


# Every build cache lives under this folder unless its own setting says otherwise.
CACHE_DIR_DEFAULT = ".cache"


def cache_dir(settings) -> Path:
    """`CACHE_DIR` (default .cache), relative to the project folder: where every cache of
    the build is, so a test session or a CI job can move them all with one setting."""
    configured = settings.get("CACHE_DIR", CACHE_DIR_DEFAULT)
    if not isinstance(configured, str) or not configured:
        raise SettingsError(f"CACHE_DIR: expected a folder path, got {configured!r}")
    return project_path(settings, configured)


def optional_cache_path(settings, key: str, name: str, off: str) -> Path | None:
    """A cache location setting: unset, `name` in the cache folder; a path (see
    project_path); or "" for no cache (`off` says what that means to the user); anything
    else is a settings error naming the key."""
    if key not in settings:
        return cache_dir(settings) / name
    configured = settings[key]
    if not isinstance(configured, str):
        raise SettingsError(f'{key}: expected a path, or "" to {off}, got {configured!r}')
    return project_path(settings, configured) if configured else None


def plain_settings(settings) -> dict:
    """The settings JSON can say the same way every build (the rest are functions, say):
    part of the caches' keys."""
    plain = {}
    for key, value in settings.items():
        try:
            plain[key] = json.loads(json.dumps(value))
        except (TypeError, ValueError):
            continue
    return plain


class SettingsError(Exception):
    exitcode = 1


def check_plugin_settings(plugin: str, settings: dict, key: str, defaults: dict) -> dict:
    """Merge `settings[key]` over `defaults`, reject unknown keys and wrong types.

    The merged dict is stored back in `settings[key]` and returned.
    """
    given = settings.get(key) or {}
    if not isinstance(given, dict):
        raise SettingsError(f"{plugin}: {key}: expected a dict, got {type(given).__name__}")
    merged = dict(defaults)
    for name, value in given.items():
        if name not in defaults:
            raise SettingsError(
                f"{plugin}: {key}[{name!r}]: unknown setting{did_you_mean(name, defaults)}; "
                f"known settings: {', '.join(defaults)}"
            )
        expected = type(defaults[name])
        if defaults[name] is not None and not isinstance(value, expected):
            raise SettingsError(
                f"{plugin}: {key}[{name!r}]: expected {expected.__name__}, "
                f"got {type(value).__name__} {value!r}"
            )
        merged[name] = value
    settings[key] = merged
    return merged
