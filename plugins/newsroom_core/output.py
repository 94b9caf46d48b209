"""Work that must wait until a passed build has been moved into the output folder, and what
plugins report about the build (pages rendered and reused, say).

`newsroom.build` builds into a staging folder and moves it in only when the build passed. A
plugin that keeps state describing the output folder (parallel_render's page store) registers a
callback here; it runs after the move, and is dropped when the build fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

_PENDING: list[Callable[[Path], None]] = []
BUILD_REPORT: dict[str, object] = {}


def report(key: str, value) -> None:
    BUILD_REPORT[key] = value


def after_swap_in(callback: Callable[[Path], None]) -> None:
    _PENDING.append(callback)


def run_after_swap_in(output: Path) -> None:
    callbacks = list(_PENDING)
    _PENDING.clear()
    for callback in callbacks:
        callback(output)


def discard_pending() -> None:
    _PENDING.clear()


def take_report() -> dict:
    taken = dict(BUILD_REPORT)
    BUILD_REPORT.clear()
    return taken
