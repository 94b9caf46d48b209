"""One source file parsed: decoded, split, checked against the contract, rendered. Plain
values (ParsedSource), so a forked worker (prefetch) can do it as well as the reader."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from pelican.urlwrappers import Tag
from pelican.utils import slugify

from newsroom_core.digests import bytes_digest
from newsroom_core.frontmatter import decode, split
from newsroom_core.markup import render_markdown
from newsroom_core.markup_cache import MarkupCache
from newsroom_core.paths import display_path, real_folder, real_path
from newsroom_core.schema import Context, check_article, check_page, is_unfinished
from newsroom_core.urls import shortened

from .source_cache import SourceCache


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


def _is_article(source_path, settings) -> bool:
    rel = Path(real_path(source_path)).relative_to(real_folder(settings["PATH"]))
    return rel.parts[0] in settings.get("ARTICLE_PATHS", ["articles"])


def title_slug(title: str, settings) -> str:
    return _slug(title, _hashable(settings["SLUG_REGEX_SUBSTITUTIONS"]), False, False)


def with_slug(wrapper):
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
        named.append(("title", title_slug(values["title"], settings)))
    for index, tag in enumerate(values.get("tags", ())):
        named.append((f"tags[{index}]", with_slug(Tag(tag, settings)).slug))
    for key, made in named:
        if not made:
            field = key.split("[")[0]
            hint = "; add a slug" if field == "title" else ""
            ctx.error(
                field, f"cannot make a URL from this text; use letters or digits{hint}", at=key
            )
