"""Author profiles (`content/authors/<slug>.md`): read and checked once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError
from .frontmatter import decode, split
from .markup import render_markdown
from .schema import SLUG_RE, Context, check_author

_PARAGRAPH = re.compile(r"<p>.*?</p>", re.S)


@dataclass
class Profile:
    slug: str
    name: str
    path: str
    role: str = ""
    location: str = ""
    photo: str = ""
    photo_alt: str = ""
    links: dict = field(default_factory=dict)
    modified: object = None  # when the profile last changed: the author page's lastmod
    bio_html: str = ""

    @property
    def bio_lead_html(self) -> str:
        """The bio's first paragraph, for author boxes under articles."""
        match = _PARAGRAPH.search(self.bio_html)
        return match.group(0) if match else ""


_CACHE: dict = {}


def authors_dir(settings) -> Path:
    return Path(settings["PATH"]) / settings.get("AUTHOR_PROFILES_PATH", "authors")


def load_profiles(settings) -> tuple[dict[str, Profile], list]:
    """Return ({slug: Profile}, errors). Cached on the files' names, sizes and mtimes."""
    folder = authors_dir(settings)
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    key = (str(folder), tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = _read_all(files, settings)
    return _CACHE[key]


def _read_all(files, settings):
    profiles, errors = {}, []
    content_dir = Path(settings["PATH"])
    for file in files:
        rel = _display_path(file, settings)
        text, error = decode(rel, file.read_bytes())
        if error:
            errors.append(error)
            continue
        doc, split_errors = split(rel, text)
        errors.extend(split_errors)
        if doc is None:
            continue
        ctx = Context(rel, doc.line_of, settings, content_dir)
        values = check_author(doc.metadata, ctx)
        errors.extend(ctx.errors)
        if not SLUG_RE.match(file.stem):
            message = "author file names are slugs like 'jane-doe.md'; rename the file"
            errors.append(ContentError(rel, 1, "file name", message))
            continue
        if "name" in values:
            profiles[file.stem] = Profile(
                slug=file.stem, path=rel, bio_html=render_markdown(doc.body, settings), **values
            )
    return profiles, errors


def _display_path(file: Path, settings) -> str:
    """Paths in messages are relative to the project (content/authors/x.md) when possible."""
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)
