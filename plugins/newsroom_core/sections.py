"""The site's sections, declared once in the settings (`SECTIONS`).

An article's `category:` must name one of them: a typo must not add a section to the
navigation. A case variant (`local`) is the declared section (`Local`) everywhere it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pelican.utils import slugify

from .settings import SettingsError
from .suggest import did_you_mean
from .urls import shortened

SECTION_KEYS = ("name", "slug", "description")
EXAMPLE = '[{"name": "Local", "description": "News from the lake towns."}, {"name": "World"}]'


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    description: str = ""


def declared_sections(settings) -> tuple[Section, ...]:
    """`SECTIONS` as Section objects, in navigation order; a settings error names the entry,
    the key and the fix."""
    given = settings.get("SECTIONS")
    if not isinstance(given, (list, tuple)) or not given:
        raise SettingsError(
            f"SECTIONS: expected a list of sections in pelicanconf.py, like {EXAMPLE}; "
            f"got {given!r}"
        )
    subs = settings.get("CATEGORY_REGEX_SUBSTITUTIONS", settings.get("SLUG_REGEX_SUBSTITUTIONS"))
    subs = tuple(tuple(pair) for pair in subs or ())
    sections = tuple(_section(index, entry, subs) for index, entry in enumerate(given))
    for key in ("name", "slug"):
        seen: dict[str, int] = {}
        for index, section in enumerate(sections):
            value = getattr(section, key).casefold()
            if value in seen:
                raise SettingsError(
                    f"SECTIONS[{index}]: {key} {getattr(section, key)!r} is also the {key} of "
                    f"SECTIONS[{seen[value]}]; each section needs its own"
                )
            seen[value] = index
    return sections


def _section(index: int, entry, regex_subs) -> Section:
    where = f"SECTIONS[{index}]"
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict):
        raise SettingsError(f"{where}: expected a mapping like {{'name': 'Local'}}, got {entry!r}")
    for key in entry:
        if key not in SECTION_KEYS:
            raise SettingsError(
                f"{where}: unknown key {key!r}{did_you_mean(key, SECTION_KEYS)}; "
                f"known keys: {', '.join(SECTION_KEYS)}"
            )
    for key, value in entry.items():
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(f"{where}: {key}: expected non-empty text, got {value!r}")
    name = entry.get("name")
    if name is None:
        raise SettingsError(f"{where}: name: required, e.g. {{'name': 'Local'}}")
    slug = entry.get("slug") or _name_slug(name, regex_subs)
    if not slug:
        raise SettingsError(f"{where}: name {name!r} makes no URL; add a 'slug'")
    return Section(name.strip(), slug, entry.get("description", "").strip())


@lru_cache(maxsize=256)
def _name_slug(name: str, regex_subs: tuple) -> str:
    """Every article's category asks for the sections: each name's slug is worked out once
    (slugify of every section for every article was a tenth of a 10,000-article rebuild)."""
    return shortened(slugify(name, regex_subs=regex_subs))


def section_named(name: str, sections) -> Section | None:
    """The declared section `name` stands for: the same name, or the same in another case."""
    for section in sections:
        if section.name == name:
            return section
    folded = name.casefold()
    return next((s for s in sections if s.name.casefold() == folded), None)


def unknown_section_message(name: str, sections) -> str:
    names = [section.name for section in sections]
    return (
        f"{name!r} is not a declared section{did_you_mean(name, names)}; "
        f"use one of {', '.join(names)}, or add it to SECTIONS in pelicanconf.py"
    )


SECTIONS_FILE = "sections.yml"


def sections_from_file(path) -> list[dict]:
    """More sections, declared in `content/sections.yml` (the WordPress importer adds the
    categories it brings in there): a YAML list of {name, slug?, description?}, appended to
    SECTIONS by pelicanconf.py. No file: none. A mistake names the file, the line and the fix."""
    import yaml  # noqa: PLC0415 - only settings loading needs it

    path = Path(path)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise SettingsError(
            f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}"
        ) from None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise SettingsError(
            f"{path}:{node.start_mark.line + 1}: expected a list of sections like "
            "'- name: Harbour', got a single value"
        )
    entries = []
    for item in node.value:
        line = item.start_mark.line + 1
        entry = yaml.safe_load(yaml.serialize(item))
        if isinstance(entry, str):
            entry = {"name": entry}
        try:
            _section(0, entry, ())
        except SettingsError as error:
            raise SettingsError(
                f"{path}:{line}: {str(error).removeprefix('SECTIONS[0]: ')}"
            ) from None
        entries.append(entry)
    return entries
