"""Paths as messages show them, worked out cheaply: thousands of files sit in a few folders."""

from __future__ import annotations

import functools
import os
from pathlib import Path

# The files our reader reads (Pelican's Markdown suffixes); the one list of them.
MARKDOWN_SUFFIXES = (".md", ".markdown")


def real_path(path) -> str:
    """`path` absolute, with its folder's links resolved (Path.resolve() per file was a tenth
    of the parsing time: one realpath per folder is enough)."""
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(real_folder(folder), name)


@functools.lru_cache(maxsize=1024)
def real_folder(folder) -> str:
    return os.path.realpath(folder)


def display_path(path) -> str:
    """Relative to the working folder when the file is below it, else as given."""
    try:
        return str(Path(real_path(path)).relative_to(os.getcwd()))
    except ValueError:
        return str(path)
