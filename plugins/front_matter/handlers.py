"""Signal handlers: install the reader, collect every error, stop the build before writing."""

from __future__ import annotations

import logging
import sys

from newsroom_core.contents import CONTENT_LISTS
from newsroom_core.errors import BUILD_ERRORS, report_at
from newsroom_core.markup_cache import MarkupCache, cache_path
from newsroom_core.output import SCHEDULED_REPORT, output_changes_at, report
from newsroom_core.parallel import check_settings as check_parallel_settings
from newsroom_core.paths import display_path
from newsroom_core.profiles import load_profiles
from newsroom_core.sections import declared_sections

from . import prefetch, source_cache
from .parsing import MARKUP, SOURCES
from .reader import NewsMarkdownReader, SkipInvalidFile


class _PelicanErrorCollector(logging.Handler):
    """Turns errors Pelican only logs (and then skips the file) into build errors."""

    def __init__(self):
        super().__init__(level=logging.ERROR)

    def emit(self, record):
        if _is_recorded_skip(record):
            return  # already recorded with its path and line
        args = record.args if isinstance(record.args, tuple) else ()
        path = str(args[0]) if args and "Could not process" in str(record.msg) else "pelican"
        message = record.getMessage().replace("\n", " ")
        BUILD_ERRORS.add(path, 1, "build", message)


class _HideRecordedSkips(logging.Filter):
    """Pelican's own 'Could not process' line would repeat, less clearly, what we print."""

    def filter(self, record):
        return not _is_recorded_skip(record)


def _is_recorded_skip(record) -> bool:
    """Pelican logs 'Could not process' from inside its except block, often without exc_info:
    the exception being handled is still the current one."""
    current = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
    return isinstance(current, SkipInvalidFile)


_COLLECTOR = _PelicanErrorCollector()
_FILTER = _HideRecordedSkips()


def start_build(pelican):
    BUILD_ERRORS.reset()
    root = logging.getLogger("pelican")
    if _COLLECTOR not in root.handlers:
        root.addHandler(_COLLECTOR)
    for handler in logging.getLogger().handlers + root.handlers:
        if _FILTER not in handler.filters and handler is not _COLLECTOR:
            handler.addFilter(_FILTER)
    pelican.settings.setdefault("JINJA_FILTERS", {})
    check_parallel_settings(pelican.settings)
    settings = pelican.settings
    declared_sections(settings)  # a bad SECTIONS stops the build before any file is read
    path = cache_path(settings)
    MARKUP.cache = MarkupCache(path, settings) if path else None
    kept = source_cache.cache_path(settings)
    if kept is not None and MARKUP.cache is not None:  # the HTML is the markup cache's
        profiles, _ = load_profiles(settings)
        SOURCES.cache = source_cache.SourceCache(kept, settings, frozenset(profiles))
    else:
        SOURCES.cache = None
    prefetch.start(settings)


def use_news_reader(readers):
    for extension in NewsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = NewsMarkdownReader


def order_sections(generator):
    """The sections in SECTIONS order (navigation, the sections page), not by name."""
    sections = declared_sections(generator.settings)
    order = {section.slug: index for index, section in enumerate(sections)}
    generator.categories.sort(key=lambda entry: order[entry[0].slug])


def report_scheduled(generator):
    """Stories held back until their time, for `invoke publish` to name (source, title, due)."""
    scheduled = [article for article in generator.drafts if article.metadata.get("scheduled")]
    held = sorted(
        (article.date.isoformat(), display_path(article.source_path), article.title)
        for article in scheduled
    )
    report(SCHEDULED_REPORT, [{"due": due, "source": s, "title": t} for due, s, t in held])
    for article in scheduled:
        output_changes_at(article.date)  # it is published then


def stop_on_content_errors(generators):
    settings = generators[0].settings
    _, profile_errors = load_profiles(settings)
    BUILD_ERRORS.extend(profile_errors)
    _report_shared_outputs(generators)
    if MARKUP.cache is not None:  # every file has been read: keep what was rendered
        MARKUP.cache.save(prune=not BUILD_ERRORS.errors)
        MARKUP.cache.close()
    if SOURCES.cache is not None:
        SOURCES.cache.save()
    BUILD_ERRORS.raise_if_any()


def _report_shared_outputs(generators) -> None:
    """Two articles or pages that would be written to one file (the same slug on the same
    day): Pelican would stop with a traceback while writing; name both files instead."""
    # Pelican works `save_as` out again on every access (the metadata copied, the pattern
    # formatted): once per content here.
    contents = [
        (content.source_path, save_as, content)
        for generator in generators
        for name in CONTENT_LISTS
        for content in getattr(generator, name, None) or []
        if (save_as := getattr(content, "save_as", ""))
    ]
    # Pelican's reading order follows the file system; the file named in the error must not.
    contents.sort(key=lambda entry: entry[0])
    first_writer: dict[str, object] = {}
    for _, save_as, content in contents:
        other = first_writer.setdefault(save_as, content)
        if other is not content:
            message = (
                f"{save_as} is also the page of {display_path(other.source_path)}; "
                "give one of them another title or a `slug:`"
            )
            report_at(content, "slug", message, "slug", "title")


def stop_on_late_errors(pelican):
    prefetch.stop()
    BUILD_ERRORS.raise_if_any()
