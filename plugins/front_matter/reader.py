"""The Markdown reader: YAML front matter checked against the contract, Markdown body."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime, slugify

from newsroom_core.clock import build_now
from newsroom_core.digests import bytes_digest
from newsroom_core.errors import BUILD_ERRORS
from newsroom_core.frontmatter import decode, split
from newsroom_core.links import pelican_links
from newsroom_core.markup import render_markdown
from newsroom_core.markup_cache import MarkupCache
from newsroom_core.paths import display_path, real_folder, real_path
from newsroom_core.profiles import load_profiles
from newsroom_core.schema import Context, check_article, check_page, is_unfinished
from newsroom_core.sections import declared_sections, section_named
from newsroom_core.urls import shortened

from . import prefetch
from .source_cache import SourceCache

logger = logging.getLogger(__name__)


class SkipInvalidFile(Exception):
    """Raised after the file's errors were recorded; Pelican then skips the file."""


class NewsMarkdownReader(MarkdownReader):
    file_extensions = ["md", "markdown"]

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


@dataclass
class ParsedSource:
    """One source file, checked and rendered: plain values, so it can come from a worker."""

    html: str = ""
    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    render_key: str = ""  # the body's key in the markup cache
    fresh: bool = False  # rendered now, not taken from the cache
    digest: bytes = b""  # of the file's bytes (source_cache)
    held: bool = False  # an unfinished import draft (`needs:`): not built, errors not fatal


class MARKUP:
    """This build's markup cache (set at `initialized`); forked workers inherit it."""

    cache: MarkupCache | None = None


class SOURCES:
    """This build's cache of checked front matter (set at `initialized`), or None."""

    cache: SourceCache | None = None


def parse_source(source_path, settings, author_slugs: frozenset, cache=None) -> ParsedSource:
    """Decode, split, check against the contract and render one Markdown file (the body's HTML
    from `cache` when it has it)."""
    rel = display_path(source_path)
    data = Path(source_path).read_bytes()
    text, error = decode(rel, data)
    if error:
        return ParsedSource(errors=[error])
    doc, errors = split(rel, text)
    if doc is None:
        return ParsedSource(errors=errors)
    is_article = _is_article(source_path, settings)
    ctx = Context(
        rel,
        doc.line_of,
        settings,
        Path(settings["PATH"]),
        author_slugs=author_slugs if is_article else None,
    )
    values = (check_article if is_article else check_page)(doc.metadata, ctx)
    _check_slugs(values, settings, ctx)
    errors += ctx.errors
    if is_article and is_unfinished(doc.metadata):
        return ParsedSource(errors=errors, held=True)
    if errors:
        return ParsedSource(errors=errors)
    key = cache.key(doc.body) if cache is not None else ""
    html = cache.get(key) if cache is not None else None
    fresh = html is None
    if fresh:
        html = render_markdown(doc.body, settings)
    return ParsedSource(
        html, values, doc.lines, render_key=key, fresh=fresh, digest=bytes_digest(data)
    )


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


def _is_article(source_path, settings) -> bool:
    rel = Path(real_path(source_path)).relative_to(real_folder(settings["PATH"]))
    return rel.parts[0] in settings.get("ARTICLE_PATHS", ["articles"])


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
        metadata["tags"] = [_with_slug(Tag(tag, settings)) for tag in values["tags"]]
    if "slug" not in values and "title" in values:
        metadata["slug"] = _title_slug(values["title"], settings)
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


def _title_slug(title: str, settings) -> str:
    return _slug(title, _hashable(settings["SLUG_REGEX_SUBSTITUTIONS"]), False, False)


def _with_slug(wrapper):
    """Pelican's own slug for a category or tag, shortened."""
    settings = wrapper.settings
    wrapper.slug = _slug(
        wrapper.name,
        _hashable(_subs(wrapper)),
        settings.get("SLUGIFY_PRESERVE_CASE", False),
        settings.get("SLUGIFY_USE_UNICODE", False),
    )
    return wrapper


@functools.lru_cache(maxsize=1 << 16)
def _slug(name: str, regex_subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    """Slugs by the thousand name the same few hundred tags: each is worked out once."""
    return shortened(
        slugify(name, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode)
    )


def _hashable(regex_subs) -> tuple:
    """The substitutions as a key for _slug; made once per settings list, not per tag (the
    list is the same object for every tag of a build)."""
    remembered = _HASHABLE.get(id(regex_subs))
    if remembered is None or remembered[0] is not regex_subs:
        remembered = _HASHABLE[id(regex_subs)] = (
            regex_subs,
            tuple(tuple(pair) for pair in regex_subs),
        )
    return remembered[1]


_HASHABLE: dict[int, tuple] = {}  # id(list) -> (the list, kept so the id stays its own; key)


def _subs(wrapper) -> list:
    settings = wrapper.settings
    kind = f"{type(wrapper).__name__.upper()}_REGEX_SUBSTITUTIONS"
    return settings.get(kind, settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def _check_slugs(values: dict, settings, ctx) -> None:
    """Names that make no URL (only punctuation, say) would all land on one empty path."""
    named = []
    if "title" in values and "slug" not in values:
        named.append(("title", _title_slug(values["title"], settings)))
    for index, tag in enumerate(values.get("tags", ())):
        named.append((f"tags[{index}]", _with_slug(Tag(tag, settings)).slug))
    for key, made in named:
        if not made:
            field = key.split("[")[0]
            hint = "; add a slug" if field == "title" else ""
            ctx.error(
                field, f"cannot make a URL from this text; use letters or digits{hint}", at=key
            )


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
