"""The `PUBLISH` settings dict: where and how the built site is deployed.

Defaults live in `DEFAULTS`; `publishconf.py` overrides some in `PUBLISH = {...}`, and the
environment overrides those (`NEWS_DEPLOY_HOST`, `NEWS_DEPLOY_PORT`, ... one variable per
key, upper-cased; lists split as a shell would), so CI can point a publish elsewhere without
editing files.
"""

from __future__ import annotations

import difflib
import os
import shlex

TARGETS = ("rsync", "local", "ghp-import")
ENV_PREFIX = "NEWS_DEPLOY_"

DEFAULTS = {
    "target": "rsync",  # one of TARGETS
    # rsync over SSH: the server, and the directory that holds releases/ and current.
    "host": "",
    "user": "",
    "port": 22,
    "path": "",  # for "local": the directory on this machine
    "identity_file": "",
    "ssh_options": [],  # e.g. ["-o", "StrictHostKeyChecking=accept-new"]
    "rsync_path": "",  # the rsync program on the server (rsync --rsync-path)
    "rsync_options": [],  # extra rsync arguments, e.g. ["--bwlimit=2000"]
    "keep_releases": 5,
    # One publish at a time per target: how long --wait waits for another publish, and the
    # age after which a lock whose owner cannot be asked (another host) counts as stale.
    "lock_wait": 1800,
    "lock_stale_after": 7200,
    # Precompression: text files at least this big get .gz and .br siblings.
    "compress": True,
    "compress_min_bytes": 256,
    "brotli_quality": 11,
    # GitHub Pages through ghp-import (run in the current git repository).
    "ghp_branch": "gh-pages",
    "ghp_remote": "origin",
    "ghp_message": "Publish the site",
    "ghp_push": True,
    "ghp_cname": "",
    # Absolute links with this prefix count as internal; empty means the SITEURL setting.
    "site_url": "",
}

_REQUIRED_BY_TARGET = {"rsync": ("host", "path"), "local": ("path",), "ghp-import": ()}


class PublishSettingsError(Exception):
    exitcode = 1


def _did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _from_environment(environ) -> dict:
    """Settings given as NEWS_DEPLOY_<KEY>, converted to the default's type; a list is split
    as a shell would (NEWS_DEPLOY_SSH_OPTIONS="-o 'ProxyJump=bastion.example'")."""
    found = {}
    for name, default in DEFAULTS.items():
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is None:
            continue
        variable = ENV_PREFIX + name.upper()
        if isinstance(default, list):
            try:
                found[name] = shlex.split(raw)
            except ValueError as exc:
                raise PublishSettingsError(
                    f"publish: {variable}: {exc} in {raw!r}; quote as in a shell"
                ) from None
        elif isinstance(default, bool):
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise PublishSettingsError(
                    f"publish: {variable}: expected true or false, got {raw!r}"
                )
            found[name] = raw.lower() in ("1", "true", "yes")
        elif isinstance(default, int):
            try:
                found[name] = int(raw)
            except ValueError:
                raise PublishSettingsError(
                    f"publish: {variable}: expected a whole number, got {raw!r}"
                ) from None
        else:
            found[name] = raw
    return found


def publish_settings(settings: dict, environ=None, *, require_target: bool = True) -> dict:
    """`settings["PUBLISH"]` over `DEFAULTS`, then the environment; checked, returned as a copy.

    `site_url` falls back to `settings["SITEURL"]`. Without `require_target` (a dry run) the
    target's own settings may be missing (`missing_target` says which); all else is checked.
    """
    environ = os.environ if environ is None else environ
    given = settings.get("PUBLISH") or {}
    if not isinstance(given, dict):
        raise PublishSettingsError(
            f"publish: PUBLISH: expected a dict, got {type(given).__name__} {given!r}"
        )
    merged = dict(DEFAULTS)
    for name, value in {**given, **_from_environment(environ)}.items():
        if name not in DEFAULTS:
            raise PublishSettingsError(
                f"publish: PUBLISH[{name!r}]: unknown setting{_did_you_mean(name, DEFAULTS)}; "
                f"known settings: {', '.join(DEFAULTS)}"
            )
        expected = type(DEFAULTS[name])
        # bool is an int subclass: reject True for a port, and 1 for a flag.
        wrong = not isinstance(value, expected) or (isinstance(value, bool) != (expected is bool))
        if wrong:
            raise PublishSettingsError(
                f"publish: PUBLISH[{name!r}]: expected {expected.__name__}, "
                f"got {type(value).__name__} {value!r}"
            )
        merged[name] = list(value) if isinstance(value, list) else value
    _check_values(merged)
    missing = missing_target(merged)
    if missing and require_target:
        raise PublishSettingsError(f"publish: {missing}")
    if not merged["site_url"]:
        merged["site_url"] = str(settings.get("SITEURL") or "")
    return merged


def _check_values(merged: dict) -> None:
    target = merged["target"]
    if target not in TARGETS:
        raise PublishSettingsError(
            f"publish: PUBLISH['target']: expected one of {', '.join(TARGETS)}, "
            f"got {target!r}{_did_you_mean(target, TARGETS)}"
        )
    if merged["keep_releases"] < 2:
        raise PublishSettingsError(
            "publish: PUBLISH['keep_releases']: expected at least 2 (rollback needs the "
            f"previous release), got {merged['keep_releases']!r}"
        )
    for name in ("lock_wait", "lock_stale_after"):
        if merged[name] < 0:
            raise PublishSettingsError(
                f"publish: PUBLISH[{name!r}]: expected seconds, 0 or more, got {merged[name]!r}"
            )
    if not 1 <= merged["port"] <= 65535:
        raise PublishSettingsError(
            f"publish: PUBLISH['port']: expected a port number 1-65535, got {merged['port']!r}"
        )
    if not 0 <= merged["brotli_quality"] <= 11:
        raise PublishSettingsError(
            f"publish: PUBLISH['brotli_quality']: expected 0-11, got {merged['brotli_quality']!r}"
        )
    for name in ("ssh_options", "rsync_options"):
        if not all(isinstance(item, str) for item in merged[name]):
            raise PublishSettingsError(
                f"publish: PUBLISH[{name!r}]: expected a list of strings, got {merged[name]!r}"
            )


def missing_target(config: dict) -> str | None:
    """Why `config` names no place to deploy to (the first setting its target lacks), or None."""
    target = config["target"]
    for name in _REQUIRED_BY_TARGET[target]:
        if not config[name]:
            return (
                f"PUBLISH[{name!r}]: required for target {target!r}; set it in "
                f"publishconf.py or the environment variable {ENV_PREFIX}{name.upper()}"
            )
    return None
