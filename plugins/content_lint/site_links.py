"""Links to site paths (`/2026/11/slug/`, or a full URL on SITEURL) must reach a page the build
writes. Which pages those are is known only once the site is written, so the lint notes each
file's site links (kept with its results in the lint cache: they depend on its bytes alone) and
the check runs against the written files: at `finalized` in a build (warnings), on the built
folder in `invoke publish` (refused).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from newsroom_core.links import file_part

from .document import LintDocument
from .findings import WARNING, Finding
from .rules import _HTML_IMG, _IMAGE, _LINK, _REFERENCE, _html_src

RULE = "link-no-page"


class SiteLink(NamedTuple):
    path: str  # the Markdown file, as findings show it
    line: int
    target: str  # as written


def site_links(doc: LintDocument) -> tuple[SiteLink, ...]:
    """Every body link or image whose target is a site path or an absolute URL (which the
    check keeps only when it is on the site)."""
    found = []
    for line, text in doc.body_lines():
        targets = [m["target"] for pattern in (_IMAGE, _LINK) for m in pattern.finditer(text)]
        targets += [m["target"] for m in _REFERENCE.finditer(text)]
        targets += [_html_src(tag) for tag in _HTML_IMG.finditer(text)]
        found += [
            SiteLink(doc.path, line, target.strip("<>"))
            for target in targets
            if _maybe_on_site(target.strip("<>"))
        ]
    return tuple(found)


def _maybe_on_site(target: str) -> bool:
    return target.startswith("/") or target.lower().startswith(("http://", "https://"))


def output_file(target: str, site_url: str = "") -> str | None:
    """The output file a site link names (`/x/` -> `x/index.html`), or None when it leaves
    the site. `/x` may be the file `x` or the folder `x/`: both are given as `x`."""
    own = urlsplit(site_url) if site_url else None
    if target.startswith("//") or urlsplit(target).scheme:
        parts = urlsplit(target if not target.startswith("//") else "https:" + target)
        if own is None or parts.netloc.lower() != own.netloc.lower():
            return None
        path = parts.path or "/"
    else:
        path = file_part(target)
    prefix = own.path.rstrip("/") if own else ""
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path in ("", "."):
        return "index.html"
    return f"{path}/index.html" if file_part(target).endswith("/") else path


def missing_pages(
    links: Iterable[SiteLink], exists: Callable[[str], bool], site_url: str = ""
) -> list[Finding]:
    """A warning for each link whose page `exists(output-relative path)` denies."""
    findings = []
    for link in links:
        wanted = output_file(link.target, site_url)
        if wanted is None or exists(wanted) or exists(f"{wanted}/index.html"):
            continue
        message = f"link {link.target!r} goes to no page of this build (no file {wanted})"
        hint = "link a page the site has; for a story, {filename}/articles/... finds its URL"
        findings.append(Finding(link.path, link.line, WARNING, RULE, message, hint))
    return sorted(findings)
