"""Turn raw copy into a draft article: find what is there, strip boilerplate, invent nothing.

`import_text` is pure (bytes in, ImportResult out); `write_import` writes the files;
`import_files` runs both over many files with rich progress and a summary table.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _use_plugins_folder() -> None:
    """The residue patterns live in plugins/content_lint (shared with the linter); import them
    the way pelicanconf.py does, by putting plugins/ on the path once."""
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


_use_plugins_folder()

from content_lint import residue  # noqa: E402

# Front-matter keys in the contract's order, so every imported file reads the same way.
KEY_ORDER = (
    "title", "date", "modified", "authors", "category", "tags", "summary", "image", "image_alt",
    "image_caption", "image_credit", "image_focus", "dateline", "source", "sources",
    "corrections", "status", "needs", "slug", "canonical",
)  # fmt: skip
TITLE_MAX_CHARS = 150
SUMMARY_MAX_CHARS = 160  # the lint's seo-summary-length maximum
_NAME_WORD = r"[A-Z][\w'\u2019.-]+"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)?{_NAME_WORD}){{1,3}}"
# Keywords match in any case, names only when capitalised: "About the author" names nobody.
_AUTHOR_BOX = re.compile(
    rf"^(?i:about\s+(?:the\s+author\s*[:\u2013\u2014-]\s*)?)(?P<name>{_NAME})\s*$"
)
_AUTHOR_BOX_ANON = re.compile(r"^about\s+the\s+(?:author|writer|reporter)\s*:?\s*$", re.I)
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|posted by|reporting by|story by)\s*:?\s+(?P<name>{_NAME})"
    r"(?:\s*[,|\u2013\u2014-]\s*[^.!?]{0,40})?$"  # ", Harbour reporter", not a sentence
)
_VIEW_ALL = re.compile(rf"^(?i:view all posts by)\s+(?P<name>{_NAME})")
_BIO_NAME = re.compile(rf"^(?P<name>{_NAME})\s+(?:is|was|has|writes|covers|joined|reports)\b")
_EXPLICIT_TITLE = re.compile(r"^(?:title|headline)\s*:\s*(?P<title>.+)$", re.I)
_ATTRIBUTION = re.compile(
    r"^(?:(?P<original>original(?:ly)?\s+(?:source|published|posted|appeared)|first\s+published"
    r"|republished)(?:\s+(?:by|at|in|on|from))?|(?P<source>source|sources|via|credit|courtesy of))"
    r"\s*[:\u2013\u2014-]?\s*(?P<rest>.+?)\s*\.?$",
    re.I,
)
_URL = re.compile(r"(?P<url>(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s)\]>,;]*)?)", re.I)
_TAG = re.compile(r"<[^>\n]{0,200}>")
_SENTENCE_END = re.compile(r"[.!?\"\u201d\u2019)\]]$")


@dataclass
class AuthorProfile:
    slug: str
    name: str
    bio: str  # Markdown


@dataclass
class ImportResult:
    front_matter: dict
    body_markdown: str
    removed: list = field(default_factory=list)  # (line text, reason)
    found: dict = field(default_factory=dict)  # title, standfirst, source, author
    missing: list = field(default_factory=list)  # fields an editor must fill in
    author_profile: AuthorProfile | None = None
    slug: str | None = None  # from the title; None when there is no title yet
    year: int = 0  # the folder under content/articles/ (the import's year: no date is found)


class ImportRefused(Exception):
    """Writing would overwrite an existing article."""


def import_text(
    raw: bytes,
    *,
    author: str | None = None,
    title: str | None = None,
    category: str | None = None,
    source_url: str | None = None,
    existing_author_slugs=frozenset(),
    today: date | None = None,
) -> ImportResult:
    """Raw copy → draft. Only what the copy says (or the caller gives) becomes front matter."""
    lines = decode(raw).split("\n")
    removed: list[tuple[str, str]] = []
    lines = _strip_residue(lines, removed)
    source_lines, lines = _take_attribution(lines, removed)
    box, lines = _take_author_box(lines, removed)
    byline, lines = _take_byline(lines, removed)
    found_title, lines = _take_title(lines)
    standfirst = _standfirst(lines) if found_title else None

    title = _plain(title or found_title or "")
    author_name = (box.name if box else None) or byline or _name_from_footer(removed)
    authors = [author] if author else ([slugify(author_name)] if author_name else [])
    rewritten = any(reason.startswith("chat-assistant") for _, reason in removed)
    source, guesses = _source(source_lines, source_url, rewritten)
    if box and source is not None:
        # An outlet's or aggregator's author box credits their writer, not one of our staff.
        source["author"] = box.name
        # Their footer ("View all posts by ...") and a byline naming the same writer are theirs.
        author_name = byline if byline and byline != box.name else None
        box = None
        authors = [author] if author else ([slugify(author_name)] if author_name else [])

    # No date is found in copy: the editor writes it; `needs` keeps the draft from publishing.
    front = {"status": "draft"}
    if title:
        front["title"] = title
    if authors:
        front["authors"] = authors
    if category:
        front["category"] = category
    if standfirst:
        front["summary"] = standfirst
    if source:
        keys = ("name", "url", "author", "relation")
        front["source"] = {key: source[key] for key in keys if key in source}
    slug = slugify(title) if title else None
    if slug:
        front["slug"] = slug

    profile = None
    if box and (not author or author == box.slug):
        profile = box
    missing = _missing(front, authors, existing_author_slugs, profile)
    if missing:
        front["needs"] = [f"{field}: not found in the copy; fill it in" for field in missing]
    front["needs"] = front.get("needs", []) + guesses
    if not front["needs"]:
        del front["needs"]
    found = {
        "title": found_title,
        "standfirst": standfirst,
        "source": source,
        "author": author_name,
    }
    body = _markdown_body(lines)
    ordered = {key: front[key] for key in KEY_ORDER if key in front}
    year = (today or date.today()).year
    return ImportResult(ordered, body, removed, found, missing, profile, slug, year)


def decode(raw: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252, else Latin-1; newlines normalised."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def slugify(text: str) -> str:
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415 - pelican is heavy to import
    from pelican.utils import slugify as pelican_slugify  # noqa: PLC0415

    return pelican_slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def _strip_residue(lines, removed):
    """Drop the assistant's trailing reply, then every residue line and widget block."""
    tail = residue.assistant_tail(lines)
    if tail is not None:
        for line in lines[tail:]:
            if line.strip():
                removed.append((line.strip(), "chat-assistant reply"))
        lines = lines[:tail]
    kept, index, in_form = [], 0, False
    while index < len(lines):
        line = lines[index]
        found = residue.classify_line(line)
        if found is None and in_form and residue.is_form_field(line):
            found = residue.Residue(residue.FOOTER, "comment form field")
        in_form = in_form or residue.is_comment_form_start(line)
        if found is None:
            kept.append(line)
            index += 1
            continue
        end = residue.widget_block_end(lines, index) if found.kind == residue.WIDGET else index + 1
        for gone in lines[index:end]:
            removed.append((gone.strip(), found.reason))
        index = end
    return kept


def _take_attribution(lines, removed):
    """Attribution lines ("Original Source: ...", "via ...") leave the body for `source`."""
    sources, kept = [], []
    for line in lines:
        match = _ATTRIBUTION.match(line.strip())
        if match and len(line) <= 200 and _looks_like_outlet(match["rest"]):
            sources.append(match)
            removed.append((line.strip(), "attribution line, moved to source"))
        else:
            kept.append(line)
    return sources, kept


def _looks_like_outlet(text: str) -> bool:
    """'www.2news.com' or 'The Harbour Gazette', not a sentence that starts with 'Source'."""
    return bool(_URL.fullmatch(text.strip())) or (
        len(text.split()) <= 8 and not _SENTENCE_END.search(text)
    )


def _source(matches, source_url, rewritten):
    """(source, guesses). The relation comes from the copy (an "Originally published" line:
    republished; a chat assistant's words: rewritten; else based-on); `--source-url` only
    gives the URL. An outlet named from its host is a guess the editor must confirm."""
    if not matches and not source_url:
        return ({"relation": "rewritten"}, []) if rewritten else (None, [])
    source = {}
    guesses = []
    relation = "rewritten" if rewritten else "based-on"
    for match in matches:
        rest = match["rest"].strip()
        if match["original"]:
            relation = "republished"
        url = _URL.search(rest)
        name = _plain(_URL.sub("", rest).strip(" ()[]-\u2013\u2014,:").removeprefix("at ").strip())
        if name and "name" not in source:
            source["name"] = name
        if url and "url" not in source:
            source["url"] = normalise_url(url["url"])
    if source_url:
        source["url"] = normalise_url(source_url)
    if "name" not in source and "url" in source:
        source["name"] = outlet_from_host(source["url"])
        guesses.append(
            f"source.name: {source['name']!r} is a guess from the host name; write the "
            "outlet's real name"
        )
    source["relation"] = relation
    return {key: source[key] for key in ("name", "url", "relation") if key in source}, guesses


def normalise_url(text: str) -> str:
    """'www.2news.com' → 'https://www.2news.com/'; full URLs keep their scheme and path."""
    text = text.strip().rstrip(".")
    if not re.match(r"^[a-z]+://", text, re.I):
        text = "https://" + text
    parts = urlsplit(text)
    return (
        text if parts.path not in ("", "/") or parts.query else f"{parts.scheme}://{parts.netloc}/"
    )


def outlet_from_host(url: str) -> str:
    """'https://www.2news.com/' → '2news'; the editor can write the outlet's real name."""
    labels = (urlsplit(url).hostname or "").lower().removeprefix("www.").split(".")
    if len(labels) > 2 and labels[-2] in {"co", "com", "org", "net", "ac", "gov"}:
        labels = labels[:-1]
    return ".".join(labels[:-1]) if len(labels) > 1 else labels[0]


def _take_author_box(lines, removed):
    """'About NAME' (or 'About the author') followed by one bio paragraph."""
    for index, line in enumerate(lines):
        named = _AUTHOR_BOX.match(line.strip())
        if not (named or _AUTHOR_BOX_ANON.match(line.strip())):
            continue
        start = index + 1
        while start < len(lines) and not lines[start].strip():
            start += 1
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        bio = " ".join(part.strip() for part in lines[start:end])
        name = named["name"] if named else None
        if not name:
            from_bio = _BIO_NAME.match(bio)
            name = from_bio["name"] if from_bio else None
        if not bio or not name:
            continue
        for gone in lines[index:end]:
            if gone.strip():
                removed.append((gone.strip(), "author box, moved to the author profile"))
        profile = AuthorProfile(slugify(name), name, _escape_markup(bio))
        return profile, lines[:index] + lines[end:]
    return None, lines


def _take_byline(lines, removed):
    """A 'By NAME' line among the first few lines of copy."""
    for index, line in enumerate(lines[:8]):
        match = _BYLINE.match(line.strip())
        if match:
            removed.append((line.strip(), "byline, moved to authors"))
            return match["name"], lines[:index] + lines[index + 1 :]
    return None, lines


def _name_from_footer(removed):
    for line, _ in removed:
        match = _VIEW_ALL.match(line)
        if match:
            return match["name"]
    return None


def _take_title(lines):
    """A title is a short first line without a final full stop, followed by a blank line
    (or labelled 'Title:' / 'Headline:', or a Markdown '# heading')."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, lines
    text = lines[first].strip()
    explicit = _EXPLICIT_TITLE.match(text) or re.match(r"^#\s+(?P<title>.+)$", text)
    if explicit:
        return explicit["title"].strip(), lines[first + 1 :]
    followed_by_blank = first + 1 >= len(lines) or not lines[first + 1].strip()
    short = len(text) <= TITLE_MAX_CHARS and not text.endswith(".")
    if short and followed_by_blank and not residue.is_list_item(text):
        return text, lines[first + 1 :]
    return None, lines


def _standfirst(lines) -> str | None:
    """A short standfirst from the lede, which stays in the body: the lede when it fits in
    SUMMARY_MAX_CHARS, else its first sentence, else the lede cut at a word."""
    paragraphs = _paragraphs(lines)
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    if len(first) != 1 or residue.is_list_item(first[0]):
        return None  # hard-wrapped or a list: not a standfirst we can trust
    lede = _plain(first[0])
    sentence = re.match(r"^.+?[.!?](?=\s|$)", lede)
    if len(lede) > SUMMARY_MAX_CHARS and sentence and len(sentence[0]) <= SUMMARY_MAX_CHARS:
        return sentence[0]
    return cut_at_word(lede, SUMMARY_MAX_CHARS)


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it fits, else its words up to `limit` characters with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-\u2013\u2014 ")
    return cut + "\u2026"


def _paragraphs(lines) -> list[list[str]]:
    """Blank-line separated blocks; inside one, a long line ending a sentence also ends a
    paragraph (copy pasted from web pages has one paragraph per line and no blank lines)."""
    blocks, current = [], []
    for line in lines:
        if not line.strip():
            if current:
                blocks.append(current)
            current = []
            continue
        if current and len(current[-1]) > 80 and _SENTENCE_END.search(current[-1].strip()):
            blocks.append(current)
            current = []
        current.append(line.strip())
    if current:
        blocks.append(current)
    return blocks


def _markdown_body(lines) -> str:
    blocks = ["\n".join(block) for block in _paragraphs(lines)]
    return _escape_markup("\n\n".join(blocks)).strip() + "\n"


def _escape_markup(text: str) -> str:
    """Raw copy is text, never HTML: '<script>' must stay visible text, not become markup."""
    return text.replace("<", "&lt;")


def _plain(text: str) -> str:
    """Front-matter values are plain text: strip tags, collapse whitespace."""
    return " ".join(_TAG.sub("", text).split())


def _missing(front, authors, existing_author_slugs, profile) -> list[str]:
    missing = [
        key for key in ("title", "date", "authors", "category", "summary") if key not in front
    ]
    source = front.get("source")
    if source is not None:
        missing += [f"source.{key}" for key in ("name", "url") if key not in source]
        if "name" not in source and "url" not in source:
            missing = [m for m in missing if not m.startswith("source.")] + ["source"]
    for slug in authors:
        if slug not in existing_author_slugs and not (profile and profile.slug == slug):
            missing.append(f"author profile content/authors/{slug}.md")
    return missing


def render_article(result: ImportResult) -> str:
    """YAML front matter (contract order; `needs` lists what the editor must still do), then
    the body."""
    dumped = yaml.safe_dump(result.front_matter, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{dumped}---\n{result.body_markdown}"


def render_profile(profile: AuthorProfile) -> str:
    dumped = yaml.safe_dump({"name": profile.name}, sort_keys=False, allow_unicode=True)
    return f"---\n{dumped}---\n{profile.bio}\n"


def write_import(
    result: ImportResult, content_dir, *, fallback_slug: str = "untitled"
) -> list[Path]:
    """Write the article, and the author profile when none exists. Never overwrites a file."""
    content_dir = Path(content_dir)
    year = str(result.front_matter.get("date", result.year))[:4]
    slug = result.slug or slugify(fallback_slug) or "untitled"
    article = content_dir / "articles" / year / f"{slug}.md"
    if article.exists():
        raise ImportRefused(
            f"{article}: already exists; not overwritten. Delete it, or import with "
            "--title to give the copy a different slug"
        )
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(render_article(result), encoding="utf-8")
    written = [article]
    profile = result.author_profile
    if profile:
        path = content_dir / "authors" / f"{profile.slug}.md"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_profile(profile), encoding="utf-8")
            written.append(path)
    return written


@dataclass
class ImportOutcome:
    path: Path
    result: ImportResult | None
    written: list = field(default_factory=list)
    error: str | None = None


def import_files(
    paths,
    *,
    content_dir,
    author=None,
    title=None,
    category=None,
    source_url=None,
    today=None,
    console=None,
) -> list[ImportOutcome]:
    """Import each file with a progress bar; print a report per file and a summary table."""
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import Progress  # noqa: PLC0415

    console = console or Console()
    content_dir = Path(content_dir)
    outcomes = []
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Importing", total=len(paths))
        for path in map(Path, paths):
            existing = frozenset(p.stem for p in (content_dir / "authors").glob("*.md"))
            try:
                result = import_text(
                    path.read_bytes(),
                    author=author,
                    title=title,
                    category=category,
                    source_url=source_url,
                    existing_author_slugs=existing,
                    today=today,
                )
                written = write_import(result, content_dir, fallback_slug=f"untitled-{path.stem}")
                outcomes.append(ImportOutcome(path, result, written))
            except (OSError, ImportRefused) as exc:
                outcomes.append(ImportOutcome(path, None, error=str(exc)))
            progress.advance(task)
    for outcome in outcomes:
        console.print(_report(outcome))
    console.print(_summary_table(outcomes))
    return outcomes


def _report(outcome: ImportOutcome):
    from rich.markup import escape  # noqa: PLC0415

    if outcome.error:
        return f"[bold red]{escape(str(outcome.path))}[/]: {escape(outcome.error)}"
    result = outcome.result
    lines = [
        f"[bold]{escape(str(outcome.path))}[/] → "
        + ", ".join(escape(str(p)) for p in outcome.written)
    ]
    for key, value in result.found.items():
        shown = value if value else "[yellow]not found[/]"
        lines.append(f"  found {key}: {escape(_short(str(shown))) if value else shown}")
    for line, reason in result.removed:
        lines.append(f"  removed ({escape(reason)}): {escape(_short(line))}")
    if result.missing:
        lines.append("  [yellow]editor must fill in:[/] " + escape(", ".join(result.missing)))
    return "\n".join(lines)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _summary_table(outcomes):
    from rich.table import Table  # noqa: PLC0415

    table = Table(title="Import summary")
    for column in ("file", "article", "removed", "still missing"):
        table.add_column(column)
    for outcome in outcomes:
        if outcome.error:
            table.add_row(str(outcome.path), "[red]not written[/]", "", outcome.error)
            continue
        result = outcome.result
        table.add_row(
            str(outcome.path.name),
            str(outcome.written[0].name),
            str(len(result.removed)),
            ", ".join(result.missing) or "[green]nothing[/]",
        )
    return table
