"""Read files, run every rule, return the findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from newsroom_core.digests import bytes_digest
from newsroom_core.frontmatter import decode, split
from newsroom_core.paths import MARKDOWN_SUFFIXES, display_path, real_folder, real_path
from newsroom_core.schema import is_unfinished

from .cache import FileLint, LintCache
from .document import ARTICLE, AUTHOR, PAGE, LintDocument
from .duplicates import (
    Signed,
    article_shingles,
    article_signature,
    near_duplicates,
    near_duplicates_among,
)
from .findings import ERROR, Finding
from .rules import FILE_RULES
from .settings import lint_options
from .site_links import SiteLink, site_links
from .strays import stray_files


def lint_paths(paths, settings, cache: LintCache | None = None) -> list[Finding]:
    """Lint files (a folder: every .md in it). `settings["PATH"]` is the content folder.
    With `cache`, a file whose key it knows is not read into rules again (content_lint.cache)."""
    return lint_with_site_links(paths, settings, cache)[0]


def lint_with_site_links(
    paths, settings, cache: LintCache | None = None
) -> tuple[list[Finding], list[SiteLink]]:
    """The findings, and every link to a site path, for `missing_pages` once the site is
    written."""
    settings = dict(settings)
    settings["CONTENT_LINT"] = lint_options(settings)
    content_dir = Path(settings["PATH"])
    files = {}
    results = []
    for file in _markdown_files(paths):
        shown, result = _lint_file(file, content_dir, settings, cache)
        files[shown] = file
        results.append((shown, result))
    read_findings = [finding for _, result in results for finding in result.read_findings]
    rule_findings = [finding for _, result in results for finding in result.rule_findings]
    signed = [
        Signed(shown, result.body_line, result.signature)
        for shown, result in results
        if result.signature is not None
    ]

    def shingles_of(shown):  # only for the few pairs the banding proposes
        document, _ = read_document(files[shown], content_dir, settings)
        return article_shingles(document, settings)

    rule_findings += near_duplicates_among(signed, shingles_of, settings)
    rule_findings += stray_files(paths, settings)
    links = [link for _, result in results for link in result.site_links]
    held = {shown for shown, result in results if result.held}
    findings = read_findings + _kept(rule_findings, settings)
    return [replace(f, held=True) if f.path in held else f for f in findings], links


def _lint_file(file: Path, content_dir: Path, settings, cache) -> tuple[str, FileLint]:
    shown, kind = display_path(file), kind_of(file, content_dir, settings)
    if cache is None:
        return shown, _lint_data(file, shown, file.read_bytes(), kind, settings)
    digest, data = cache.files.digest(str(file))  # data is None: known unchanged, not read
    result = cache.get(cache.key(shown, kind, digest))
    if result is None:
        if data is None:  # read now, and keyed on what was read
            data = file.read_bytes()
            digest = bytes_digest(data)
        result = _lint_data(file, shown, data, kind, settings)
        cache.put(cache.key(shown, kind, digest), result)
    return shown, result


def _lint_data(file: Path, shown: str, data: bytes, kind: str, settings) -> FileLint:
    document, problems = _document(file, shown, data, kind)
    if document is None:
        return FileLint(tuple(problems), (), None)
    findings = [finding for rule in FILE_RULES for finding in rule(document, settings)]
    shingle_set = article_shingles(document, settings)
    signature = article_signature(shingle_set, settings) if shingle_set else None
    links = site_links(document)
    held = document.kind == ARTICLE and is_unfinished(document.metadata)
    return FileLint(tuple(problems), tuple(findings), signature, document.body_line, links, held)


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
    findings = [
        finding for doc in documents for rule in FILE_RULES for finding in rule(doc, settings)
    ]
    findings += near_duplicates(documents, settings)
    return _kept(findings, settings)


def _kept(findings, settings) -> list[Finding]:
    disabled = set(settings["CONTENT_LINT"]["disabled_rules"])
    return sorted(f for f in findings if f.rule not in disabled)


def read_document(
    file: Path, content_dir: Path, settings
) -> tuple[LintDocument | None, list[Finding]]:
    """Decode and split with the build's own functions; unreadable front matter is one finding."""
    kind = kind_of(file, content_dir, settings)
    return _document(file, display_path(file), file.read_bytes(), kind)


def _document(file: Path, shown: str, data: bytes, kind: str):
    text, error = decode(shown, data)
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
        kind=kind,
        folder=file.parent,
    )
    return document, [_structure_finding(e) for e in errors]


def kind_of(file: Path, content_dir: Path, settings) -> str:
    try:
        first = Path(real_path(file)).relative_to(real_folder(content_dir)).parts[0]
    except (ValueError, IndexError):
        return ARTICLE
    if first in settings.get("ARTICLE_PATHS", ["articles"]):
        return ARTICLE
    if first == settings.get("AUTHOR_PROFILES_PATH", "authors"):
        return AUTHOR
    return PAGE


def _markdown_files(paths):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in MARKDOWN_SUFFIXES)
        else:
            yield path


def _structure_finding(error) -> Finding:
    hint = "fix the YAML between the '---' lines at the top of the file"
    return Finding(
        error.path, error.line, ERROR, "front-matter", f"{error.field}: {error.message}", hint
    )
