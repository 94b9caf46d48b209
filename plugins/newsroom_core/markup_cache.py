"""Rendered article bodies, kept between builds: Markdown, sanitising and typography are most
of the time it takes to read a file, and an edit changes one body out of thousands.

An entry's key is a digest of the body and of everything else the HTML depends on: the markup
settings, the versions of the libraries that render it and the source of our markup module.
Change any of them and every key changes, so nothing stale is ever served. Entries no build
used are deleted at the end of a successful build.

One SQLite file (`MARKUP_CACHE`, under the project folder). Forked workers only read it, each
with its own connection; new entries are written by the build's own process.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from importlib.metadata import version
from pathlib import Path

from . import markup
from .settings import optional_cache_path

SETTING_KEYS = (
    "MARKDOWN",
    "SANITIZE_HTML",
    "EMBED_HOSTS",
    "NEWSROOM_TYPOGRIFY",
    "TYPOGRIFY_IGNORE_TAGS",
)
LIBRARIES = ("markdown", "nh3", "typogrify", "smartypants")


class MarkupCache:
    def __init__(self, path: Path | None, settings):
        self.path = path
        self.salt = _salt(settings)
        self.used: set[str] = set()
        self.new: dict[str, str] = {}
        self._connection = None
        self._pid = None

    def key(self, body: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{body}".encode()).hexdigest()

    def get(self, key: str) -> str | None:
        if self.path is None or not self.path.exists():
            return None
        row = self._db().execute("SELECT html FROM renders WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def note(self, key: str, html: str | None = None) -> None:
        """In the build's process: `key` was used; `html` if it was rendered now."""
        self.used.add(key)
        if html is not None:
            self.new[key] = html

    def save(self, prune: bool) -> None:
        """Write new entries; with `prune`, forget those this build did not use."""
        if self.path is None or not (self.new or prune):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = self._db()
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO renders (key, html) VALUES (?, ?)", self.new.items()
            )
            if prune:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
                db.execute("DELETE FROM renders WHERE key NOT IN (SELECT key FROM used)")
        self.new = {}

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():  # a fork needs its own
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path, timeout=30)
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS renders (key TEXT PRIMARY KEY, html TEXT NOT NULL)"
            )
            self._pid = os.getpid()
        return self._connection


def cache_path(settings) -> Path | None:
    """Where the cache lives: MARKUP_CACHE relative to the project folder (the content
    folder's parent, as for the image cache); None when the setting is empty."""
    return optional_cache_path(settings, "MARKUP_CACHE", "markup.sqlite3", "turn the cache off")


def _salt(settings) -> str:
    chosen = {key: settings.get(key) for key in SETTING_KEYS}
    versions = {name: version(name) for name in LIBRARIES}
    source = Path(markup.__file__).read_bytes()
    return hashlib.sha256(
        json.dumps([chosen, versions], sort_keys=True, default=str).encode() + source
    ).hexdigest()
