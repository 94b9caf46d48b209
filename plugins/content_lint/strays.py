"""Files under the article and page folders that the build does not read: `notes.txt`,
`story.markdwn`. Pelican passes over them without a word; an editor expects a story."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from newsroom_core.paths import MARKDOWN_SUFFIXES, display_path

from .findings import WARNING, Finding

RULE = "not-markdown"


def stray_files(paths, settings) -> list[Finding]:
    """A warning for each file below a folder in `paths` that lies under ARTICLE_PATHS or
    PAGE_PATHS and is not Markdown; dotfiles, IGNORE_FILES and STATIC_PATHS are left out.
    Walked on every lint (never cached): a new stray file changes no Markdown file's key."""
    root = Path(settings["PATH"])
    found = set()
    for folder in (Path(path) for path in paths):
        if folder.is_dir():
            found.update(_files_below(folder, settings))
    return [
        _finding(file, root, settings) for file in sorted(found) if _is_stray(file, root, settings)
    ]


def _files_below(folder: Path, settings):
    ignored = settings.get("IGNORE_FILES", [])
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not _hidden(d, ignored))
        yield from (Path(directory, name) for name in names if not _hidden(name, ignored))


def _hidden(name: str, ignored) -> bool:
    return name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in ignored)


def _is_stray(file: Path, root: Path, settings) -> bool:
    if file.suffix.lower() in MARKDOWN_SUFFIXES:
        return False
    try:
        relative = file.relative_to(root).as_posix()
    except ValueError:
        return False
    read = [*settings.get("ARTICLE_PATHS", ["articles"]), *settings.get("PAGE_PATHS", ["pages"])]
    return _under(relative, read) and not _under(relative, settings.get("STATIC_PATHS", []))


def _under(relative: str, folders) -> bool:
    return any(not f.strip("/") or relative.startswith(f.strip("/") + "/") for f in folders)


def _finding(file: Path, root: Path, settings) -> Finding:
    folder = f"{root.name}/{file.relative_to(root).parts[0]}/"
    message = "not a Markdown file (.md or .markdown), so the build does not publish it"
    hint = f"rename it to {file.stem}.md if it is a story, or move it out of {folder}"
    return Finding(display_path(file), 1, WARNING, RULE, message, hint)
