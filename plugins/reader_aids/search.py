"""The Pagefind search index, in shards: built after the HTML is written, each shard reused
when its input is the same.

Pagefind reads only the article pages (a glob made from ARTICLE_SAVE_AS: it need not open the
tens of thousands of listing pages), and indexes only what the theme marks data-pagefind-body.
Pagefind cannot update an index, so the articles are split into shards of about
SEARCH_SHARD_SIZE by a hash of their path, each indexed on its own into pagefind/s<N>/: an edit
re-indexes one shard, not the site, and no Pagefind process holds more than one shard in memory
(at 10,000 articles one index of everything peaked at 1.5 GB). A shard whose pages' paths and
bytes, Pagefind's version and our command are what a past build had is linked from the cache
(the bytes by their digest, kept with the file's stamp: only changed files are read again).
pagefind/shards.json lists the bundles; the search page loads the first and merges the others
(Pagefind's mergeIndex).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from newsroom_core.digests import FileDigests
from newsroom_core.kept import KeptEntries
from newsroom_core.output import built_path, kept_files

logger = logging.getLogger(__name__)
BUNDLE = "pagefind"  # the folder the bundles go into
SHARDS_FILE = "shards.json"
DEFAULT_GLOB = "**/*.{html}"  # Pagefind's own
MAX_SHARDS = 64  # the search page fetches each shard's metadata
# In the cache folder: each indexed page's stamp and digest, so that deciding whether a shard
# is unchanged reads only the pages whose files changed (not 250 MB at 10,000 articles).
PAGE_STAMPS = "page-stamps.pickle"
PAGE_STAMPS_VERSION = 1


def index_site(output: Path, settings, cache_root: Path | None) -> str | None:
    """Build (or reuse) the shards under output/pagefind; return an error message, or None."""
    glob = article_glob(settings.get("ARTICLE_SAVE_AS", ""))
    sources = _built_pages(output, settings, glob)
    if sources:
        shards = shard_pages(list(sources), settings["READER_AIDS"]["SEARCH_SHARD_SIZE"])
        jobs = [(f"s{n}", group) for n, group in enumerate(shards) if group]
    else:  # no article yet: Pagefind still writes the bundle /search/ loads
        glob = DEFAULT_GLOB
        sources = _built_pages(output, settings, None)
        jobs = [("s0", list(sources))]
    stamps = KeptEntries(cache_root / PAGE_STAMPS if cache_root else None, PAGE_STAMPS_VERSION)
    shards = []  # (name, pages, Pagefind's arguments, input digest)
    for name, pages in jobs:
        arguments = ["--silent", "--glob", glob, "--output-subdir", f"{BUNDLE}/{name}"]
        digest = _input_digest(sources, pages, arguments, name, stamps.files)
        shards.append((name, pages, arguments, digest))
    stamps.save()
    with ThreadPoolExecutor(max_workers=min(2, len(jobs))) as pool:
        outcomes = list(
            pool.map(lambda shard: _index_shard(output, sources, *shard, cache_root), shards)
        )
    problems = [problem for problem, _ in outcomes if problem]
    if problems:
        return problems[0]
    reused = sum(1 for _, was_reused in outcomes if was_reused)
    if reused == len(jobs):
        logger.info("reader_aids: search index reused, no article page changed")
    else:
        logger.info(
            "reader_aids: search index: %d of %d shards re-indexed", len(jobs) - reused, len(jobs)
        )
    manifest = {"bundles": [f"{name}/" for name, _ in jobs]}
    (output / BUNDLE / SHARDS_FILE).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    return None


def _built_pages(output: Path, settings, glob: str | None) -> dict[str, Path]:
    """This build's pages that `glob` matches (None: every .html page), by output-relative
    path, sorted: those in staging and those kept in the output folder (newsroom_core.output)."""
    found = {
        path.relative_to(output).as_posix(): path
        for path in (output.glob(glob) if glob else output.rglob("*.html"))
    }
    matches = _matcher(glob) if glob else lambda relative: relative.endswith(".html")
    for relative in kept_files():
        if matches(relative):
            found[relative] = built_path(settings, relative)
    return dict(sorted(found.items()))


def _matcher(glob: str):
    """What Path.glob(glob) finds, as a test of one relative path (article_glob's globs: no
    '**'). Made once: a kept file is tested for every file the last build wrote, images
    included (PurePosixPath.match on each was a second of a 10,000-article rebuild)."""
    parts = [re.compile(fnmatch.translate(part)) for part in PurePosixPath(glob).parts]

    def matches(relative: str) -> bool:
        names = relative.split("/")
        return len(names) == len(parts) and all(
            part.match(name) for part, name in zip(parts, names, strict=True)
        )

    return matches


def shard_pages(pages: list[str], shard_size: int) -> list[list[str]]:
    """Pages into shards by a hash of their path: a page stays in its shard while the number
    of shards stays the same (it grows by one per SHARD_SIZE articles)."""
    count = min(MAX_SHARDS, max(1, math.ceil(len(pages) / shard_size)))
    shards: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        shards[zlib.crc32(page.encode("utf-8")) % count].append(page)
    return shards


def _index_shard(output, sources, name, pages, arguments, digest, cache_root):
    """(error or None, reused?) for one shard, written to output/pagefind/<name>; `sources`
    says where each page is, `digest` is the shard's input digest."""
    target = output / BUNDLE / name
    cached = cache_root / name / digest if cache_root else None
    try:
        if cached is not None and cached.is_dir():
            # Hard links: the cache, this build and the output folder share the files, so
            # moving the build in compares nothing. Nothing writes into an index once made.
            _link_tree(cached, target)
            return None, True
        return _run_pagefind(output, sources, arguments, pages, target, cached), False
    except OSError as exc:  # one line naming the file, not a traceback or shutil's lists
        return f"shard {name}: {exc.strerror or exc}: {exc.filename or target}", False


def _run_pagefind(output, sources, arguments, pages, target, cached) -> str | None:
    """Index `pages` into `target` (and keep it as `cached`); an error message, or None."""
    # Pagefind indexes a folder: give it one holding this shard's pages only (hard links).
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as scratch:
        site = Path(scratch)
        for page in pages:
            (site / page).parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(sources[page], site / page)
        command = [sys.executable, "-m", "pagefind", "--site", str(site), *arguments]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return (done.stderr or done.stdout).strip().replace("\n", " ")
        # A plain `pelican` run writes into the last run's output: move would nest the new
        # shard inside the old one, so the old one goes first.
        _remove(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(site / BUNDLE / target.name, target)
    if cached is not None:
        _keep(target, cached)
    return None


def article_glob(save_as: str) -> str:
    """ARTICLE_SAVE_AS with every {placeholder} as *: '{date:%Y}/{slug}/index.html' ->
    '*/*/index.html'. Anything unusual falls back to Pagefind's own default."""
    if not save_as.endswith(".html") or "*" in save_as or "**" in save_as:
        return DEFAULT_GLOB
    return re.sub(r"\{[^}]*\}", "*", save_as)


def _input_digest(sources: dict, pages: list[str], arguments, name, files: FileDigests) -> str:
    """Pagefind's version, our command, and each page's path and bytes (by their digest: a
    page whose file is unchanged since the last build is not read again)."""
    digest = hashlib.sha256()
    digest.update(f"{version('pagefind')}\0{arguments}\0{name}\0".encode())
    for page in pages:
        page_digest, _ = files.digest(str(sources[page]))
        digest.update(f"{page}\0".encode())
        digest.update(page_digest)
    return digest.hexdigest()


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: the cache may live elsewhere
        shutil.copy2(source, target)


def _keep(bundle: Path, cached: Path) -> None:
    """Keep this index as the shard's only cached one: an older one will not match again."""
    _remove(cached.parent)
    _link_tree(bundle, cached)


def _link_tree(source: Path, target: Path) -> None:
    """Make `target` a copy of the folder `source` in hard links. Whatever was at `target`
    goes first: in a plain `pelican` run it is the last run's shard, often these very links
    (linking or copying a file onto itself fails). Not shutil.copytree: it reports an error
    raised by its copy function as a list of the message's characters."""
    _remove(target)
    for folder, _, files in os.walk(source):
        destination = target / os.path.relpath(folder, source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            _link_or_copy(os.path.join(folder, name), destination / name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
