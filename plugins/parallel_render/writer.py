"""A Pelican writer that renders pages in forked workers.

Pelican renders and writes each page as a generator asks for it, one at a time. This writer
notes each request instead (with a copy of the context as it was then). `FlushWrites`, a
generator Pelican runs after the article and page generators and before the static one,
then has them rendered by one worker per core. Feeds are written at once, as before, or
kept as the last build wrote them when their entries and declared inputs are the same.

What a page's rendering changes in this process must come back from the workers:
- the files written, so that two pages claiming one file still fail the build;
- warnings and errors logged while rendering, re-logged here;
- plugin state registered with `newsroom_core.parallel.share_worker_state` (news_seo's heads).

Pelican's `{attach}` links move a static file while a page's content is rendered; that must
happen here, where the static generator runs, so that content is rendered here first.
"""

from __future__ import annotations

import logging
import pickle
import traceback
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join
from pelican.writers import Writer

from newsroom_core.output import report
from newsroom_core.parallel import WORKER_STATES, fork_pool, ordered_map, worker_count

from .inputs import PagePlanner, Unkeyable, site_digest
from .store import KeptPages, resolver, store_path
from .urls import freeze_urls

logger = logging.getLogger(__name__)

CONTENT_KEYS = ("article", "page")
# Pages per job, and jobs a worker may have done ahead of the merging here: each page's result
# (its head, its logs) waits in memory until it is merged, so only a few jobs' worth may wait.
PAGES_PER_JOB = 24
JOBS_AHEAD_PER_WORKER = 4
# Feeds are kept in the page store beside the pages, under their path with this in front.
FEED_RECORD = "feed:"
NOTHING_RECORDED = pickle.dumps(([], {}))  # a feed logs and records nothing to replay


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.deferred: list[tuple] = []
        self.urls_frozen = False
        self._last_snapshot: tuple = (None, None)  # (keys and value ids, the copy)
        # Made at the first feed or at the flush: the last build's pages and feeds, and the
        # planner whose digests decide which are reused.
        self._kept: KeptPages | None = None
        self._planner: PagePlanner | None = None
        self.feeds_rendered: list[str] = []
        self.feeds_reused = 0

    def write_feed(
        self,
        elements,
        context,
        path=None,
        url=None,
        feed_type="atom",
        override_output=False,
        feed_title=None,
    ):
        """Pelican's, unless the last build wrote this feed from the same entries and
        declared inputs: then its file stays as it is."""
        self._freeze_urls(context)
        call = (elements, context, path, url, feed_type, override_output, feed_title)
        kept = self._reuse() if path and not override_output else None
        if kept is None:
            return super().write_feed(*call)
        entries = elements[: self.settings["FEED_MAX_ITEMS"]]
        _render_attachments_of(entries)  # as for pages: before their views are taken
        name = FEED_RECORD + path
        digest = _feed_digest(self._planner, entries, context, call[2:])
        record = kept.reusable(name, digest)
        if record is not None:
            for staged in kept.keep(name, record, counted=False):
                self._claim(staged)
            self.feeds_reused += 1
            return None
        feed = super().write_feed(*call)
        written = {"written": [sanitised_join(self.output_path, path)], "payload": NOTHING_RECORDED}
        kept.record(name, digest, written, {}, {}, counted=False)
        self.feeds_rendered.append(path)
        return feed

    def _reuse(self) -> KeptPages | None:
        """The page store and the planner, made once; None when nothing is kept."""
        if self._kept is None:
            path = store_path(self.settings)
            if path is None:
                return None
            self._kept = KeptPages(path, self.settings, Path(self.output_path))
            site = site_digest(self.settings)
            self._planner = PagePlanner(self.settings, site, self._kept.known_reads(site))
        return self._kept

    def _claim(self, path: str) -> None:
        if path in self._written_files:
            raise RuntimeError(f"File {path} is to be overwritten")  # as Pelican says it
        self._written_files.add(path)

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
        kept = self._reuse()  # made at the first feed already, when the site has feeds
        if workers < 2 and kept is None:
            for call in calls:
                self._render(call)
            return
        # Here, first: rendering an {attach} link moves the attached file, which pages show.
        _render_attachments_here(calls)
        if kept is None:  # nothing is kept: render every page
            self._flush(calls, workers, None, [None] * len(calls))
            return
        digests = [_digest(self._planner, call) for call in calls]
        kept.keep_reads(self._planner.site, self._planner.template_reads)
        self._planner = None  # its memo holds a digest per story: let go before rendering
        self._flush(calls, max(workers, 1), kept, digests)
        kept.save_after_swap_in()
        report("pages rendered", sorted(kept.rendered))
        report("pages reused", kept.reused)
        report("feeds rendered", sorted(self.feeds_rendered))
        report("feeds reused", self.feeds_reused)

    def _flush(self, calls, workers: int, kept: KeptPages | None, digests: list) -> None:
        records = [None] * len(calls)
        if kept is not None:
            records = [kept.reusable(c[0], d) for c, d in zip(calls, digests, strict=True)]
        pending = [index for index, record in enumerate(records) if record is None]
        objects = _objects_by_id(calls)
        # Results are merged in page order as the workers send them: merging overlaps the
        # rendering, and no more than a few results are held at once.
        with self._rendering(calls, pending, workers) as rendered:
            for index, call in enumerate(calls):
                record = records[index]
                if record is not None:
                    written = kept.keep(call[0], record)
                    result = {"failed": None, "written": written, "payload": record.payload}
                    self._merge(result, objects=None, resolve=resolver(record, call[4]))
                    continue
                result = next(rendered)
                asked = self._merge(result, objects)
                if kept is not None:
                    kept.record(call[0], digests[index], result, asked, call[4])

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
            self._claim(path)
        asked: dict[int, object] = {}

        def resolve_object(object_id):
            asked[object_id] = objects.get(object_id)
            return asked[object_id]

        for name, payload in states.items():
            WORKER_STATES[name].merge(payload, resolve or resolve_object)
        return asked


def _feed_digest(planner: PagePlanner, entries, context, call: tuple) -> bytes | None:
    receivers = list(signals.feed_generated.receivers_for(context))
    try:
        if signals.feed_written.receivers:  # it would not be sent for a kept feed
            raise Unkeyable("a feed_written receiver is connected")
        return planner.feed_digest(entries, context, call, receivers)
    except Unkeyable as reason:
        logger.debug("feed %s is written every time: %s", call[0], reason)
        return None


def _digest(planner: PagePlanner, call) -> bytes | None:
    name, template, context, args, kwargs = call
    try:
        return planner.digest(name, template, context, args, kwargs)
    except Unkeyable as reason:
        logger.debug("page %s is rendered every time: %s", name, reason)
        return None


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
    """Render pages in a worker: for each, what it wrote, logged and recorded."""
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
    _render_attachments_of(kwargs.get(key) for _, _, _, _, kwargs in calls for key in CONTENT_KEYS)


def _render_attachments_of(contents) -> None:
    for content in contents:
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
