"""`invoke new article|author|page`: a valid starting file, dated by the build clock.

Each file is written as a draft (articles) so a half-written story never reaches the front
page; the preview URL is where `invoke livereload` shows it.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from pelican.utils import slugify

ROOT = Path(__file__).resolve().parent.parent


def _use_plugins_folder() -> None:
    """The clock, profiles and sections live in plugins/newsroom_core; import them the way
    pelicanconf.py does, by putting plugins/ on the path once."""
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


_use_plugins_folder()

from newsroom_core.clock import build_now  # noqa: E402
from newsroom_core.profiles import load_profiles  # noqa: E402
from newsroom_core.sections import (  # noqa: E402
    declared_sections,
    section_named,
    unknown_section_message,
)

PREVIEW_BASE = "http://127.0.0.1:8000/"
KINDS = ("article", "author", "page")
SUMMARY_PROMPT = "One sentence on what happened, for listings, feeds and search results."
BODY_PROMPT = {
    "article": "Start with the news: who, what, where and when.",
    "author": "A short bio: what they cover and how readers can reach them.",
    "page": "What this page tells readers.",
}


class ScaffoldError(Exception):
    """A `new` command that cannot write its file; the message names the fix."""


def local_now(settings) -> datetime:
    """The build clock in the site's TIMEZONE, to the second, without the offset (as in the
    sample content, whose dates are the newsroom's wall-clock time)."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return build_now(settings).astimezone(zone).replace(tzinfo=None, microsecond=0)


def slug_for(title: str, settings) -> str:
    slug = slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", ()))
    if not slug:
        raise ScaffoldError(f"{title!r} makes no URL slug; use letters or digits in it")
    return slug


def new_article(settings, title: str, author: str | None = None, section: str | None = None):
    """Write content/articles/<year>/<slug>.md; return (path, preview URL)."""
    now = local_now(settings)
    slug = slug_for(title, settings)
    category = resolve_section(settings, section)
    front = {
        "title": title,
        "date": now.isoformat(),
        "authors": resolve_author(settings, author),
        "category": category,
        "summary": SUMMARY_PROMPT,
        "status": "draft",
    }
    folder = _content(settings) / settings["ARTICLE_PATHS"][0] / str(now.year)
    path = _write(folder / f"{slug}.md", front, BODY_PROMPT["article"])
    return path, PREVIEW_BASE + settings["DRAFT_URL"].format(slug=slug)


def new_page(settings, title: str):
    """Write content/pages/<slug>.md (a page needs `modified`); return (path, preview URL)."""
    slug = slug_for(title, settings)
    front = {"title": title, "modified": local_now(settings).isoformat(), "status": "draft"}
    path = _write(
        _content(settings) / settings["PAGE_PATHS"][0] / f"{slug}.md", front, BODY_PROMPT["page"]
    )
    url_key = "DRAFT_PAGE_URL" if settings.get("DRAFT_PAGE_URL") else "PAGE_URL"
    return path, PREVIEW_BASE + settings[url_key].format(slug=slug)


def new_author(settings, name: str):
    """Write content/authors/<slug of name>.md; return (path, author page URL)."""
    slug = slug_for(name, settings)
    folder = _content(settings) / settings.get("AUTHOR_PROFILES_PATH", "authors")
    path = _write(folder / f"{slug}.md", {"name": name}, BODY_PROMPT["author"])
    return path, PREVIEW_BASE + settings["AUTHOR_URL"].format(slug=slug)


def resolve_author(settings, given: str | None) -> str:
    """`--author SLUG` → the profile whose `name` is `git config user.name` → an error that
    lists the profiles."""
    profiles, _errors = load_profiles(settings)
    listing = ", ".join(f"{slug} ({p.name})" for slug, p in sorted(profiles.items())) or "none"
    if given:
        if given not in profiles:
            raise ScaffoldError(
                f"--author: no profile {given!r} in {_authors_dir(settings)}; profiles: {listing}"
            )
        return given
    git_name = _git_user_name(Path(settings["PATH"]))
    for slug, profile in sorted(profiles.items()):
        if git_name and profile.name.casefold() == git_name.casefold():
            return slug
    who = f"git user.name {git_name!r}" if git_name else "git user.name (unset)"
    raise ScaffoldError(
        f"no author: {who} is no profile's name; pass --author SLUG (profiles: {listing}), "
        f'or add yours with `invoke new author "Your Name"`'
    )


def resolve_section(settings, given: str | None) -> str:
    """`--section NAME` (a declared section, any case) → the first declared section."""
    sections = declared_sections(settings)
    if given is None:
        return sections[0].name
    found = section_named(given, sections)
    if found is None:
        raise ScaffoldError(f"--section: {unknown_section_message(given, sections)}")
    return found.name


def _git_user_name(where: Path) -> str:
    result = subprocess.run(
        ["git", "config", "user.name"], cwd=where, capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def _content(settings) -> Path:
    return Path(settings["PATH"])


def _authors_dir(settings) -> str:
    return str(_content(settings) / settings.get("AUTHOR_PROFILES_PATH", "authors"))


def _write(path: Path, front: dict, body: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title, or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{dumped}---\n{body}\n", encoding="utf-8")
    return path


def create(settings, kind: str, title: str, author=None, section=None):
    """Dispatch `invoke new KIND TITLE`; options only articles take are refused elsewhere."""
    if kind not in KINDS:
        raise ScaffoldError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    if kind == "article":
        return new_article(settings, title, author=author, section=section)
    if author or section:
        raise ScaffoldError(f"--author and --section are for articles, not a {kind}")
    return new_page(settings, title) if kind == "page" else new_author(settings, title)
