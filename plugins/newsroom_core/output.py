"""Work that must wait until a passed build has been moved into the output folder, the files
a build keeps where they are, and what plugins report about the build (pages rendered and
reused, say).

`newsroom.build` builds into a staging folder and moves it in only when the build passed. A
plugin that keeps state describing the output folder (parallel_render's page store) registers a
callback here; it runs after the move, and is dropped when the build fails.

A file the last build wrote and this build would write again byte for byte (a reused page, an
image whose name carries its hash) is "kept": it stays in the output folder, is never copied or
linked into staging, and the move leaves it alone. What reads the finished build before the move
(the search indexer) finds it with `built_path`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

# Set by newsroom.build, which builds into a staging folder: the folder the build will be
# moved into, where the last build's files are (reused pages and images are kept there).
FINAL_OUTPUT_KEY = "FINAL_OUTPUT_PATH"
_PENDING: list[Callable[[Path], None]] = []
_KEPT: set[str] = set()  # output-relative POSIX paths kept from the last build
BUILD_REPORT: dict[str, object] = {}
# Report keys read outside the plugin that sets them.
SCHEDULED_REPORT = "scheduled"  # [{due, source, title}] held back by the build clock
CONTENT_URLS_REPORT = "content urls"  # {source: URL} of every article and page, drafts too
# [datetime]: times at which the build clock alone changes the output (a scheduled story comes
# due, a story leaves a time window). Every plugin whose output depends on the clock reports
# them, so that a build skipped as unchanged (newsroom.last_build) is never out of date.
CHANGES_AT_REPORT = "output changes at"


def report(key: str, value) -> None:
    BUILD_REPORT[key] = value


def output_changes_at(when) -> None:
    """The clock alone changes this build's output at `when` (an aware datetime)."""
    BUILD_REPORT.setdefault(CHANGES_AT_REPORT, []).append(when)


def final_output_path(settings) -> Path | None:
    final = settings.get(FINAL_OUTPUT_KEY)
    return Path(final) if final else None


def after_swap_in(callback: Callable[[Path], None]) -> None:
    _PENDING.append(callback)


def run_after_swap_in(output: Path) -> None:
    callbacks = list(_PENDING)
    _PENDING.clear()
    for callback in callbacks:
        callback(output)


def discard_pending() -> None:
    _PENDING.clear()
    _KEPT.clear()


def keep_in_place(relative: str) -> None:
    """This build's file `relative` is the last build's, as it is in the final output folder."""
    _KEPT.add(relative)


def is_kept(relative: str) -> bool:
    return relative in _KEPT


def kept_files() -> frozenset[str]:
    return frozenset(_KEPT)


def built_path(settings, relative: str) -> Path:
    """Where this build's file `relative` is before the move: staging, or the final output
    folder for a kept file."""
    final = final_output_path(settings)
    if final is not None and relative in _KEPT:
        return final / relative
    return Path(settings["OUTPUT_PATH"]) / relative


def take_report() -> dict:
    taken = dict(BUILD_REPORT)
    BUILD_REPORT.clear()
    return taken
