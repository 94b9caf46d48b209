"""Names for what WordPress calls by login or nicename: author slugs, sections, slugs, and the
short standfirst made from an excerpt."""

from __future__ import annotations

import re
from urllib.parse import unquote

import yaml

from ..importer import cut_at_word, slugify
from .wxr import WpAuthor, WpItem

SUMMARY_MAX_CHARS = 160
FALLBACK_SECTION = "Uncategorized"
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"\*{1,2}|(?<!\w)_{1,2}|_{1,2}(?!\w)")


def author_slug(login: str, author: WpAuthor | None) -> tuple[str, str, list]:
    """(slug, profile file text, notes). The display name, not the login, names the profile."""
    notes = []
    name = (author.display_name if author else "") or login or "Unknown author"
    if author is None or name == login:
        notes.append(
            f"author {name!r} has only a login name; give content/authors/{slugify(name)}.md a "
            "real name"
        )
    slug = slugify(name) or slugify(login) or "unknown-author"
    front = yaml.safe_dump({"name": name}, allow_unicode=True, sort_keys=False)
    bio = author.description.strip() if author else ""
    return slug, f"---\n{front}---\n{bio}\n" if bio else f"---\n{front}---\n", notes


def section_for(item: WpItem, categories: dict, declared: list, plan) -> tuple[str | None, list]:
    """The primary category (Yoast's `_yoast_wpseo_primary_category`, else the first) is the
    section; the other categories become tags."""
    if not item.categories:
        return None, []
    primary_id = item.meta.get("_yoast_wpseo_primary_category", "")
    by_id = {categories[s].term_id: s for s, _ in item.categories if s in categories}
    primary = by_id.get(primary_id) or item.categories[0][0]
    names = []
    chosen = None
    for slug, name in item.categories:
        term = categories.get(slug)
        shown = (term.name if term else name) or slug
        if slug == primary and chosen is None:
            chosen = _declare(shown, term.description if term else "", declared, plan)
        elif shown not in names:
            names.append(shown)
    return chosen, names


def fallback_section(declared: list, plan) -> str:
    return _declare(FALLBACK_SECTION, "", declared, plan)


def _declare(name: str, description: str, declared: list, plan) -> str:
    """The declared section of that name (any case), else a new one for the section list."""
    for known in [*declared, *(s["name"] for s in plan.sections)]:
        if known.casefold() == name.casefold():
            return known
    section = {"name": name}
    if description:
        section["description"] = description
    plan.sections.append(section)
    return name


def slug_for(item: WpItem) -> str:
    name = unquote(item.post_name).removesuffix("__trashed")
    return slugify(name) or slugify(item.title) or f"wordpress-{item.post_id}"


def standfirst(text: str, limit: int = SUMMARY_MAX_CHARS) -> str:
    """The first paragraph of text, as plain text, at most `limit` characters, cut at a word."""
    for paragraph in re.split(r"\n\s*\n", text or ""):
        plain = _MARKDOWN_LINK.sub(r"\1", _MARKDOWN_IMAGE.sub("", paragraph))
        plain = _EMPHASIS.sub("", _TAG.sub("", plain).replace("\\", ""))
        plain = " ".join(plain.split())
        if plain:
            return cut_at_word(plain, limit)
    return ""
