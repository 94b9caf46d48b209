"""Skip a build when nothing it reads has changed since the last one passed.

`invoke build` asks `unchanged` before it starts Pelican. The last passed build left a record
in the cache folder (RECORD_NAME): a digest of what the build reads (the stamps of every file
in the content folder, the theme, the plugins and the settings folder; the settings; Python's
and the libraries' versions), the output folder's listing as the build left it, the build
clock's time, and the first time at which the clock alone changes the output (a scheduled story
comes due, a story leaves the news sitemap's window: plugins report those times as
CHANGES_AT_REPORT). When the inputs and the output folder are what they were and the clock is
between those two times, the output folder already holds what a build would write.

A stamp is (size, mtime, ctime, inode), as git's index keeps. A file changed shortly before
the snapshot might change again within one tick of the file system's clock without its stamp
moving, so the bytes of such a file are digested too and compared (git's "racy" files).

Deleting this module and its calls in newsroom.build changes no byte of any build: it only
decides whether a build runs at all.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsroom_core.clock import build_now
from newsroom_core.digests import SETTLED_NS, bytes_digest, digest_of, library_versions
from newsroom_core.output import CHANGES_AT_REPORT
from newsroom_core.settings import cache_dir, plain_settings

RECORD_NAME = "last-build.json"
RECORD_VERSION = 1
# What the output is made with, besides our own code (which is an input file).
LIBRARIES = (
    "pelican",
    "jinja2",
    "markupsafe",
    "markdown",
    "typogrify",
    "beautifulsoup4",
    "pillow",
    "pagefind",
    "pyyaml",
)


@dataclass(frozen=True)
class Snapshot:
    """What a build is about to read, taken before it reads anything."""

    inputs: str  # digest of the settings, versions and every input file's stamp
    racy: dict[str, str]  # path -> digest of the bytes, for files changed just before
    clock: datetime  # the build clock's now


@dataclass(frozen=True)
class Unchanged:
    """The last build, still true: when it ran and what it warned about."""

    built_at: datetime
    warnings: list[str]
    files_checked: int


def take_snapshot(settings, settings_file: Path) -> Snapshot:
    stamps, racy_paths = _input_stamps(settings, settings_file)
    racy = {path: _file_digest(path) for path in racy_paths}
    return Snapshot(_inputs_digest(settings, stamps), racy, build_now(settings))


def remember(snapshot: Snapshot, settings, output: Path, warnings: list[str], report: dict) -> None:
    """Record a passed build, after it has been moved into `output`."""
    changes_at = min(report.get(CHANGES_AT_REPORT, ()), default=None)
    record = {
        "version": RECORD_VERSION,
        "output": str(output),
        "inputs": snapshot.inputs,
        "racy": snapshot.racy,
        "output_listing": _listing_digest(output)[0],
        "clock": snapshot.clock.isoformat(),
        "changes_at": changes_at.isoformat() if changes_at else None,
        "warnings": warnings,
    }
    path = record_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    scratch.replace(path)


def unchanged(settings, settings_file: Path, output: Path) -> Unchanged | None:
    """The last build's record when building now would write what `output` holds, else None."""
    try:
        record = json.loads(record_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("version") != RECORD_VERSION or record.get("output") != str(output):
        return None
    now = build_now(settings)
    built_at = datetime.fromisoformat(record["clock"])
    if now < built_at or (
        record["changes_at"] and now >= datetime.fromisoformat(record["changes_at"])
    ):
        return None
    stamps, _ = _input_stamps(settings, settings_file)
    if _inputs_digest(settings, stamps) != record["inputs"]:
        return None
    for path, digest in record["racy"].items():
        try:
            if _file_digest(path) != digest:
                return None
        except OSError:
            return None
    listing, files = _listing_digest(output)
    if listing != record["output_listing"]:
        return None
    return Unchanged(built_at, list(record["warnings"]), len(stamps) + files)


def record_path(settings) -> Path:
    return cache_dir(settings) / RECORD_NAME


def _input_folders(settings, settings_file: Path) -> list[tuple[Path, bool]]:
    """(folder, every file below it?): the content, the theme, the plugins; the settings
    folder's own .py files only (pelicanconf.py, publishconf.py), not what lies below it."""
    folders = [(Path(settings["PATH"]), True), (Path(settings["THEME"]), True)]
    folders += [(Path(folder), True) for folder in settings.get("PLUGIN_PATHS") or ()]
    folders.append((Path(settings_file).resolve().parent, False))
    return folders


def _input_stamps(settings, settings_file: Path) -> tuple[list[str], list[str]]:
    """Every input file's stamp as one line, sorted, and the files changed too recently for
    their stamp to be trusted alone."""
    racy_after_ns = time.time_ns() - SETTLED_NS
    lines, racy = [], []
    for root, below in _input_folders(settings, settings_file):
        for path, found in _walk(root, below):
            lines.append(
                f"{path}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ctime_ns}\0{found.st_ino}"
            )
            if max(found.st_mtime_ns, found.st_ctime_ns) >= racy_after_ns:
                racy.append(path)
    lines.sort()
    return lines, sorted(racy)


def _walk(root: Path, below: bool):
    """(path, stat) of each file under `root` (only its own files unless `below`)."""
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if below and entry.name != "__pycache__":
                    folders.append(entry.path)
            elif entry.name.endswith(".py") or below:
                yield entry.path, entry.stat()


def _inputs_digest(settings, stamps: list[str]) -> str:
    parts = [str(RECORD_VERSION), sys.version]
    parts += library_versions(LIBRARIES)
    parts.append(json.dumps(plain_settings(settings), sort_keys=True))
    parts += stamps
    return digest_of(*(part.encode() for part in parts)).hex()


def _listing_digest(output: Path) -> tuple[str, int]:
    """A digest of every file in `output` (path, size, mtime, inode) and how many there are."""
    lines = [
        f"{path}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ino}"
        for path, found in _walk(output, True)
    ]
    lines.sort()
    return digest_of(*(line.encode() for line in lines)).hex(), len(lines)


def _file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return bytes_digest(handle.read()).hex()
