"""The Markdown reader: YAML front matter checked against the contract, Markdown body."""

from __future__ import annotations

import logging

from markupsafe import escape
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from newsroom_core.clock import build_now
from newsroom_core.errors import BUILD_ERRORS
from newsroom_core.links import pelican_links
from newsroom_core.paths import MARKDOWN_SUFFIXES
from newsroom_core.profiles import load_profiles
from newsroom_core.sections import declared_sections, section_named

from . import prefetch
from .parsing import MARKUP, SOURCES, parse_source, title_slug, with_slug

logger = logging.getLogger(__name__)


class SkipInvalidFile(Exception):
    """Raised after the file's errors were recorded; Pelican then skips the file."""


class NewsMarkdownReader(MarkdownReader):
    file_extensions = [suffix.lstrip(".") for suffix in MARKDOWN_SUFFIXES]

    def read(self, source_path):
        # Parsed on another core already (prefetch), unless the file changed since.
        profiles = self._profiles()
        parsed = prefetch.take(source_path) or parse_source(
            source_path, self.settings, self._author_slugs, MARKUP.cache
        )
        if parsed.held:
            _hold(parsed.errors)
        if parsed.errors:
            _fail(parsed.errors)
        if MARKUP.cache is not None and parsed.render_key:
            MARKUP.cache.note(parsed.render_key, parsed.html if parsed.fresh else None)
            if SOURCES.cache is not None:
                key = SOURCES.cache.key(source_path, parsed.digest)
                SOURCES.cache.keep(key, parsed.values, parsed.lines, parsed.render_key)
        metadata = _pelican_metadata(parsed.values, profiles, self.settings)
        metadata["_lines"] = parsed.lines
        # After the caches: which file a relative path means depends on the files there now.
        return pelican_links(parsed.html, source_path, self.settings["PATH"]), metadata

    def _profiles(self) -> dict:
        # One reader per generator and build: look at the profile files once, not per article.
        if not hasattr(self, "_loaded_profiles"):
            self._loaded_profiles, _ = load_profiles(self.settings)
            self._author_slugs = frozenset(self._loaded_profiles)
        return self._loaded_profiles


def _hold(errors):
    """An unfinished draft never stops anyone's build: one warning, and the file is skipped."""
    first = errors[0]
    logger.warning(
        "%s:%s: held back, not built: an unfinished draft (%d problem%s; `invoke lint` lists "
        "them, `needs:` says what is left)",
        first.path,
        first.line,
        len(errors),
        "s" * (len(errors) != 1),
    )
    raise SkipInvalidFile(first)


def _fail(errors):
    BUILD_ERRORS.extend(errors)
    raise SkipInvalidFile(errors[0])


def _pelican_metadata(values: dict, profiles: dict, settings) -> dict:
    """Turn checked values into the objects Pelican's generators expect."""
    metadata = dict(values)
    # `scheduled: true` only allows a far date; `scheduled` below means "not yet due".
    metadata.pop("scheduled", None)
    if "summary" in values:
        # Pelican treats a summary as HTML (feeds put it in <summary type="html">); ours is plain
        # text, so hand it over escaped. Markup keeps the templates from escaping it twice.
        metadata["summary"] = escape(values["summary"])
    for key in ("date", "modified"):
        if key in values:
            metadata[key] = _safe_datetime(values[key])
    if "authors" in values:
        metadata["authors"] = [_author(profiles[slug], settings) for slug in values["authors"]]
    if "category" in values:
        metadata["category"] = _section_category(values["category"], settings)
    if "tags" in values:
        metadata["tags"] = [with_slug(Tag(tag, settings)) for tag in values["tags"]]
    if "slug" not in values and "title" in values:
        metadata["slug"] = title_slug(values["title"], settings)
        metadata["slug_from_title"] = True  # a published URL outlives a retitle (stable_urls)
    is_published = values.get("status", "published") == "published"
    if is_published and "date" in values and values["date"] > build_now(settings):
        # Scheduled: treated as a draft until its time comes, by the build's own clock.
        metadata["status"] = "draft"
        metadata["scheduled"] = True
    elif is_published and "withdrawn" in values:
        # Pelican writes a hidden article at its URL and lists it nowhere: the notice stays
        # where readers' links point, out of every list, feed and sitemap.
        metadata["status"] = "hidden"
    return metadata


def _section_category(name: str, settings) -> Category:
    """Pelican's Category for a declared section: its declared slug and description."""
    section = section_named(name, declared_sections(settings))
    category = Category(section.name, settings)
    category.slug = section.slug
    category.description = section.description
    return category


def _author(profile, settings) -> Author:
    author = Author(profile.name, settings)
    author.slug = profile.slug  # the file name is the slug, whatever the display name
    return author


def _safe_datetime(value) -> SafeDatetime:
    return SafeDatetime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=value.tzinfo,
    )
