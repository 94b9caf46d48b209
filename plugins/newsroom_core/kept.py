"""Build caches kept as one pickle file each: read whole, written whole and atomically.

A file is stored as (version, data). A missing, damaged or older file reads as nothing, so a
cache can only ever cost a rebuild, never a wrong page.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from .digests import FileDigests

MISSING = object()


def load_kept(path: Path, version: int):
    """What `save_kept` stored at `path` under `version`, or MISSING."""
    try:
        with path.open("rb") as handle:
            found, data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError):
        return MISSING
    except TypeError:  # not a (version, data) pair
        return MISSING
    return data if found == version else MISSING


def save_kept(path: Path, version: int, data) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        pickle.dump((version, data), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


class KeptEntries:
    """A build cache of one entry per source file, keyed by digest, with each file's stat and
    digest (`digests.FileDigests`) in the same pickle. Entries this build did not use are
    dropped when it is saved; nothing is written when nothing changed. `path` None: nothing is
    kept."""

    def __init__(self, path: Path | None, version: int):
        self.path, self.version = path, version
        kept = load_kept(path, version) if path is not None else MISSING
        entries, stamps = ({}, {}) if kept is MISSING else kept
        self.entries: dict[bytes, object] = entries
        self.used: dict[bytes, object] = {}
        self.changed = False
        self.files = FileDigests(stamps)

    def get(self, key: bytes):
        entry = self.entries.get(key)
        if entry is not None:
            self.used[key] = entry
        return entry

    def put(self, key: bytes, entry) -> None:
        self.used[key] = entry
        self.changed = self.changed or self.entries.get(key) != entry

    def save(self) -> None:
        files = self.files
        unchanged = len(self.used) == len(self.entries) and files.remembered == files.known
        if self.path is not None and not (unchanged and not self.changed):
            save_kept(self.path, self.version, (self.used, files.remembered))
        self.entries = self.used
