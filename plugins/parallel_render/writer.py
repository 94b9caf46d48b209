"""A Pelican writer that renders pages in forked workers.

Pelican renders and writes each page as a generator asks for it, one at a time. This writer
notes each request instead (with a copy of the context as it was then). `FlushWrites`, a
generator Pelican runs after the article and page generators and before the static one,
then has them rendered by one worker per core. Feeds are written at once, as before.

What a page's rendering changes in this process must come back from the workers:
- the files written, so that two pages claiming one file still fail the build;
- warnings and errors logged while rendering, re-logged here;
- plugin state registered with `newsroom_core.parallel.share_worker_state` (news_seo's heads).

Pelican's `{attach}` links move a static file while a page's content is rendered; that must
happen here, where the static generator runs, so that content is rendered here first.
"""

from __future__ import annotations

import logging
import traceback

from pelican.generators import Generator
from pelican.writers import Writer

from newsroom_core.parallel import WORKER_STATES, chunked, fork_pool, worker_count

from .urls import freeze_urls

CONTENT_KEYS = ("article", "page")


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.deferred: list[tuple] = []
        self.urls_frozen = False

    def write_feed(self, elements, context, *args, **kwargs):
        self._freeze_urls(context)
        return super().write_feed(elements, context, *args, **kwargs)

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return
        self._freeze_urls(context)
        self.deferred.append((name, template, context.copy(), args, kwargs))

    def _freeze_urls(self, context) -> None:
        if not self.urls_frozen:  # the first write: every article is read and final
            freeze_urls(context)
            self.urls_frozen = True

    def flush(self) -> None:
        calls, self.deferred = self.deferred, []
        workers = worker_count(self.settings, len(calls))
        overriding = any(call[4].get("override_output") for call in calls)
        if workers < 2 or overriding:  # override_output means order matters: keep it serial
            for call in calls:
                self._render(call)
            return
        _render_attachments_here(calls)
        _Job.writer, _Job.calls = self, calls
        try:
            with fork_pool(workers) as pool:
                done = list(pool.map(_render_chunk, chunked(range(len(calls)), workers, 8)))
        finally:
            _Job.writer, _Job.calls = None, []
        objects = _objects_by_id(calls)
        for result in done:
            self._merge(result, objects)

    def _render(self, call) -> None:
        name, template, context, args, kwargs = call
        Writer.write_file(self, name, template, context, *args, **kwargs)

    def _merge(self, result: dict, objects: dict) -> None:
        for record in result["logs"]:
            logging.getLogger(record.name).handle(record)
        if result["failed"]:
            raise RuntimeError(f"rendering {result['failed']} failed:\n{result['traceback']}")
        for path in result["written"]:
            if path in self._written_files:
                raise RuntimeError(f"File {path} is to be overwritten")  # as Pelican says it
            self._written_files.add(path)
        for name, payload in result["states"].items():
            WORKER_STATES[name].merge(payload, objects.get)


class FlushWrites(Generator):
    """Runs after the article and page generators: renders what they asked for."""

    def generate_output(self, writer):
        if isinstance(writer, ParallelWriter):
            writer.flush()


class _Job:
    """What the forked workers inherit: set just before the pool starts."""

    writer: ParallelWriter | None = None
    calls: list = []


def _render_chunk(indices) -> dict:
    writer = _Job.writer
    before = set(writer._written_files)
    for state in WORKER_STATES.values():
        state.begin()
    # Only the capture, so nothing is printed twice: the parent logs the records again.
    capture, root = _LogCapture(), logging.getLogger()
    root.handlers = [capture]
    failed, trace = None, ""
    try:
        for index in indices:
            failed = _Job.calls[index][0]
            writer._render(_Job.calls[index])
        failed = None
    except Exception:  # noqa: BLE001 - reported, with its traceback, by the parent
        trace = traceback.format_exc()
    return {
        "failed": failed,
        "traceback": trace,
        "logs": capture.records,
        "written": sorted(writer._written_files - before),
        "states": {name: state.collect() for name, state in WORKER_STATES.items()},
    }


class _LogCapture(logging.Handler):
    """Warnings and errors from a worker, to be logged again by the parent."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        record.msg, record.args = record.getMessage(), None  # arguments may not pickle
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _render_attachments_here(calls) -> None:
    for _, _, _, _, kwargs in calls:
        for key in CONTENT_KEYS:
            content = kwargs.get(key)
            if content is not None and "attach" in (getattr(content, "_content", "") or ""):
                content.content  # noqa: B018 - rendering moves the attached files


def _objects_by_id(calls) -> dict:
    """The objects pages were rendered for, by id(): a forked worker's copy of an object has
    the same id, so workers refer to objects by it."""
    return {id(value): value for call in calls for value in call[4].values()}
