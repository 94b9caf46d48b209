"""The publish gate: checks over a built site directory, before anything is uploaded.

Each rule is a function `(site, site_url) -> list[Problem]` over a `BuiltSite` (the files,
with each HTML page parsed once). `check_site` runs them all plus the caller's extra checks
(the content linter); `require_clean_site` raises `GateFailed` with every problem found.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import lxml.etree
import lxml.html
from html5lib.constants import E as HTML5_ERROR_MESSAGES

SITEMAP = "sitemap.xml"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Attributes that name a URL the browser fetches or navigates to (srcset is handled apart).
URL_ATTRIBUTES = ("href", "src", "poster", "data")
NOT_FETCHED_SCHEMES = ("mailto", "tel", "javascript", "data", "blob", "about", "sms")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
NOT_PUBLIC_DIRECTORIES = ("drafts",)


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the site directory
    line: int  # 0 when the problem is about the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class GateFailed(Exception):
    """Raised with every problem found; nothing has been uploaded."""

    exitcode = 1

    def __init__(self, problems):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        listing = "\n".join(str(p) for p in self.problems)
        super().__init__(f"publish gate: {count} {noun}, nothing uploaded:\n{listing}")


class BuiltSite:
    """A built site directory: its files, and its HTML pages parsed on demand (once each)."""

    def __init__(self, root: Path, site_url: str = ""):
        self.root = Path(root)
        self.site_url = site_url.rstrip("/")
        self.files = {
            p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()
        }
        self._trees = {}

    @cached_property
    def html_pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith((".html", ".htm")))

    def tree(self, relpath: str):
        """The page parsed by lxml (fast, with source lines), for reading links and meta."""
        if relpath not in self._trees:
            try:
                tree = lxml.html.document_fromstring((self.root / relpath).read_bytes())
            except (lxml.etree.ParserError, ValueError):
                tree = None  # nothing but whitespace or a doctype: no links, no metadata
            self._trees[relpath] = tree
        return self._trees[relpath]

    def local_path(self, url: str, base: str) -> str | None:
        """The file path a URL on a page at `base` (a site path) points to, or None if it
        leaves the site. `/x/` means `x/index.html`; the result may not exist."""
        url = url.strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme in NOT_FETCHED_SCHEMES:
            return None
        own = urlsplit(self.site_url) if self.site_url else None
        if scheme or url.startswith("//"):
            target = urlsplit(urljoin("https:" if url.startswith("//") else "", url))
            if not own or target.netloc.lower() != own.netloc.lower():
                return None
            prefix = own.path.rstrip("/")
            if not (target.path == prefix or target.path.startswith(prefix + "/")):
                return None
            path = target.path[len(prefix) :] or "/"
        else:
            path = urlsplit(urljoin("/" + base, url)).path
        path = posixpath.normpath(unquote(path)) + ("/" if path.endswith("/") else "")
        path = path.lstrip("/")
        if path in ("", ".", "/"):
            return "index.html"
        if path.endswith("/"):
            return path + "index.html"
        if path not in self.files and f"{path}/index.html" in self.files:
            return f"{path}/index.html"  # the server redirects /x to /x/
        return path

    def page_url(self, relpath: str) -> str:
        """The URL a page is served at, as the sitemap should list it."""
        path = relpath.removesuffix("index.html")
        return f"{self.site_url}/{path}"


def _links_in_page(tree) -> Iterable[tuple[int, str]]:
    for element in tree.iter(lxml.etree.Element):
        for attribute in URL_ATTRIBUTES:
            if attribute == "data" and element.tag != "object":
                continue  # only <object data> is a URL; data="" elsewhere is not
            value = element.get(attribute)
            if value is not None:
                yield element.sourceline or 0, value
        srcset = element.get("srcset")
        if srcset:
            # "a.jpg 1x, b.jpg 2x": the URL is the first word of each candidate.
            for candidate in srcset.split(","):
                words = candidate.split()
                if words:
                    yield element.sourceline or 0, words[0]


def check_links(site: BuiltSite) -> list[Problem]:
    """Every internal href/src/srcset in HTML and url() in CSS names a file in the site."""
    problems = []
    for page in site.html_pages:
        tree = site.tree(page)
        if tree is None:
            continue
        for line, url in _links_in_page(tree):
            if not url.strip() or url.strip().startswith("#"):
                continue
            target = site.local_path(url, page)
            if target is not None and target not in site.files:
                problems.append(Problem(page, line, f"broken link {url!r}: no file {target}"))
    for stylesheet in sorted(f for f in site.files if f.endswith(".css")):
        text = (site.root / stylesheet).read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            url = match.group(2).strip()
            target = site.local_path(url, stylesheet) if not url.startswith("#") else None
            if target is not None and target not in site.files:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(Problem(stylesheet, line, f"broken url({url}): no file {target}"))
    return problems


def check_html_parses(site: BuiltSite) -> list[Problem]:
    """Every HTML page parses without an HTML5 parse error (the spec's list, via html5lib)."""
    problems = []
    for page in site.html_pages:
        parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
        parser.parse((site.root / page).read_bytes())
        for (line, column), code, variables in parser.errors:
            message = HTML5_ERROR_MESSAGES.get(code, code)
            with contextlib.suppress(TypeError, KeyError, ValueError):
                message = message % variables
            problems.append(
                Problem(page, line or 0, f"HTML parse error (column {column}): {message}")
            )
    return problems


def _robots_noindex(tree) -> bool:
    for meta in tree.iter("meta"):
        if (meta.get("name") or "").strip().lower() == "robots":
            words = re.split(r"[\s,]+", (meta.get("content") or "").lower())
            if "noindex" in words or "none" in words:
                return True
    return False


def _canonical_off_site(site: BuiltSite, tree, page: str) -> bool:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return site.local_path(link.get("href"), page) is None
    return False


def why_not_public(site: BuiltSite, page: str) -> str | None:
    """None when `page` belongs in the sitemap, else the reason it does not."""
    if not page.endswith("index.html") or posixpath.basename(page) != "index.html":
        return "not an index.html page"
    if page.split("/")[0] in NOT_PUBLIC_DIRECTORIES:
        return "a draft"
    if page.split("/")[0] == "404":
        return "the 404 page"
    tree = site.tree(page)
    if tree is None:
        return "an empty file"
    if _robots_noindex(tree):
        return "marked noindex"
    if _canonical_off_site(site, tree, page):
        return "canonical points off-site"
    return None


def _sitemap_locs(site: BuiltSite, name: str, seen: set) -> list[tuple[str, int, str]]:
    """(sitemap file, line, URL) for every <loc>, following a local sitemap index."""
    seen.add(name)
    root = lxml.etree.parse(str(site.root / name)).getroot()
    locs = [
        (name, loc.sourceline or 0, (loc.text or "").strip())
        for loc in root.iter(f"{SITEMAP_NS}loc")
    ]
    if root.tag != f"{SITEMAP_NS}sitemapindex":
        return locs
    found = []
    for _, _, url in locs:
        child = site.local_path(url, name)
        if child and child in site.files and child not in seen:
            found.extend(_sitemap_locs(site, child, seen))
    return found


def check_sitemap(site: BuiltSite) -> list[Problem]:
    """sitemap.xml lists every public page once, and nothing else."""
    if SITEMAP not in site.files:
        return [Problem(SITEMAP, 0, "missing; the sitemap must list the public pages")]
    try:
        locs = _sitemap_locs(site, SITEMAP, set())
    except lxml.etree.XMLSyntaxError as exc:
        return [Problem(SITEMAP, exc.lineno or 0, f"not well-formed XML: {exc.msg}")]
    problems, listed = [], set()
    for sitemap, line, url in locs:
        page = site.local_path(url, sitemap)
        if page is None:
            problems.append(Problem(sitemap, line, f"<loc> {url} is not on {site.site_url}"))
            continue
        if page in listed:
            problems.append(Problem(sitemap, line, f"<loc> {url} is listed twice"))
        listed.add(page)
        if page not in site.files:
            problems.append(Problem(sitemap, line, f"<loc> {url}: no page {page}"))
        elif reason := why_not_public(site, page):
            problems.append(Problem(sitemap, line, f"<loc> {url}: {page} is {reason}"))
    for page in site.html_pages:
        if page not in listed and why_not_public(site, page) is None:
            problems.append(
                Problem(
                    page,
                    0,
                    f"public page missing from {SITEMAP} "
                    f"(expected <loc>{site.page_url(page)}</loc>)",
                )
            )
    return problems


RULES = (check_html_parses, check_links, check_sitemap)
ExtraCheck = Callable[[Path], Iterable]


def _as_problem(found) -> Problem:
    if isinstance(found, Problem):
        return found
    if isinstance(found, tuple) and len(found) == 2:
        return Problem(str(found[0]), 0, str(found[1]))
    return Problem("(lint)", 0, str(found))


def check_site(site_dir, site_url: str = "", extra_checks: Iterable[ExtraCheck] = ()):
    """Every problem in the built site: the rules above, then each extra check.

    An extra check is called with the site directory and returns problems as `Problem`s,
    `(file, message)` pairs or strings.
    """
    site = BuiltSite(Path(site_dir), site_url)
    problems = [p for rule in RULES for p in rule(site)]
    for check in extra_checks:
        problems.extend(_as_problem(found) for found in check(Path(site_dir)))
    return sorted(problems)


def require_clean_site(site_dir, site_url: str = "", extra_checks=()) -> None:
    problems = check_site(site_dir, site_url, extra_checks)
    if problems:
        raise GateFailed(problems)
