"""Pages whose inputs did not change are taken from the last build instead of rendered again.

What a page depends on, recorded when it is rendered:
- the site: our plugins' code, the theme, library versions, every non-Markdown file under the
  content folder (by size and mtime) and the context every article sees;
- the call: output name, template, arguments, and the page's own context, where articles, pages,
  authors, categories and tags appear by stable name (list order and membership count);
- what the page read from those objects, attribute by attribute (`tracking`).
A page is reused when all three digest the same, and the files it wrote are still in the output
folder as the last build left them (size, mtime and inode). Its files are then kept where they
are (`newsroom_core.output.keep_in_place`), and what its rendering logged and recorded
(news_seo's heads) is replayed.

The store (`PAGE_CACHE`, a pickle under `.cache/`) is written only after a passed build has been
moved into the output folder (`newsroom_core.output`), so it always describes that folder. Only
`newsroom.build` runs that step; a plain `pelican` run renders every page.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from array import array
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np

from newsroom_core.kept import MISSING, load_kept, save_kept
from newsroom_core.output import after_swap_in, final_output_path, keep_in_place
from newsroom_core.parallel import chunked, fork_pool, worker_count
from newsroom_core.paths import MARKDOWN_SUFFIXES
from newsroom_core.settings import optional_cache_path

from .fingerprint import DIGEST_SIZE, Fingerprinter, Unkeyable, digest_of

logger = logging.getLogger(__name__)

STORE_VERSION = 2
# Reads digested per unit of work when deciding on a pool (BUILD_PARALLEL's MIN_ITEMS): below
# some 64,000 reads (about 2,000 articles), forking costs more than it saves.
READS_PER_ITEM = 1000
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "typogrify", "beautifulsoup4")


@dataclass
class PageRecord:
    identity: bytes  # the site, the call and its context
    reads: bytes  # the values of what the page read
    pairs: array  # indices into PageStore.pairs: (object reference, attribute) it read
    files: list  # [relative path] as written; [(path, size, mtime_ns, inode)] once moved in
    payload: bytes  # pickled (warnings and errors logged, {WORKER_STATES name: payload})
    # object id in the payload's states -> ("ref", stable reference) or ("value", data)
    state_refs: dict


@dataclass
class PageStore:
    output: str
    pairs: list = field(default_factory=list)
    records: dict = field(default_factory=dict)  # output name of the call -> PageRecord


def store_path(settings) -> Path | None:
    """Where the page store lives; None when pages cannot be reused: PAGE_CACHE is "", or
    there is no earlier output to take them from (a plain `pelican` run)."""
    path = optional_cache_path(settings, "PAGE_CACHE", "pages.pickle", "render every page")
    return path if final_output_path(settings) else None


class PageReuse:
    """One flush: which calls can be reused, and the records of this build's pages."""

    def __init__(self, settings, path: Path, staging: Path, fingerprint, objects, site: bytes):
        self.path, self.staging, self.site = path, staging, site
        self.settings = settings
        self.final = final_output_path(settings)
        self.fingerprint: Fingerprinter | None = fingerprint
        self.refs, self.objects = fingerprint.refs, objects
        self.previous = _load(path, self.final)
        # Kept records keep their read indices: the table starts as the last build's.
        self.store = PageStore(str(self.final), pairs=list(self.previous.pairs))
        self._pair_index: dict[tuple, int] | None = None
        # What each read in the table gives now, by its index: None until it is needed.
        self._values: list[bytes | None] = [None] * len(self.store.pairs)
        self._previous_values = None  # what each of the last build's reads gives now
        self.reused, self.rendered = 0, []

    # --- deciding ---------------------------------------------------------------------------

    def identity(self, call) -> bytes | None:
        name, template, context, args, kwargs = call
        try:
            # Pages written with an unchanged context share one copy of it (the writer's
            # snapshot), which the fingerprint's memo digests once.
            parts = [self.fingerprint.value(v) for v in (name, args, kwargs, context)]
        except Unkeyable as reason:
            logger.debug("page %s is rendered every time: %s", name, reason)
            return None
        return digest_of(self.site, template.name.encode(), *parts)

    def reusable(self, call, identity: bytes | None) -> PageRecord | None:
        record = self.previous.records.get(call[0]) if identity else None
        if record is None or record.identity != identity:
            return None
        if self._previous_reads(record) != record.reads or not self._intact(record.files):
            return None
        return record

    def _previous_reads(self, record: PageRecord) -> bytes:
        if self._previous_values is None:  # each read of the last build digested once
            values = self._values_of(len(self.previous.pairs))
            self._previous_values = np.array(values, dtype=f"S{DIGEST_SIZE}")
        indices = np.frombuffer(record.pairs, dtype=np.uint32)
        return _reads_digest(self._previous_values[indices].tobytes())

    def _values_of(self, count: int) -> list[bytes]:
        """`_value_at` of the table's first `count` reads, on every core when there are many:
        at 10,000 articles the last build's pages read some 360,000 attributes. Forked workers
        see the same objects; only the digests come back."""
        workers = worker_count(self.settings, count // READS_PER_ITEM)
        if workers < 2:
            return [self._value_at(index) for index in range(count)]
        _ReadJob.reuse = self
        try:
            with fork_pool(workers) as pool:
                spans = [(r.start, r.stop) for r in chunked(range(count), workers, 2)]
                values = [value for part in pool.map(_read_span, spans) for value in part]
        finally:
            _ReadJob.reuse = None
        self._values[:count] = values
        return values

    def _intact(self, files) -> bool:
        for relative, size, mtime_ns, inode in files:
            try:
                found = os.stat(self.final / relative)
            except OSError:
                return False
            if (found.st_size, found.st_mtime_ns, found.st_ino) != (size, mtime_ns, inode):
                return False
        return True

    def _value_at(self, index: int) -> bytes:
        value = self._values[index]
        if value is None:
            ref, attribute = self.store.pairs[index]
            objects = self.objects.get(ref)
            if not objects:
                value = digest_of(b"gone")
            else:
                try:
                    parts = [self.fingerprint.attribute(obj, attribute) for obj in objects]
                    value = digest_of(*parts)
                except Unkeyable:
                    value = os.urandom(16)  # never equal: the page is rendered again
            self._values[index] = value
        return value

    def keep_in_place(self, record: PageRecord) -> list[str]:
        """The reused page's files stay in the output folder: nothing is linked or copied.
        Returns the staging paths they stand for, so that a page claiming one of them fails."""
        for relative, *_ in record.files:
            keep_in_place(relative)
        return [str(self.staging / relative) for relative, *_ in record.files]

    def resolver(self, record: PageRecord):
        def resolve(old_id):
            kind, value = record.state_refs[old_id]
            return self.objects[value][0] if kind == "ref" else value

        return resolve

    # --- recording --------------------------------------------------------------------------

    def keep(self, name: str, record: PageRecord) -> None:
        """A reused page's record, carried into this build's store."""
        record.files = [relative for relative, *_ in record.files]
        self.store.records[name] = record
        self.reused += 1

    def record(self, name, identity, result: dict, asked: dict) -> None:
        """Keep what a rendered page read and recorded; `asked` are the objects its recorded
        state refers to, by id."""
        self.rendered.append(name)
        if identity is None:
            return
        pairs = []
        for object_id, attribute in result["touched"]:
            ref = self.refs.get(object_id)
            if ref is None:  # an object made while rendering, or one no list holds
                return
            pairs.append((ref, attribute))
        state_refs = {i: self._state_ref(i, obj) for i, obj in asked.items()}
        if None in state_refs.values():
            return
        pairs.sort()
        indices = self._intern(pairs)
        self.store.records[name] = PageRecord(
            identity=identity,
            reads=_reads_digest(b"".join(map(self._value_at, indices))),
            pairs=indices,
            files=[os.path.relpath(path, self.staging) for path in result["written"]],
            payload=result["payload"],
            state_refs=state_refs,
        )

    def _state_ref(self, object_id: int, obj) -> tuple | None:
        if object_id in self.refs:
            return ("ref", self.refs[object_id])
        if _plain(obj):  # a period archive's (year, month), say: kept as it is
            return ("value", obj)
        return None

    def _intern(self, pairs) -> array:
        if self._pair_index is None:
            self._pair_index = {pair: i for i, pair in enumerate(self.store.pairs)}
        indices = array("I")
        for pair in pairs:
            index = self._pair_index.get(pair)
            if index is None:
                index = self._pair_index[pair] = len(self.store.pairs)
                self.store.pairs.append(pair)
                self._values.append(None)
            indices.append(index)
        return indices

    def forget_rendering(self) -> None:
        """Every page is decided and recorded: let go of the last build's store, the read
        table's index and values and the digests, before the store is pickled at the end of
        the build, where the peak was (475 to 451 MiB with nothing changed at 10,000 articles)."""
        self.previous = PageStore(self.previous.output)
        self._pair_index, self._values, self._previous_values = None, [], None
        self.fingerprint = None  # deciding after this would be a bug: fail at once

    def save_after_swap_in(self) -> None:
        after_swap_in(self._save)

    def _save(self, output: Path) -> None:
        """Stat what this build's pages wrote, now that they are in `output`, and keep it."""
        store = self.store
        for name, record in list(store.records.items()):
            try:
                record.files = [_stat_entry(output, relative) for relative in record.files]
            except OSError:
                del store.records[name]
        _drop_unused_pairs(store)
        save_kept(self.path, STORE_VERSION, store)


class _ReadJob:
    """What the forked workers of `_values_of` inherit: set just before the pool starts."""

    reuse: PageReuse | None = None


def _read_span(span: tuple[int, int]) -> list[bytes]:
    start, stop = span
    return [_ReadJob.reuse._value_at(index) for index in range(start, stop)]


def _drop_unused_pairs(store: PageStore) -> None:
    """Reads no page refers to any more (a deleted article's) leave the table, once they are
    half of it."""
    arrays = [np.frombuffer(r.pairs, dtype=np.uint32) for r in store.records.values()]
    in_use = np.zeros(len(store.pairs), dtype=bool)
    for indices in arrays:  # a mark per read, not a sort of all of them (millions at 10k)
        in_use[indices] = True
    used = np.flatnonzero(in_use).astype(np.uint32)
    if len(store.pairs) <= 2 * len(used) + 1000:
        return
    renumbered = np.zeros(len(store.pairs), dtype=np.uint32)
    renumbered[used] = np.arange(len(used), dtype=np.uint32)
    store.pairs = [store.pairs[i] for i in used.tolist()]
    for record, indices in zip(store.records.values(), arrays, strict=True):
        record.pairs = array("I", renumbered[indices].tobytes())


def _reads_digest(values: bytes) -> bytes:
    """The digests of a page's reads, in its order, each DIGEST_SIZE bytes: one digest."""
    return hashlib.blake2b(values, digest_size=DIGEST_SIZE).digest()


def _plain(value) -> bool:
    if value is None or type(value) in (str, int, float, bool):
        return True
    return type(value) is tuple and all(_plain(item) for item in value)


def _stat_entry(output: Path, relative: str) -> tuple:
    found = os.stat(output / relative)
    return (relative, found.st_size, found.st_mtime_ns, found.st_ino)


def _load(path: Path, final: Path) -> PageStore:
    store = load_kept(path, STORE_VERSION)
    if store is MISSING or not isinstance(store, PageStore) or store.output != str(final):
        return PageStore(str(final))
    return store


# --- the site's digest ------------------------------------------------------------------------


def site_digest(settings, fingerprint: Fingerprinter, contexts) -> bytes:
    """What every page depends on besides its own call: code, theme, files, the site context."""
    parts = [str(STORE_VERSION).encode(), sys.version.encode()]
    parts += [f"{name}={_version(name)}".encode() for name in LIBRARIES]
    for folder in settings.get("PLUGIN_PATHS") or []:
        parts += _tree_bytes(Path(folder), lambda p: p.suffix == ".py")
    parts += _tree_bytes(Path(settings["THEME"]), lambda p: True)
    parts += _tree_stats(Path(settings["PATH"]), lambda p: p.suffix not in MARKDOWN_SUFFIXES)
    parts += [fingerprint.value(context) for context in contexts]
    return digest_of(*parts)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _files(root: Path, wanted) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found += [Path(folder) / n for n in sorted(names) if wanted(Path(n))]
    return found


def _tree_bytes(root: Path, wanted) -> list[bytes]:
    return [
        part
        for path in _files(root, wanted)
        for part in (path.relative_to(root).as_posix().encode(), path.read_bytes())
    ]


def _tree_stats(root: Path, wanted) -> list[bytes]:
    parts = []
    for path in _files(root, wanted):
        found = path.stat()
        parts.append(f"{path.relative_to(root).as_posix()}:{found.st_size}:{found.st_mtime_ns}")
    return [p.encode() for p in parts]
