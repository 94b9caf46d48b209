"""Read files, run every rule, return the findings."""

from __future__ import annotations

from pathlib import Path

from newsroom_core.frontmatter import decode, split

from .document import ARTICLE, AUTHOR, PAGE, LintDocument
from .duplicates import near_duplicates
from .findings import ERROR, Finding
from .rules import FILE_RULES
from .settings import lint_options


def lint_paths(paths, settings) -> list[Finding]:
    """Lint files (a folder: every .md in it). `settings["PATH"]` is the content folder."""
    settings = dict(settings)
    settings["CONTENT_LINT"] = lint_options(settings)
    content_dir = Path(settings["PATH"])
    documents, findings = [], []
    for file in _markdown_files(paths):
        document, problems = read_document(file, content_dir, settings)
        findings += problems
        if document is not None:
            documents.append(document)
    return findings + lint_documents(documents, settings)


def content_folders(settings) -> list[Path]:
    """The folders a build reads (articles, pages, author profiles) that exist under PATH."""
    content = Path(settings["PATH"])
    names = (
        *settings.get("ARTICLE_PATHS", ["articles"]),
        *settings.get("PAGE_PATHS", ["pages"]),
        settings.get("AUTHOR_PROFILES_PATH", "authors"),
    )
    return [content / name for name in names if (content / name).is_dir()]


def lint_documents(documents, settings) -> list[Finding]:
    """Every rule over already-read documents; `settings["CONTENT_LINT"]` must be validated."""
    disabled = set(settings["CONTENT_LINT"]["disabled_rules"])
    findings = [
        finding for doc in documents for rule in FILE_RULES for finding in rule(doc, settings)
    ]
    findings += near_duplicates(documents, settings)
    return sorted(f for f in findings if f.rule not in disabled)


def read_document(
    file: Path, content_dir: Path, settings
) -> tuple[LintDocument | None, list[Finding]]:
    """Decode and split with the build's own functions; unreadable front matter is one finding."""
    shown = display_path(file)
    text, error = decode(shown, file.read_bytes())
    if error:
        return None, [_structure_finding(error)]
    doc, errors = split(shown, text)
    if doc is None:
        return None, [_structure_finding(errors[0])]
    document = LintDocument(
        path=shown,
        text=text,
        metadata=doc.metadata,
        body=doc.body,
        body_line=doc.body_line,
        key_lines=doc.lines,
        kind=kind_of(file, content_dir, settings),
        folder=file.parent,
    )
    return document, [_structure_finding(e) for e in errors]


def kind_of(file: Path, content_dir: Path, settings) -> str:
    try:
        first = file.resolve().relative_to(content_dir.resolve()).parts[0]
    except (ValueError, IndexError):
        return ARTICLE
    if first in settings.get("ARTICLE_PATHS", ["articles"]):
        return ARTICLE
    if first == settings.get("AUTHOR_PROFILES_PATH", "authors"):
        return AUTHOR
    return PAGE


def display_path(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def _markdown_files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".md", ".markdown"))
        else:
            yield path


def _structure_finding(error) -> Finding:
    hint = "fix the YAML between the '---' lines at the top of the file"
    return Finding(
        error.path, error.line, ERROR, "front-matter", f"{error.field}: {error.message}", hint
    )
