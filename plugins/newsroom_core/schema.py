"""The front-matter contract: which keys each kind of file takes, and how each is checked.

One implementation, used by the build's reader, the author profiles and `invoke lint`.
Every checker takes (value, Context) and returns the cleaned value; problems are reported on
the context, so one run reports every error in every file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from .clock import build_now
from .errors import ContentError
from .frontmatter import shown_field
from .sections import declared_sections, section_named, unknown_section_message
from .suggest import did_you_mean
from .urls import WEB_SCHEMES, url_problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RELATIONS = ("republished", "rewritten", "based-on")
SYNDICATION_POLICIES = ("noindex", "canonical", "none")
STATUSES = ("published", "draft")
ARTICLE_TYPES = (
    "NewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Article",
)
LINK_KINDS = ("website", "x", "mastodon", "bluesky", "linkedin", "github", "email")


@dataclass
class Context:
    """Where a value came from, and where its problems go."""

    path: str
    line_of: callable
    settings: dict
    content_dir: Path
    author_slugs: frozenset | None = None  # None: do not check (profiles not loaded)
    errors: list = field(default_factory=list)

    def error(self, key: str, message: str, *, at: str | None = None) -> None:
        """Report `message` for field `key`, on the line of `at` (e.g. 'authors[1]') if given."""
        line = self.line_of(at or key)
        self.errors.append(ContentError(self.path, line, shown_field(key), message))


class _Invalid(Exception):
    """A checker found a problem it already reported."""


def _describe(value) -> str:
    names = {list: "a list", dict: "a mapping", bool: "true/false", type(None): "nothing"}
    return names.get(type(value), repr(value))


def text(value, ctx, key, *, required=False):
    if isinstance(value, (bool, list, dict)) or value is None:
        hint = " (quote it)" if isinstance(value, bool) else ""
        ctx.error(key, f"expected text, got {_describe(value)}{hint}")
        raise _Invalid
    value = str(value).strip()
    if required and not value:
        ctx.error(key, "must not be empty")
        raise _Invalid
    return value


def timestamp(value, ctx, key, **_):
    """ISO 8601 date or date-time; naive values are in the site's TIMEZONE."""
    raw = text(value, ctx, key, required=True)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        ctx.error(
            key, f"expected an ISO 8601 date like 2025-03-20 or 2025-03-20T14:30+01:00, got {raw!r}"
        )
        raise _Invalid from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(ctx.settings.get("TIMEZONE", "UTC")))
    return parsed


def calendar_date(value, ctx, key, **_):
    stamp = timestamp(value, ctx, key)
    return stamp.date() if stamp.time() == time(0) else stamp


def string_list(value, ctx, key, *, required=False):
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        ctx.error(key, f"expected a list of text, got {_describe(value)}")
        raise _Invalid
    items = []
    for index, item in enumerate(value):
        cleaned = text(item, ctx, f"{key}[{index}]", required=True)
        if cleaned not in items:
            items.append(cleaned)
    if required and not items:
        ctx.error(key, "must list at least one value")
        raise _Invalid
    return items


def author_slugs(value, ctx, key, **_):
    slugs = string_list([value] if isinstance(value, str) else value, ctx, key, required=True)
    if ctx.author_slugs is not None:
        for index, slug in enumerate(slugs):
            if slug not in ctx.author_slugs:
                hint = did_you_mean(slug, ctx.author_slugs)
                ctx.error(
                    key, f"no profile '{slug}' in content/authors/{hint}", at=f"{key}[{index}]"
                )
    return slugs


def slug(value, ctx, key, **_):
    raw = text(value, ctx, key, required=True)
    if not SLUG_RE.match(raw):
        ctx.error(
            key,
            f"expected lower-case letters, digits and hyphens, like 'walikale-falls', got {raw!r}",
        )
        raise _Invalid
    return raw


def choice(options):
    def check(value, ctx, key, **_):
        raw = text(value, ctx, key, required=True)
        if raw not in options:
            expected = ", ".join(options)
            ctx.error(key, f"expected one of {expected}, got {raw!r}{did_you_mean(raw, options)}")
            raise _Invalid
        return raw

    return check


def web_url(value, ctx, key, *, schemes=WEB_SCHEMES, **_):
    raw = text(value, ctx, key, required=True)
    problem = url_problem(raw, schemes)
    if problem:
        ctx.error(key, problem)
        raise _Invalid
    return raw


def boolean(value, ctx, key, **_):
    if not isinstance(value, bool):
        ctx.error(key, f"expected true or false, got {_describe(value)}")
        raise _Invalid
    return value


def site_path(value, ctx, key, **_):
    """A path on this site, like /2025/03/old-story/; kept without the leading slash, as
    Pelican's `url` is."""
    raw = text(value, ctx, key, required=True)
    if "://" in raw or raw.startswith("//") or any(ch.isspace() for ch in raw) or ".." in raw:
        ctx.error(key, f"expected a path on this site like /2025/03/old-story/, got {raw!r}")
        raise _Invalid
    return raw.split("#")[0].split("?")[0].lstrip("/")


def section(value, ctx, key, **_):
    """A section declared in SECTIONS, by its declared name (a case variant is the same)."""
    raw = text(value, ctx, key, required=True)
    sections = declared_sections(ctx.settings)
    found = section_named(raw, sections)
    if found is None:
        ctx.error(key, unknown_section_message(raw, sections))
        raise _Invalid
    return found.name


def content_file(value, ctx, key, **_):
    """A path relative to the content folder that must exist (images, photos)."""
    raw = text(value, ctx, key, required=True).removeprefix("{static}").lstrip("/")
    resolved = (ctx.content_dir / raw).resolve()
    inside = resolved.is_relative_to(ctx.content_dir.resolve())
    if not inside or not resolved.is_file():
        ctx.error(key, f"file '{raw}' does not exist under {ctx.content_dir.name}/; check the path")
        raise _Invalid
    return raw


def focus(value, ctx, key, **_):
    raw = text(value, ctx, key, required=True)
    try:
        x, y = (float(part) for part in raw.split(","))
    except ValueError:
        x = y = -1
    if not (0 <= x <= 1 and 0 <= y <= 1):
        ctx.error(key, f"expected two numbers between 0 and 1 like '0.5,0.3', got {raw!r}")
        raise _Invalid
    return (x, y)


def mapping(fields, *, required_keys=()):
    """A nested mapping checked field by field (source, corrections, links)."""

    def check(value, ctx, key, **_):
        if not isinstance(value, dict):
            ctx.error(key, f"expected a mapping of {', '.join(fields)}, got {_describe(value)}")
            raise _Invalid
        return check_fields(value, fields, ctx, prefix=f"{key}.", required=required_keys)

    return check


def list_of(item_check):
    def check(value, ctx, key, **_):
        if not isinstance(value, list) or not value:
            ctx.error(key, f"expected a non-empty list, got {_describe(value)}")
            raise _Invalid
        return [_checked(item_check, item, ctx, f"{key}[{i}]") for i, item in enumerate(value)]

    return check


def _checked(check, value, ctx, key):
    try:
        return check(value, ctx, key)
    except _Invalid:
        return None


SOURCE_FIELDS = {
    "name": text,
    "url": web_url,
    "title": text,  # the original work's headline (isBasedOn name)
    "author": text,
    "date": calendar_date,
    "relation": choice(RELATIONS),
    "policy": choice(SYNDICATION_POLICIES),
}
source = mapping(SOURCE_FIELDS, required_keys=("name", "url"))
CORRECTION_FIELDS = {"date": calendar_date, "text": text}
correction = mapping(CORRECTION_FIELDS, required_keys=("date", "text"))
WITHDRAWAL_FIELDS = {"date": calendar_date, "reason": text}
withdrawal = mapping(WITHDRAWAL_FIELDS, required_keys=("date", "reason"))
# A date further ahead than this is a typo (2062 for 2026) unless the article says
# `scheduled: true`.
SCHEDULE_HORIZON_DAYS = 365


def links(value, ctx, key, **_):
    checks = {kind: web_url for kind in LINK_KINDS}
    if not isinstance(value, dict):
        ctx.error(
            key, f"expected a mapping of {', '.join(LINK_KINDS)} to URLs, got {_describe(value)}"
        )
        raise _Invalid
    cleaned = {}
    for kind, url in value.items():
        if kind not in checks:
            ctx.error(
                f"{key}.{kind}",
                f"unknown link kind{did_you_mean(kind, LINK_KINDS)}; "
                f"use one of {', '.join(LINK_KINDS)}",
            )
            continue
        schemes = {"mailto"} if kind == "email" else WEB_SCHEMES
        if kind == "email" and isinstance(url, str) and "@" in url and ":" not in url:
            url = f"mailto:{url}"
        cleaned[kind] = _checked(
            lambda v, c, k, s=schemes: web_url(v, c, k, schemes=s), url, ctx, f"{key}.{kind}"
        )
    return {k: v for k, v in cleaned.items() if v}


ARTICLE_FIELDS = {
    "title": text,
    "date": timestamp,
    "modified": timestamp,
    "authors": author_slugs,
    "category": section,
    "tags": string_list,
    "summary": text,
    "image": content_file,
    "image_alt": text,
    "image_caption": text,
    "image_credit": text,
    "image_focus": focus,
    "dateline": text,
    "source": source,
    "sources": list_of(source),
    "corrections": list_of(correction),
    "status": choice(STATUSES),
    "slug": slug,
    "canonical": web_url,
    "article_type": choice(ARTICLE_TYPES),
    "redirect_from": list_of(site_path),
    "withdrawn": withdrawal,
    "scheduled": boolean,
    "needs": list_of(text),
    "featured": boolean,
}
ARTICLE_REQUIRED = ("title", "date", "authors", "category", "summary")

PAGE_FIELDS = {
    "title": text,
    "summary": text,
    "slug": slug,
    "status": choice(STATUSES),
    "modified": timestamp,
    "canonical": web_url,
    "template": slug,
    "redirect_from": list_of(site_path),
}
# `modified`: a page shows nothing else dated, and its sitemap lastmod must be true (neither
# the site's newest story nor, since builds must not depend on git, a commit date).
PAGE_REQUIRED = ("title", "modified")

AUTHOR_FIELDS = {
    "name": text,
    "role": text,
    "photo": content_file,
    "photo_alt": text,
    "location": text,
    "links": links,
    "modified": timestamp,
}
AUTHOR_REQUIRED = ("name",)


def check_fields(metadata: dict, fields: dict, ctx: Context, *, prefix="", required=()):
    """Check every key; report unknown and missing keys. Returns the cleaned values."""
    cleaned = {}
    for key, value in metadata.items():
        name = f"{prefix}{key}"
        if key not in fields:
            hint = did_you_mean(key, fields)
            advice = f"unknown key{hint}" if hint else f"unknown key; allowed: {', '.join(fields)}"
            ctx.error(name, advice)
            continue
        if _is_empty(value):
            continue  # nothing to check; a missing required key is reported below
        result = _checked(lambda v, c, k, f=fields[key]: f(v, c, k), value, ctx, name)
        if result is not None:
            cleaned[key] = result
    for key in required:
        if _is_empty(metadata.get(key)):
            ctx.error(f"{prefix}{key}", "required; add it to the front matter")
    return cleaned


def _is_empty(value) -> bool:
    """Absent, blank (whitespace only: a title of spaces is no title) or an empty list."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def check_article(metadata: dict, ctx: Context) -> dict:
    cleaned = check_fields(metadata, ARTICLE_FIELDS, ctx, required=ARTICLE_REQUIRED)
    if "image" in metadata and not metadata.get("image_alt"):
        ctx.error(
            "image_alt",
            "required when image is set; describe the picture for readers who cannot see it",
        )
    if "source" in metadata and "sources" in metadata:
        ctx.error("sources", "use either source or sources, not both")
    if "modified" in cleaned and "date" in cleaned and cleaned["modified"] < cleaned["date"]:
        ctx.error("modified", "is earlier than date; an update cannot precede publication")
    _check_schedule(cleaned, ctx)
    _check_needs(metadata, ctx)
    return cleaned


def is_unfinished(metadata: dict) -> bool:
    """An import draft that still lists what it `needs`: its problems are held back (shown by
    `invoke lint`, warnings in a build), and it is not built until the list is done."""
    return bool(metadata.get("needs"))


def _check_needs(metadata: dict, ctx: Context) -> None:
    needs = metadata.get("needs")
    if isinstance(needs, list) and needs:
        ctx.error(
            "needs",
            f"{len(needs)} thing{'s' * (len(needs) != 1)} left to do before this article can "
            "be published: " + "; ".join(str(n) for n in needs),
        )


def _check_schedule(cleaned: dict, ctx: Context) -> None:
    if "date" not in cleaned or cleaned.get("scheduled"):
        return
    ahead = cleaned["date"] - build_now(ctx.settings)
    if ahead.days > SCHEDULE_HORIZON_DAYS:
        ctx.error(
            "date",
            f"{cleaned['date']:%Y-%m-%d} is more than a year ahead; fix the year, or add "
            "`scheduled: true` if the story really waits that long",
        )


def check_page(metadata: dict, ctx: Context) -> dict:
    return check_fields(metadata, PAGE_FIELDS, ctx, required=PAGE_REQUIRED)


def check_author(metadata: dict, ctx: Context) -> dict:
    cleaned = check_fields(metadata, AUTHOR_FIELDS, ctx, required=AUTHOR_REQUIRED)
    if "photo" in metadata and not metadata.get("photo_alt"):
        ctx.error("photo_alt", "required when photo is set; describe the photo")
    return cleaned


def as_datetime(value) -> datetime:
    """Calendar dates from `calendar_date` as midnight datetimes (for sorting and feeds)."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0))


__all__ = ["Context", "check_article", "check_page", "check_author", "as_datetime", "date"]
