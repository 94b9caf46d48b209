"""Each source's checked front matter, kept between builds (`SOURCE_CACHE`).

A rebuild used to decode, split, YAML-parse and check every file again: about 0.65 ms a file,
some 7 s of waiting at 10,000 articles, for the one file an editor changed. What is kept per
file is what the checks returned (the values and their line numbers) and the key of its body
in the markup cache, which keeps the HTML. Files with errors are never kept: they are checked
again, and reported again, on every build.

An entry's key is a digest of the file's path and bytes and of everything else the checks
depend on: our reader's code and newsroom_core's (the schema), the YAML library, the plain
settings, the author profiles' slugs (bylines must name one) and the names of every other file
under the content folder (an image named in the front matter must exist). Change any of them
and every key changes. Markdown files are not among those names: adding a story checks only
the new story.

One pickle file, read at the start of the build and written whole, atomically, once every file
has been read; entries no build used are dropped then. It also holds each file's stat and digest
(`newsroom_core.digests`), so that an unchanged file is not even read.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from importlib.metadata import version
from pathlib import Path

import newsroom_core
from newsroom_core.digests import FileDigests
from newsroom_core.kept import MISSING, load_kept, save_kept
from newsroom_core.settings import optional_cache_path, plain_settings

from .prefetch import EXTENSIONS

CACHE_VERSION = 2
LIBRARIES = ("pyyaml",)


def cache_path(settings) -> Path | None:
    return optional_cache_path(
        settings, "SOURCE_CACHE", ".cache/sources.pickle", "check every file's front matter"
    )


class SourceCache:
    def __init__(self, path: Path, settings, author_slugs: frozenset):
        self.path = path
        self.salt = _salt(settings, author_slugs)
        kept = load_kept(path, CACHE_VERSION)
        entries, stamps = ({}, {}) if kept is MISSING else kept
        # key -> pickled (values, lines, render key): bytes, so that nothing a plugin later
        # does to an article's metadata can reach what is kept.
        self.entries: dict[bytes, bytes] = entries
        self.used: dict[bytes, bytes] = {}
        self.changed = False
        self.files = FileDigests(stamps)

    def key(self, source_path: str, digest: bytes) -> bytes:
        hashed = hashlib.blake2b(self.salt, digest_size=16)
        for part in (os.path.abspath(source_path).encode(), digest):
            hashed.update(len(part).to_bytes(8, "little"))
            hashed.update(part)
        return hashed.digest()

    def get(self, key: bytes) -> tuple | None:
        """(values, lines, render key) kept under `key`, as new objects, or None."""
        kept = self.entries.get(key)
        if kept is None:
            return None
        self.used[key] = kept
        return pickle.loads(kept)

    def put(self, key: bytes, values: dict, lines: dict, render_key: str) -> None:
        if key in self.used:
            return  # taken from the cache this build
        kept = pickle.dumps((values, lines, render_key), protocol=pickle.HIGHEST_PROTOCOL)
        self.used[key] = kept
        self.changed = self.changed or self.entries.get(key) != kept

    def save(self) -> None:
        """Keep what this build used; nothing is written when nothing changed."""
        files = self.files
        if self.changed or len(self.used) != len(self.entries) or files.remembered != files.known:
            save_kept(self.path, CACHE_VERSION, (self.used, files.remembered))
        self.entries = self.used


def _salt(settings, author_slugs: frozenset) -> bytes:
    """Everything but the file itself that its checked front matter depends on."""
    digest = hashlib.blake2b(digest_size=16)
    parts = [str(CACHE_VERSION), json.dumps(plain_settings(settings), sort_keys=True)]
    parts += [f"{name}={version(name)}" for name in LIBRARIES]
    parts += sorted(author_slugs)
    for part in parts:
        digest.update(part.encode() + b"\0")
    code = sorted(Path(__file__).parent.glob("*.py"))
    code += sorted(Path(newsroom_core.__file__).parent.glob("*.py"))
    for file in code:
        digest.update(file.name.encode() + file.read_bytes())
    for name in _other_files(Path(settings["PATH"])):
        digest.update(name.encode() + b"\0")
    return digest.digest()


def _other_files(root: Path) -> list[str]:
    """Every file under the content folder but the Markdown sources, by name: the checks ask
    only whether a named file exists."""
    names = []
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        relative = os.path.relpath(folder, root)
        names += [f"{relative}/{n}" for n in sorted(files) if not n.endswith(EXTENSIONS)]
    return names
