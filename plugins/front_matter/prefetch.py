"""Parse every Markdown source on every core before Pelican asks for them one at a time.

Pelican reads files one by one in its own process. At `initialized` we start a pool that
parses all of them (YAML, contract checks, Markdown, sanitising, typography: most of the
reading time), while this process goes on with the lint. The reader then takes each result
as Pelican asks for the file, waiting only if that file's chunk is not done yet.

A file whose checked front matter the last builds kept (`source_cache`), and whose body's HTML
the markup cache has, is ready at once and goes to no worker: after an edit, only the edited
file is parsed. A result is used only if the file's size and mtime are what was seen when it
was read; anything else (a file edited meanwhile, one we did not foresee) is parsed in-process
as before.
"""

from __future__ import annotations

import fnmatch
import functools
import os
from pathlib import Path

from newsroom_core.parallel import chunked, fork_pool, worker_count
from newsroom_core.paths import MARKDOWN_SUFFIXES
from newsroom_core.profiles import load_profiles

from .parsing import MARKUP, SOURCES, ParsedSource, parse_source

CHUNKS_PER_WORKER = 16


class _Prefetch:
    pool = None
    pending: dict = {}  # path -> future of its chunk
    ready: dict = {}  # path -> (stamp, ParsedSource)
    job: tuple = ()  # (settings, author slugs): inherited by the forked workers


def start(settings) -> None:
    stop()
    paths = _take_kept(markdown_sources(settings), SOURCES.cache, MARKUP.cache)
    workers = worker_count(settings, len(paths))
    if workers < 2:
        return
    profiles, _ = load_profiles(settings)
    _Prefetch.job = (settings, frozenset(profiles), MARKUP.cache)
    _Prefetch.pool = fork_pool(workers)
    # Small chunks: Pelican waits for the chunk that holds the file it reads next.
    for chunk in chunked(paths, workers, CHUNKS_PER_WORKER):
        future = _Prefetch.pool.submit(_parse_chunk, chunk)
        _Prefetch.pending.update(dict.fromkeys(chunk, future))


def _take_kept(paths: list[str], sources, markup) -> list[str]:
    """Files the caches hold are ready now; returns the others, to be parsed."""
    if sources is None or markup is None:
        return paths
    missing = []
    for path in paths:
        stamp = _stamp(path)
        try:
            digest, _ = sources.files.digest(path)
        except OSError:
            missing.append(path)  # the reader reports it
            continue
        kept = sources.take(sources.key(path, digest))
        html = markup.get(kept[2]) if kept else None
        if html is None:
            missing.append(path)
            continue
        values, lines, render_key = kept
        parsed = ParsedSource(html, values, lines, render_key=render_key, digest=digest)
        _Prefetch.ready[path] = (stamp, parsed)
    return missing


def stop() -> None:
    """Forget this build's results; a build that failed early leaves no workers behind."""
    if _Prefetch.pool is not None:
        _Prefetch.pool.shutdown(wait=True, cancel_futures=True)
    _Prefetch.pool, _Prefetch.pending, _Prefetch.ready, _Prefetch.job = None, {}, {}, ()


def take(source_path):
    """The parsed file, or None: not prefetched, or changed since."""
    path = os.path.abspath(source_path)
    future = _Prefetch.pending.pop(path, None)
    if future is not None and path not in _Prefetch.ready:
        for done_path, stamp, parsed in future.result():
            _Prefetch.ready[done_path] = (stamp, parsed)
    stamp, parsed = _Prefetch.ready.pop(path, (None, None))
    if parsed is None or stamp != _stamp(path):
        return None
    if not _Prefetch.pending and not _Prefetch.ready:
        stop()  # every file taken: let the workers go
    return parsed


def markdown_sources(settings) -> list[str]:
    """The Markdown files Pelican will read, in the order it reads them (`in_reading_order`):
    the articles sorted, then the pages sorted."""
    root = Path(settings["PATH"])
    ignored = settings.get("IGNORE_FILES", [])
    ordered: dict[str, None] = {}
    for paths in (settings.get("ARTICLE_PATHS", []), settings.get("PAGE_PATHS", [])):
        found = set()
        for folder in paths:
            for directory, subdirs, files in os.walk(root / folder):
                subdirs[:] = [d for d in subdirs if not _ignored(d, ignored)]
                for name in files:
                    if name.endswith(MARKDOWN_SUFFIXES) and not _ignored(name, ignored):
                        found.add(os.path.abspath(os.path.join(directory, name)))
        ordered.update(dict.fromkeys(sorted(found)))
    return list(ordered)


def in_reading_order(get_files):
    """Pelican's article and page generators read the files `get_files` finds in set order,
    which changes from run to run. Sorted, they are read in the order the workers parse them,
    so the build takes each result as soon as its chunk is done instead of waiting, at 10,000
    articles, 40 s for the chunk that held a random first file; and what reading logs comes
    in the same order on every build. Still a set to anything that combines it with another."""

    @functools.wraps(get_files)
    def sorted_files(self, *args, **kwargs):
        return dict.fromkeys(sorted(get_files(self, *args, **kwargs))).keys()

    return sorted_files


def _ignored(name: str, patterns) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _stamp(path: str):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _parse_chunk(paths: list[str]) -> list[tuple]:
    settings, author_slugs, cache = _Prefetch.job
    done = []
    for path in paths:
        stamp = _stamp(path)
        try:
            parsed = parse_source(path, settings, author_slugs, cache)
        except Exception:  # noqa: BLE001 - the reader parses it again and reports it there
            parsed = None
        done.append((path, stamp, parsed))
    return done
