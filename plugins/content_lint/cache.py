"""Each file's lint results, kept between builds: at 10,000 articles the lint took half a minute
of a core on every build, and an edit changes one file.

What is kept per file is what the per-file rules found and the file's near-duplicate signature.
An entry's key is a digest of the file's bytes, its path and kind, and of everything else those
results depend on: our lint's code and newsroom_core's (the schema it checks against), the lint
options and plain settings, and the other files under the content folder (links, images and
author names must resolve). Change any of them and every key changes. Comparing articles with
each other is never cached: the signatures are, and the banding runs on every build.

One pickle file (`LINT_CACHE`, under the project folder), read whole and written whole, atomically,
by the one process that lints; entries no lint used are dropped when it is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import newsroom_core
from newsroom_core.digests import FileDigests
from newsroom_core.kept import MISSING, load_kept, save_kept
from newsroom_core.settings import optional_cache_path, plain_settings

CACHE_VERSION = 2
LIBRARIES = ("pyyaml",)


@dataclass(frozen=True)
class FileLint:
    """One file's lint results, without the near-duplicate comparison."""

    read_findings: tuple  # what reading the file found (front matter that does not parse)
    rule_findings: tuple  # what the per-file rules found, before disabled rules are dropped
    signature: tuple | None  # its MinHash signature; None: not an article, or too short
    body_line: int = 1


class LintCache:
    def __init__(self, path: Path | None, settings):
        self.path = path
        self.salt = _salt(settings) if path else b""
        entries, stamps = _load(path) if path else ({}, {})
        self.entries: dict[bytes, FileLint] = entries
        self.used: dict[bytes, FileLint] = {}
        self.changed = False
        # Each file's digest by its stat: an unchanged file is not read (newsroom_core.digests).
        self.files = FileDigests(stamps)

    def key(self, shown: str, kind: str, file_digest: bytes) -> bytes:
        digest = hashlib.blake2b(self.salt, digest_size=16)
        for part in (shown.encode(), kind.encode(), file_digest):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.digest()

    def get(self, key: bytes) -> FileLint | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: bytes, entry: FileLint) -> None:
        self.used[key] = entry
        self.changed = True

    def save(self) -> None:
        """Keep what this lint used; nothing is written when nothing changed."""
        files = self.files
        unchanged = len(self.used) == len(self.entries) and files.remembered == files.known
        if self.path is None or (unchanged and not self.changed):
            return
        save_kept(self.path, CACHE_VERSION, (self.used, files.remembered))


def cache_path(settings) -> Path | None:
    return optional_cache_path(settings, "LINT_CACHE", ".cache/lint.pickle", "lint every file")


def _load(path: Path) -> tuple[dict, dict]:
    """(entries, each file's stat and digest)"""
    kept = load_kept(path, CACHE_VERSION)
    return ({}, {}) if kept is MISSING else kept


def _salt(settings) -> bytes:
    """Everything but the file itself that a file's lint results depend on."""
    parts = [str(CACHE_VERSION), json.dumps(plain_settings(settings), sort_keys=True)]
    parts += [f"{name}={version(name)}" for name in LIBRARIES]
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode())
    # Our lint and the code it calls (the schema, front-matter parsing: newsroom_core).
    code = sorted(Path(__file__).parent.glob("*.py"))
    code += sorted(Path(newsroom_core.__file__).parent.glob("*.py"))
    for file in code:
        digest.update(file.name.encode() + file.read_bytes())
    for line in _content_tree(Path(settings["PATH"])):
        digest.update(line.encode())
    return digest.digest()


def _content_tree(root: Path) -> list[str]:
    """Every file under the content folder: Markdown by name (links and author names must
    resolve; each file's own bytes are in its key), anything else (images) by name, size and
    time. Adding or deleting a story therefore lints every file again; editing one does not."""
    lines = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        relative = os.path.relpath(folder, root)
        for name in sorted(names):
            if name.endswith((".md", ".markdown")):
                lines.append(f"{relative}/{name}\n")
                continue
            found = os.stat(os.path.join(folder, name))
            lines.append(f"{relative}/{name}:{found.st_size}:{found.st_mtime_ns}\n")
    return lines
