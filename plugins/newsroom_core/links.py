"""Where a body link or image points, by the rules editors preview with.

A body may name a file four ways: `{static}/images/x.jpg` or `{filename}/articles/a.md`
(Pelican's, from the content folder), `/images/x.jpg` (the site path), `../../images/x.svg`
(from the Markdown file, as GitHub and editors show it) and `images/x.jpg` (from the content
folder, as many editors write it). The reader turns the last two into Pelican's form, so Pelican
links them whatever their type; the images plugin and the lint find files by the same rule.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import unquote

from .paths import MARKDOWN_SUFFIXES, real_folder, real_path

PELICAN_PREFIX = re.compile(r"^(?:\{(?:filename|static|attach)\}|\|(?:filename|static|attach)\|)")
OTHER_PELICAN_LINK = re.compile(r"^(?:\{\w+\}|\|\w+\|)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def file_part(target: str) -> str:
    """The target without `<>`, fragment and query."""
    return target.strip().strip("<>").split("#", 1)[0].split("?", 1)[0]


def is_relative(target: str) -> bool:
    """A plain relative path: no scheme, no site path, no Pelican placeholder, no anchor."""
    target = file_part(target)
    return bool(target) and not (
        SCHEME.match(target) or target.startswith("/") or OTHER_PELICAN_LINK.match(target)
    )


def candidates(target: str, folder, content_root) -> list[Path]:
    """The files `target` may mean, in the order they are tried; [] when it names no file in
    the content folder (a URL, an anchor, a site path such as `/about/`, a {tag} link).

    Fallback order for a plain relative path: from the Markdown file's folder -> from the
    content folder. Pelican's `{static}/x` is from the content folder, `{static}x` from the
    file's folder, as Pelican reads them."""
    target = file_part(target)
    folder, root = Path(folder), Path(content_root)
    prefix = PELICAN_PREFIX.match(target)
    if prefix:
        rest = unquote(target[prefix.end() :])
        if not rest.strip("/"):
            return []
        return [root / rest.lstrip("/")] if rest.startswith("/") else [folder / rest]
    if not is_relative(target):
        return []
    rest = unquote(target)
    tried = [folder / rest, root / rest]
    return tried[:1] if _same(folder, root) else tried


def find(target: str, folder, content_root) -> tuple[Path | None, list[Path]]:
    """(the first candidate that is a file or None, every candidate tried); `folder` is the
    linking file's."""
    tried = candidates(target, folder, content_root)
    found = next((path for path in tried if path.is_file()), None)
    return found, tried


def shown(path: Path, content_root) -> str:
    """A tried path as messages show it: `content/images/x.jpg`."""
    root = Path(content_root)
    relative = os.path.relpath(os.path.normpath(path), root)
    return f"{root.name}/{Path(relative).as_posix()}"


# nh3's output quotes every attribute; `<` in text is escaped, so this finds only real tags.
_TAG = re.compile(r"<(?:a|img|source|video|audio)\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"(?<=\s)(?P<name>href|src)=(?P<q>[\"'])(?P<value>[^\"']*)(?P=q)", re.I)


def pelican_links(body_html: str, source_path, content_root) -> str:
    """`body_html` with each relative href and src that names an existing file under the
    content folder written the way Pelican links it: `{filename}/...` for Markdown, else
    `{static}/...`. Paths that name no file are left as written (the lint reports them)."""
    if "src=" not in body_html and "href=" not in body_html:
        return body_html

    def attribute(match):
        value = html.unescape(match["value"])
        linked = _pelican_form(value, source_path, content_root)
        if linked is None:
            return match.group(0)
        return f"{match['name']}={match['q']}{html.escape(linked)}{match['q']}"

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group(0)), body_html)


def _pelican_form(value: str, source_path, content_root) -> str | None:
    if not is_relative(value):
        return None
    found, _ = find(value, Path(source_path).parent, content_root)
    if found is None:
        return None
    root = real_folder(os.path.abspath(content_root))
    path = real_path(os.path.normpath(os.path.abspath(found)))
    if not path.startswith(root + os.sep):
        return None  # outside the content folder: Pelican could not link it
    relative = Path(os.path.relpath(path, root)).as_posix()
    fragment = value[len(value.split("#", 1)[0]) :]
    kind = "{filename}" if found.suffix.lower() in MARKDOWN_SUFFIXES else "{static}"
    return f"{kind}/{relative}{fragment if kind == '{filename}' else ''}"


def _same(first: Path, second: Path) -> bool:
    return os.path.realpath(first) == os.path.realpath(second)
