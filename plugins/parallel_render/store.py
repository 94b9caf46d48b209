"""The pages and feeds the last build wrote, kept between builds: for each page call or feed,
the digest of its declared inputs, the files it wrote (with their stat once they are in the
output folder) and what its rendering logged and recorded (news_seo's heads), to be replayed
when it is reused.

The store (`PAGE_CACHE`, a pickle under the cache folder) is written only after a passed build
has been moved into the output folder (`newsroom_core.output`), so it always describes that
folder. Only `newsroom.build` runs that step; a plain `pelican` run renders every page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from newsroom_core.kept import MISSING, load_kept, save_kept
from newsroom_core.output import after_swap_in, final_output_path, keep_in_place
from newsroom_core.settings import optional_cache_path

from .inputs import ENGINE_VERSION


@dataclass
class PageRecord:
    digest: bytes
    files: list  # [relative path] as written; [(path, size, mtime_ns, inode)] once moved in
    payload: bytes  # pickled (warnings and errors logged, {WORKER_STATES name: payload})
    # object id in the payload's states -> ("kwarg", name in the call) or ("value", data)
    state_refs: dict


@dataclass
class PageStore:
    output: str
    records: dict = field(default_factory=dict)  # output name of the call -> PageRecord
    site: bytes = b""  # the site digest the template reads were found under
    template_reads: dict = field(default_factory=dict)  # template name -> the names it reads


def store_path(settings) -> Path | None:
    """Where the page store lives; None when pages cannot be reused: PAGE_CACHE is "", or
    there is no earlier output to take them from (a plain `pelican` run)."""
    path = optional_cache_path(settings, "PAGE_CACHE", "pages.pickle", "render every page")
    return path if final_output_path(settings) else None


class KeptPages:
    """The last build's records, and this build's as pages are reused or rendered."""

    def __init__(self, path: Path, settings, staging: Path):
        self.path, self.staging = path, staging
        self.final = final_output_path(settings)
        self.previous = _load(path, self.final)
        self.store = PageStore(str(self.final))
        self.reused, self.rendered = 0, []

    def known_reads(self, site: bytes) -> dict:
        """The template reads the last build found, if its site digest was `site`."""
        return self.previous.template_reads if self.previous.site == site else {}

    def keep_reads(self, site: bytes, template_reads: dict) -> None:
        self.store.site, self.store.template_reads = site, template_reads

    def reusable(self, name: str, digest: bytes | None) -> PageRecord | None:
        record = self.previous.records.get(name) if digest else None
        if record is None or record.digest != digest or not self._intact(record.files):
            return None
        return record

    def _intact(self, files) -> bool:
        for relative, size, mtime_ns, inode in files:
            try:
                found = os.stat(self.final / relative)
            except OSError:
                return False
            if (found.st_size, found.st_mtime_ns, found.st_ino) != (size, mtime_ns, inode):
                return False
        return True

    def keep(self, name: str, record: PageRecord, counted: bool = True) -> list[str]:
        """The reused page's files stay in the output folder: nothing is linked or copied.
        Returns the staging paths they stand for, so that a page claiming one of them fails.
        A feed is not `counted` among the pages."""
        for relative, *_ in record.files:
            keep_in_place(relative)
        self.store.records[name] = PageRecord(
            record.digest,
            [relative for relative, *_ in record.files],
            record.payload,
            record.state_refs,
        )
        if counted:
            self.reused += 1
        return [str(self.staging / relative) for relative, *_ in record.files]

    def record(
        self, name, digest, result: dict, asked: dict, kwargs: dict, counted: bool = True
    ) -> None:
        """Keep a rendered page; `asked` are the objects its recorded state refers to, by id,
        each of which must be a value the call was given (or plain data) to be replayed."""
        if counted:
            self.rendered.append(name)
        if digest is None:
            return
        given = {id(value): key for key, value in kwargs.items()}
        state_refs = {}
        for object_id, obj in asked.items():
            if object_id in given:
                state_refs[object_id] = ("kwarg", given[object_id])
            elif _plain(obj):  # a period archive's (year, month), say: kept as it is
                state_refs[object_id] = ("value", obj)
            else:
                return  # not replayable: rendered again next time
        self.store.records[name] = PageRecord(
            digest=digest,
            files=[os.path.relpath(path, self.staging) for path in result["written"]],
            payload=result["payload"],
            state_refs=state_refs,
        )

    def save_after_swap_in(self) -> None:
        self.previous = PageStore(self.previous.output)
        after_swap_in(self._save)

    def _save(self, output: Path) -> None:
        """Stat what this build's pages wrote, now that they are in `output`, and keep it."""
        store = self.store
        for name, record in list(store.records.items()):
            try:
                record.files = [_stat_entry(output, relative) for relative in record.files]
            except OSError:
                del store.records[name]
        save_kept(self.path, ENGINE_VERSION, store)


def resolver(record: PageRecord, kwargs: dict):
    """How a replayed page's recorded state finds this build's objects."""

    def resolve(old_id):
        kind, value = record.state_refs[old_id]
        return kwargs[value] if kind == "kwarg" else value

    return resolve


def _plain(value) -> bool:
    if value is None or type(value) in (str, int, float, bool):
        return True
    return type(value) is tuple and all(_plain(item) for item in value)


def _stat_entry(output: Path, relative: str) -> tuple:
    found = os.stat(output / relative)
    return (relative, found.st_size, found.st_mtime_ns, found.st_ino)


def _load(path: Path, final: Path) -> PageStore:
    store = load_kept(path, ENGINE_VERSION)
    if store is MISSING or not isinstance(store, PageStore) or store.output != str(final):
        return PageStore(str(final))
    return store
