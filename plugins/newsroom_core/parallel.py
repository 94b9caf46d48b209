"""Work on every core: fork-based process pools for the build's independent jobs.

Pelican builds in one process. Parsing Markdown, drawing social cards and rendering pages are
independent per item, so the plugins hand them to forked workers: a fork inherits the loaded
settings, templates and fonts, and only the results travel back (pickled).

Settings (`BUILD_PARALLEL`): WORKERS, how many processes (0: one per core; 1: never fork),
and MIN_ITEMS, below which a pool costs more than it saves and the work stays in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .errors import BUILD_ERRORS
from .settings import SettingsError, check_plugin_settings

DEFAULTS = {"WORKERS": 0, "MIN_ITEMS": 64}
MAX_WORKERS = 8


def check_settings(settings) -> dict:
    cfg = check_plugin_settings("newsroom_core", settings, "BUILD_PARALLEL", DEFAULTS)
    for name in DEFAULTS:
        if cfg[name] < 0:
            raise SettingsError(
                f"newsroom_core: BUILD_PARALLEL[{name!r}]: expected 0 or more, got {cfg[name]}"
            )
    return cfg


def worker_count(settings, items: int) -> int:
    """Processes to use for `items` jobs: 1 means do them here, without a pool."""
    cfg = check_settings(settings)  # idempotent, and a dict of two: check on every call
    workers = cfg["WORKERS"] or min(_cores(), MAX_WORKERS)
    if items < max(cfg["MIN_ITEMS"], 2):
        return 1
    return min(workers, items)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what this process may use, not the whole machine
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool whose workers start as copies of this process (the `fork` start method)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def ordered_map(pool, function: Callable, items: Iterable, ahead: int) -> Iterator:
    """`function` of each item, in order, with at most `ahead` jobs submitted and not yet
    consumed. `pool.map` submits every job at once and holds each result until the caller
    reaches it, so a slow consumer (merging rendered pages) piles them all up in memory."""
    submitted: deque = deque()
    for item in items:
        if len(submitted) >= ahead:
            yield submitted.popleft().result()
        submitted.append(pool.submit(function, item))
    while submitted:
        yield submitted.popleft().result()


def chunked(items: list, workers: int, per_worker: int = 4) -> list[list]:
    """`items` cut into about `per_worker` chunks per worker: large enough that pickling is
    cheap, small enough that a slow chunk does not leave the other cores idle."""
    size = max(1, -(-len(items) // (workers * per_worker)))
    return [items[start : start + size] for start in range(0, len(items), size)]


# --- state a worker builds up while it renders -----------------------------------------------


@dataclass
class WorkerState:
    """Module state that rendering adds to (news_seo's page heads, the build's errors). In a
    worker it starts empty (`begin`), what the worker added travels back (`collect`, picklable)
    and is added to this process's state (`merge`), in job order so the result is the same as
    a serial build's. Objects travel as their id(): a forked copy of an object has the same id
    as the original, and `merge` gets a `resolve(id)` that returns this process's object."""

    begin: Callable[[], None]
    collect: Callable[[], object]
    merge: Callable[[object, Callable], None]


WORKER_STATES: dict[str, WorkerState] = {}


def share_worker_state(name: str, begin, collect, merge) -> None:
    WORKER_STATES[name] = WorkerState(begin, collect, merge)


def _errors_begin() -> None:
    BUILD_ERRORS.reset()


def _errors_merge(errors, resolve) -> None:
    BUILD_ERRORS.extend(errors)


share_worker_state("build errors", _errors_begin, lambda: BUILD_ERRORS.errors, _errors_merge)
