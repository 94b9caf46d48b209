"""Work that must wait until a passed build has been moved into the output folder, and what
plugins report about the build (pages rendered and reused, say).

`newsroom.build` builds into a staging folder and moves it in only when the build passed. A
plugin that keeps state describing the output folder (parallel_render's page store) registers a
callback here; it runs after the move, and is dropped when the build fails.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

# Set by newsroom.build, which builds into a staging folder: the folder the build will be
# moved into, where the last build's files are (pages and images are linked from there).
FINAL_OUTPUT_KEY = "FINAL_OUTPUT_PATH"
_PENDING: list[Callable[[Path], None]] = []
BUILD_REPORT: dict[str, object] = {}


def report(key: str, value) -> None:
    BUILD_REPORT[key] = value


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


def take_report() -> dict:
    taken = dict(BUILD_REPORT)
    BUILD_REPORT.clear()
    return taken
