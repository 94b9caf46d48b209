"""Per-file lint rules. Each takes (LintDocument, settings) and returns a list of Findings.

`settings` is Pelican-style: `PATH` is the content folder, `CONTENT_LINT` the validated options.
Severities, and why:
- residue-*, placeholder, link-unresolved, image-missing, front-matter: errors; a reader would
  see broken or embarrassing copy.
- attribution-missing: an error when the copy says it was published elsewhere first
  ("originally published", "first appeared"), since that copy must credit its source; a warning
  for "according to <Outlet>" / "via <Outlet>", which is often normal attribution of one fact.
- seo-title-length, seo-summary-length, image-alt-missing (body images): warnings; `publish`
  fails on them, `build` does not.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsroom_core.links import candidates, shown
from newsroom_core.schema import Context, check_article, check_author, check_page

from . import residue
from .document import ARTICLE, AUTHOR, LintDocument
from .findings import ERROR, WARNING, Finding

_RESIDUE_RULES = {
    residue.ASSISTANT: (
        "residue-assistant",
        "delete the chat assistant's words; only the article stays",
    ),
    residue.WIDGET: ("residue-widget", "delete the related-links line; the site builds its own"),
    residue.FOOTER: (
        "residue-comment-footer",
        "delete the share/comment footer; the theme provides one",
    ),
}


def front_matter(doc: LintDocument, settings) -> list[Finding]:
    """The front-matter contract, by the same checks the build runs (newsroom_core.schema)."""
    content_dir = Path(settings["PATH"])
    authors_dir = content_dir / settings.get("AUTHOR_PROFILES_PATH", "authors")
    slugs = frozenset(p.stem for p in authors_dir.glob("*.md")) if doc.kind == ARTICLE else None
    ctx = Context(doc.path, doc.line_of, settings, content_dir, author_slugs=slugs)
    check = {ARTICLE: check_article, AUTHOR: check_author}.get(doc.kind, check_page)
    check(doc.metadata, ctx)
    hint = "follow the front-matter contract in README.md"
    return [
        Finding(e.path, e.line, ERROR, "front-matter", f"{e.field}: {e.message}", hint)
        for e in ctx.errors
    ]


def residue_lines(doc: LintDocument, settings) -> list[Finding]:
    """Assistant replies, widget lines and footers, in the body or any front-matter value."""
    findings = []
    for line, text in _all_text(doc):
        found = residue.classify_line(text)
        if found:
            rule, hint = _RESIDUE_RULES[found.kind]
            findings.append(
                Finding(doc.path, line, ERROR, rule, f"{found.reason}: {_quote(text)}", hint)
            )
    return findings


_PLACEHOLDERS = re.compile(
    r"(?P<text>lorem ipsum|\[\s*insert\b[^\]]*\])|\b(?P<mark>TODO|FIXME|TKTK|TK)\b(?!-)",
)
_PLACEHOLDER_CI = re.compile(r"lorem ipsum|\[\s*insert\b[^\]]*\]", re.I)
# The same, searched in lowercased text first: re.I is slow on every line of every file.
_PLACEHOLDER_LOWER = re.compile(_PLACEHOLDER_CI.pattern)


def placeholder(doc: LintDocument, settings) -> list[Finding]:
    """'Lorem ipsum', 'TODO', 'TK', '[insert ...]' left in copy or front matter."""
    findings = []
    for line, text in _all_text(doc):
        text = re.sub(r"`[^`]*`", "", text)  # inline code may name these on purpose
        lowered = _PLACEHOLDER_LOWER.search(text.lower())
        match = (lowered and _PLACEHOLDER_CI.search(text)) or _PLACEHOLDERS.search(text)
        if match:
            message = f"placeholder text {match.group(0)!r} left in"
            findings.append(
                Finding(doc.path, line, ERROR, "placeholder", message, "write the real text")
            )
    return findings


_OUTLET_WORDS = (
    r"News|Times|Post|Gazette|Herald|Journal|Tribune|Guardian|Telegraph|Chronicle|Observer|"
    r"Courier|Standard|Mirror|Express|Independent|Record|Review|Magazine|Daily|Weekly|Wire|"
    r"Press|Radio|TV|Television|Broadcasting|Agency|Media|Newswire"
)
_OUTLET = (
    r"(?:the\s+)?(?P<outlet>(?:[A-Z][\w&'\u2019.-]*\s+){0,4}(?:" + _OUTLET_WORDS + r")\b"
    r"|Reuters|AFP|AP|Associated Press|Bloomberg|BBC|CNN|Al Jazeera"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|news|co\.uk|example)\b)"
)
_REPUBLISHED = re.compile(
    r"\b(?:originally|first)\s+(?:published|appeared|posted|ran)\b|\brepublished\s+(?:from|with)\b",
    re.I,
)
_CITES_OUTLET = re.compile(
    r"\b(?:[Aa]ccording to|[Vv]ia)\s+(?:(?:a|an|the)\s+)?(?:(?:report|story|article|interview)\s+"
    r"(?:in|by|from|with)\s+)?" + _OUTLET
)


def attribution_missing(doc: LintDocument, settings) -> list[Finding]:
    """Copy that credits another outlet needs `source` (or `sources`) in the front matter."""
    if doc.kind != ARTICLE or doc.metadata.get("source") or doc.metadata.get("sources"):
        return []
    findings = []
    hint = "add source: {name, url, relation} to the front matter"
    for line, text in doc.body_lines():
        strong = _REPUBLISHED.search(text)
        if strong:
            message = f"says {strong.group(0)!r} but the front matter has no source"
            findings.append(Finding(doc.path, line, ERROR, "attribution-missing", message, hint))
            continue
        cited = _CITES_OUTLET.search(text)
        if cited:
            message = f"credits {cited['outlet']!r} but the front matter has no source"
            findings.append(Finding(doc.path, line, WARNING, "attribution-missing", message, hint))
    return findings


def seo_lengths(doc: LintDocument, settings) -> list[Finding]:
    """Search results cut titles past ~70 characters and descriptions outside ~50-160."""
    if doc.kind != ARTICLE:
        return []
    options = settings["CONTENT_LINT"]
    findings = []
    title = doc.metadata.get("title")
    if isinstance(title, str) and len(title) > options["title_max_chars"]:
        limit = options["title_max_chars"]
        message = f"title is {len(title)} characters; search results show about {limit}"
        hint = "shorten the title, or keep the key words in its first 70 characters"
        findings.append(
            Finding(doc.path, doc.line_of("title"), WARNING, "seo-title-length", message, hint)
        )
    summary = doc.metadata.get("summary")
    low, high = options["summary_min_chars"], options["summary_max_chars"]
    if isinstance(summary, str) and summary.strip() and not low <= len(summary.strip()) <= high:
        message = f"summary is {len(summary.strip())} characters; expected {low}-{high}"
        hint = "write a one- or two-sentence standfirst"
        findings.append(
            Finding(doc.path, doc.line_of("summary"), WARNING, "seo-summary-length", message, hint)
        )
    return findings


_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?P<target><[^>]*>|[^)\s]+)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*(?P<target><[^>]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?P<target><[^>]*>|\S+)")
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
_HTML_ATTR = re.compile(r"\b(?P<name>src|alt)\s*=\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)", re.I)


def image_alt_missing(doc: LintDocument, settings) -> list[Finding]:
    """Body images need alt text (the front-matter image's alt is a front-matter error)."""
    findings = []
    hint = "describe the picture in the brackets: ![what it shows](path)"
    for line, text in doc.body_lines():
        missing = [m["target"] for m in _IMAGE.finditer(text) if not m["alt"].strip()]
        for tag in _HTML_IMG.finditer(text):
            attrs = {a["name"].lower(): a["value"] for a in _HTML_ATTR.finditer(tag["attrs"])}
            if not attrs.get("alt", "").strip():
                missing.append(attrs.get("src", "<img>"))
        findings += [
            Finding(
                doc.path, line, WARNING, "image-alt-missing", f"image {t!r} has no alt text", hint
            )
            for t in missing
        ]
    return findings


def links_and_images(doc: LintDocument, settings) -> list[Finding]:
    """Internal links and images ({filename}, {static}, relative paths) must exist."""
    content_dir = Path(settings["PATH"])
    findings = []
    for line, text in doc.body_lines():
        images = [m["target"] for m in _IMAGE.finditer(text)]
        images += [_html_src(tag) for tag in _HTML_IMG.finditer(text) if _html_src(tag)]
        links = [m["target"] for m in _LINK.finditer(text)] + [
            m["target"] for m in _REFERENCE.finditer(text)
        ]
        for rule, targets in (("image-missing", images), ("link-unresolved", links)):
            for target in targets:
                tried = candidates(target, doc.folder or content_dir, content_dir)
                if tried and not any(path.exists() for path in tried):
                    findings.append(_unresolved(doc, line, rule, target, tried, content_dir))
    return findings


def _unresolved(doc, line, rule, target, tried, content_dir) -> Finding:
    noun = "image" if rule == "image-missing" else "link target"
    looked = " or ".join(shown(path, content_dir) for path in tried)
    message = f"{noun} {target.strip('<>')!r} not found: no file {looked}"
    hint = (
        "check the path: from this file (../../images/x.jpg), from content/ (images/x.jpg) "
        "or {static}/images/..., {filename}/articles/..."
    )
    return Finding(doc.path, line, ERROR, rule, message, hint)


def _html_src(tag) -> str:
    attrs = {a["name"].lower(): a["value"] for a in _HTML_ATTR.finditer(tag["attrs"])}
    return attrs.get("src", "")


def _all_text(doc: LintDocument):
    """(line, text) for front-matter strings and body lines: residue hides in either."""
    for key, value in doc.string_values():
        for text in value.split("\n"):
            yield doc.line_of(key), text
    yield from doc.body_lines()


def _quote(text: str, limit: int = 60) -> str:
    text = text.strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")


# Per-file rules in the order they run; near-duplicates need every file and run after.
FILE_RULES = (
    front_matter,
    residue_lines,
    placeholder,
    attribution_missing,
    seo_lengths,
    image_alt_missing,
    links_and_images,
)
RULE_IDS = (
    "front-matter", "residue-assistant", "residue-widget", "residue-comment-footer", "placeholder",
    "attribution-missing", "near-duplicate", "seo-title-length", "seo-summary-length",
    "image-alt-missing", "link-unresolved", "image-missing", "link-no-page", "not-markdown",
)  # fmt: skip
