"""Each file's lint results, kept between builds: at 10,000 articles the lint took half a minute
of a core on every build, and an edit changes one file.

What is kept per file is what the per-file rules found, the file's near-duplicate signature and
its links to site paths (which pages exist is checked on every build, never kept).
An entry's key is a digest of the file's bytes, its path and kind, and of everything else those
results depend on: our lint's code and newsroom_core's (the schema it checks against), the lint
options and plain settings, and the other files under the content folder (links, images and
author names must resolve). Change any of them and every key changes. Comparing articles with
each other is never cached: the signatures are, and the banding runs on every build.

One pickle file (`LINT_CACHE`, under the project folder), read whole and written whole, atomically,
by the one process that lints; entries no lint used are dropped when it is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import newsroom_core
from newsroom_core.digests import cache_salt, digest_of
from newsroom_core.kept import KeptEntries
from newsroom_core.paths import MARKDOWN_SUFFIXES
from newsroom_core.settings import optional_cache_path

CACHE_VERSION = 3
LIBRARIES = ("pyyaml",)


@dataclass(frozen=True)
class FileLint:
    """One file's lint results, without the near-duplicate comparison."""

    read_findings: tuple  # what reading the file found (front matter that does not parse)
    rule_findings: tuple  # what the per-file rules found, before disabled rules are dropped
    signature: tuple | None  # its MinHash signature; None: not an article, or too short
    body_line: int = 1
    site_links: tuple = ()  # SiteLinks: checked against the built pages on every build
    held: bool = False  # an unfinished import draft (newsroom_core.schema.is_unfinished)


class LintCache(KeptEntries):
    """FileLint entries by `key`; each file's digest by its stat, so that an unchanged file is
    not read (newsroom_core.digests)."""

    def __init__(self, path: Path | None, settings):
        super().__init__(path, CACHE_VERSION)
        self.salt = _salt(settings) if path else b""

    def key(self, shown: str, kind: str, file_digest: bytes) -> bytes:
        return digest_of(self.salt, shown.encode(), kind.encode(), file_digest)


def cache_path(settings) -> Path | None:
    return optional_cache_path(settings, "LINT_CACHE", "lint.pickle", "lint every file")


def _salt(settings) -> bytes:
    """Everything but the file itself that a file's lint results depend on: our lint and the
    code it calls (the schema, front-matter parsing: newsroom_core), and the content tree."""
    code = [Path(__file__).parent, Path(newsroom_core.__file__).parent]
    return cache_salt(
        CACHE_VERSION, settings, LIBRARIES, code, _content_tree(Path(settings["PATH"]))
    )


def _content_tree(root: Path) -> list[str]:
    """Every file under the content folder: Markdown by name (links and author names must
    resolve; each file's own bytes are in its key), anything else (images) by name, size and
    time. Adding or deleting a story therefore lints every file again; editing one does not."""
    lines = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        relative = os.path.relpath(folder, root)
        for name in sorted(names):
            if name.endswith(MARKDOWN_SUFFIXES):
                lines.append(f"{relative}/{name}\n")
                continue
            found = os.stat(os.path.join(folder, name))
            lines.append(f"{relative}/{name}:{found.st_size}:{found.st_mtime_ns}\n")
    return lines
