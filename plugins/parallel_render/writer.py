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
import os
import pickle
import traceback
from contextlib import contextmanager
from pathlib import Path

from pelican.contents import Content
from pelican.generators import Generator
from pelican.writers import Writer

from newsroom_core.output import report
from newsroom_core.parallel import WORKER_STATES, fork_pool, ordered_map, worker_count

from . import tracking
from .fingerprint import Fingerprinter, Unkeyable
from .reuse import PageReuse, site_digest, store_path
from .urls import freeze_urls

logger = logging.getLogger(__name__)

CONTENT_KEYS = ("article", "page")
# Pages per job, and jobs a worker may have done ahead of the merging here: each page's result
# (what it read, its head, its logs) waits in memory until it is merged, so only a few jobs'
# worth may wait. 1,000-page jobs held some 200 MiB of results at 10,000 articles.
PAGES_PER_JOB = 24
JOBS_AHEAD_PER_WORKER = 4


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.deferred: list[tuple] = []
        self.urls_frozen = False
        self._last_snapshot: tuple = (None, None)  # (keys and value ids, the copy)

    def write_feed(self, elements, context, *args, **kwargs):
        self._freeze_urls(context)
        return super().write_feed(elements, context, *args, **kwargs)

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return
        self._freeze_urls(context)
        self.deferred.append((name, template, self._snapshot(context), args, kwargs))

    def _snapshot(self, context: dict) -> dict:
        """The context as it is now. Generators write page after page with an unchanged
        context: those pages share one copy (16,000 copies were some 40 MiB at 10,000
        articles). The same keys and the same value objects mean the same context: the last
        copy holds its values, so no id in it can have been reused by another object."""
        key = (tuple(context), tuple(map(id, context.values())))
        if key != self._last_snapshot[0]:
            self._last_snapshot = (key, context.copy())
        return self._last_snapshot[1]

    def _freeze_urls(self, context) -> None:
        if not self.urls_frozen:  # the first write: every article is read and final
            freeze_urls(context)
            self.urls_frozen = True

    def flush(self) -> None:
        calls, self.deferred = self.deferred, []
        workers = worker_count(self.settings, len(calls))
        overriding = any(call[4].get("override_output") for call in calls)
        path = store_path(self.settings)
        if overriding or (workers < 2 and path is None):
            # override_output means order matters: keep it serial, in this process.
            for call in calls:
                self._render(call)
            return
        # Here, first: rendering an {attach} link moves the attached file, which pages show
        # and which the digests of page reuse see.
        _render_attachments_here(calls)
        if path is None:  # nothing is kept: render every page, noting nothing
            self._flush(calls, workers, None)
            return
        with tracking.installed():
            reuse = self._start_reuse(path, calls)
            self._flush(calls, max(workers, 1), reuse)
        reuse.forget_rendering()
        reuse.save_after_swap_in()
        report("pages rendered", sorted(reuse.rendered))
        report("pages reused", reuse.reused)

    def _start_reuse(self, path, calls) -> PageReuse:
        contexts = _distinct([call[2] for call in calls])
        refs, objects = tracking.stable_references(contexts)
        site_contexts = _distinct(
            [
                vars(obj)["_context"]
                for group in objects.values()
                for obj in group
                if isinstance(obj, Content)
            ]
        )
        fingerprint = Fingerprinter(refs, contexts + site_contexts)
        try:
            site = site_digest(self.settings, fingerprint, site_contexts)
        except Unkeyable as reason:
            logger.warning("parallel_render: every page is rendered: %s", reason)
            site = os.urandom(16)
        return PageReuse(self.settings, path, Path(self.output_path), fingerprint, objects, site)

    def _flush(self, calls, workers: int, reuse: PageReuse | None) -> None:
        identities = [reuse.identity(call) if reuse else None for call in calls]
        kept = [None] * len(calls)
        if reuse is not None:
            kept = [reuse.reusable(c, i) for c, i in zip(calls, identities, strict=True)]
        pending = [index for index, record in enumerate(kept) if record is None]
        objects = _objects_by_id(calls)
        # Results are merged in page order as the workers send them: merging overlaps the
        # rendering, and no more than a few results are held at once.
        with self._rendering(calls, pending, workers) as rendered:
            for index, call in enumerate(calls):
                if kept[index] is not None:
                    self._replay(call[0], kept[index], reuse)
                    continue
                result = next(rendered)
                asked = self._merge(result, objects)
                if reuse is not None:
                    reuse.record(call[0], identities[index], result, asked)

    @contextmanager
    def _rendering(self, calls, pending: list[int], workers: int):
        """Yields an iterator over the pending pages' results, in order."""
        if not pending:
            yield iter(())
            return
        _Job.writer, _Job.calls = self, calls
        pool = fork_pool(min(workers, len(pending)))
        try:
            jobs = [
                pending[at : at + PAGES_PER_JOB] for at in range(0, len(pending), PAGES_PER_JOB)
            ]
            parts = ordered_map(pool, _render_chunk, jobs, JOBS_AHEAD_PER_WORKER * workers)
            yield (result for part in parts for result in part)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # a failed page: stop the rest
            raise
        finally:
            pool.shutdown(wait=True)
            _Job.writer, _Job.calls = None, []

    def _replay(self, name: str, record, reuse: PageReuse) -> None:
        written = reuse.keep_in_place(record)
        self._merge(
            {"failed": None, "written": written, "payload": record.payload},
            objects=None,
            resolve=reuse.resolver(record),
        )
        reuse.keep(name, record)

    def _render(self, call) -> None:
        name, template, context, args, kwargs = call
        Writer.write_file(self, name, template, context, *args, **kwargs)

    def _merge(self, result: dict, objects: dict | None, resolve=None) -> dict:
        """Bring one page's results into this process; returns the objects its states
        referred to, by id."""
        logs, states = pickle.loads(result["payload"])
        for record in logs:
            logging.getLogger(record.name).handle(record)
        if result["failed"]:
            raise RuntimeError(f"rendering {result['failed']} failed:\n{result['traceback']}")
        for path in result["written"]:
            if path in self._written_files:
                raise RuntimeError(f"File {path} is to be overwritten")  # as Pelican says it
            self._written_files.add(path)
        asked: dict[int, object] = {}

        def resolve_object(object_id):
            asked[object_id] = objects.get(object_id)
            return asked[object_id]

        for name, payload in states.items():
            WORKER_STATES[name].merge(payload, resolve or resolve_object)
        return asked


class FlushWrites(Generator):
    """Runs after the article and page generators: renders what they asked for."""

    def generate_output(self, writer):
        if isinstance(writer, ParallelWriter):
            writer.flush()


class _Job:
    """What the forked workers inherit: set just before the pool starts."""

    writer: ParallelWriter | None = None
    calls: list = []


def _render_chunk(indices) -> list[dict]:
    """Render pages in a worker: for each, what it wrote, logged, recorded and read."""
    # Only the capture, so nothing is printed twice: the parent logs the records again.
    capture, root = _LogCapture(), logging.getLogger()
    root.handlers = [capture]
    return [_render_one(_Job.calls[index], capture) for index in indices]


def _render_one(call, capture) -> dict:
    writer = _Job.writer
    # Only this page's files: the parent checks every page's against all the others'.
    writer._written_files = set()
    for state in WORKER_STATES.values():
        state.begin()
    capture.records = []
    failed, trace = None, ""
    with tracking.recording() as touched:
        try:
            writer._render(call)
        except Exception:  # noqa: BLE001 - reported, with its traceback, by the parent
            failed, trace = call[0], traceback.format_exc()
    return {
        "failed": failed,
        "traceback": trace,
        "written": sorted(writer._written_files),
        # Pickled here, kept as bytes by the page store: a few hundred bytes a page instead
        # of the heads' objects, which the next build only needs for the pages it reuses.
        "payload": pickle.dumps(
            (capture.records, {name: state.collect() for name, state in WORKER_STATES.items()}),
            protocol=pickle.HIGHEST_PROTOCOL,
        ),
        "touched": list(touched),  # PageReuse.record maps and sorts them
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


def _distinct(dicts) -> list[dict]:
    seen: dict[int, dict] = {}
    for value in dicts:
        seen.setdefault(id(value), value)
    return list(seen.values())


def _objects_by_id(calls) -> dict:
    """The objects pages were rendered for, by id(): a forked worker's copy of an object has
    the same id, so workers refer to objects by it."""
    return {id(value): value for call in calls for value in call[4].values()}
