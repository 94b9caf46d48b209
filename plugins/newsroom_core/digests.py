"""Digests of source files, remembered by their stat between builds.

The caches of checked front matter and of lint results are keyed on each file's bytes, so a
rebuild read all 10,000 sources twice (once per cache) just to find them unchanged. On a machine
whose page cache had been reclaimed that was most of a no-change rebuild. A file whose size,
mtime, ctime and inode are what they were when its digest was taken is not read again.

As git does with its index, a stat is trusted only if the file had not changed for a while
before it was read (`SETTLED_NS`): a file written twice within one tick of the file system's
clock, with the same size, would otherwise look unchanged. ctime cannot be set back by
`touch`, and every write moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .settings import plain_settings

DIGEST_SIZE = 16
SETTLED_NS = 2_000_000_000  # coarser than any clock tick of a file system we would build on


def bytes_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).digest()


def digest_of(*parts: bytes) -> bytes:
    """One digest of several parts, each length-prefixed so that no two lists of parts run
    together into the same bytes."""
    hasher = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


def library_versions(names) -> list[str]:
    """`name=version` of each installed distribution in `names`, `name=-` for a missing one:
    part of a digest, so that another version of a library does not reuse what this made."""
    return [f"{name}={_installed_version(name)}" for name in names]


def _installed_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def cache_salt(cache_version: int, settings, libraries, code_folders, extra=()) -> bytes:
    """What every entry of a build cache depends on besides its own file: the cache's version,
    the plain settings, the versions of `libraries`, the source of the Python modules in
    `code_folders` that make the entries, and `extra` (strings)."""
    parts = [str(cache_version), json.dumps(plain_settings(settings), sort_keys=True)]
    parts += [f"{name}={version(name)}" for name in libraries]
    encoded = [part.encode() for part in parts]
    for folder in code_folders:
        for file in sorted(Path(folder).glob("*.py")):
            encoded += [file.name.encode(), file.read_bytes()]
    return digest_of(*encoded, *(part.encode() for part in extra))


class FileDigests:
    """`digest(path)` for one build; `remembered` is what the next build may trust."""

    def __init__(self, known: dict | None = None, settled_ns: int = SETTLED_NS):
        self.known: dict[str, tuple] = known or {}  # path -> (stamp, digest)
        self.remembered: dict[str, tuple] = {}
        # Files last changed after this are read again next time.
        self.trusted_before_ns = time.time_ns() - settled_ns

    def digest(self, path: str) -> tuple[bytes, bytes | None]:
        """(digest of the file's bytes, the bytes if they had to be read, else None).
        OSError if the file cannot be read."""
        stamp = _stamp(path)
        known = self.known.get(path)
        if known is not None and known[0] == stamp:
            self.remembered[path] = known
            return known[1], None
        with open(path, "rb") as handle:
            data = handle.read()
        digest = bytes_digest(data)
        if _stamp(path) == stamp and max(stamp[1], stamp[2]) < self.trusted_before_ns:
            self.remembered[path] = (stamp, digest)
        return digest, data


def _stamp(path: str) -> tuple[int, int, int, int]:
    found = os.stat(path)
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)
