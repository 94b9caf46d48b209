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

import os
import pickle
from pathlib import Path

import newsroom_core
from newsroom_core.digests import cache_salt, digest_of
from newsroom_core.kept import KeptEntries
from newsroom_core.paths import MARKDOWN_SUFFIXES
from newsroom_core.settings import optional_cache_path

CACHE_VERSION = 2
LIBRARIES = ("pyyaml",)


def cache_path(settings) -> Path | None:
    return optional_cache_path(
        settings, "SOURCE_CACHE", "sources.pickle", "check every file's front matter"
    )


class SourceCache(KeptEntries):
    """Entries: pickled (values, lines, render key), bytes, so that nothing a plugin later does
    to an article's metadata can reach what is kept."""

    def __init__(self, path: Path, settings, author_slugs: frozenset):
        super().__init__(path, CACHE_VERSION)
        self.salt = _salt(settings, author_slugs)

    def key(self, source_path: str, digest: bytes) -> bytes:
        return digest_of(self.salt, os.path.abspath(source_path).encode(), digest)

    def take(self, key: bytes) -> tuple | None:
        """(values, lines, render key) kept under `key`, as new objects, or None."""
        kept = self.get(key)
        return None if kept is None else pickle.loads(kept)

    def keep(self, key: bytes, values: dict, lines: dict, render_key: str) -> None:
        if key not in self.used:  # taken from the cache this build: the same already
            self.put(key, pickle.dumps((values, lines, render_key), pickle.HIGHEST_PROTOCOL))


def _salt(settings, author_slugs: frozenset) -> bytes:
    """Everything but the file itself that its checked front matter depends on."""
    code = [Path(__file__).parent, Path(newsroom_core.__file__).parent]
    extra = sorted(author_slugs) + _other_files(Path(settings["PATH"]))
    return cache_salt(CACHE_VERSION, settings, LIBRARIES, code, extra)


def _other_files(root: Path) -> list[str]:
    """Every file under the content folder but the Markdown sources, by name: the checks ask
    only whether a named file exists."""
    names = []
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        relative = os.path.relpath(folder, root)
        names += [f"{relative}/{n}" for n in sorted(files) if not n.endswith(MARKDOWN_SUFFIXES)]
    return names
