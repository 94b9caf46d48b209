"""Find anything in generated HTML or feeds that a browser (or feed reader) would execute."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
EXECUTABLE_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "codebase",
    "longdesc",
    "manifest",
    "ping",
}
NEVER_ALLOWED = {"object", "embed", "applet", "frame", "frameset", "base", "portal"}
# Scripts the theme itself loads: same-origin files under these folders.
OWN_SCRIPT_FOLDERS = ("/theme/", "/pagefind/")


def is_executable_url(value: str) -> bool:
    squeezed = _IGNORED_IN_SCHEME.sub("", value).lower()
    return squeezed.startswith(EXECUTABLE_SCHEMES)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def html_findings(soup: BeautifulSoup, embed_hosts=()) -> list[str]:
    """Every element, attribute or URL in `soup` that could run script; [] when inert."""
    found = []
    for tag in soup.find_all(True):
        name = tag.name.lower()
        found += _element_findings(tag, name, embed_hosts)
        for attribute, value in tag.attrs.items():
            found += _attribute_findings(name, attribute.lower(), value)
    return found


def _element_findings(tag, name, embed_hosts) -> list[str]:
    if name in NEVER_ALLOWED:
        return [f"<{name}> element"]
    if name == "script":
        return _script_findings(tag)
    if name == "iframe":
        src = tag.get("src") or ""
        parts = urlsplit(src)
        if parts.scheme != "https" or (parts.hostname or "") not in embed_hosts:
            return [f"<iframe> not from an allowed host: {src[:80]!r}"]
    if name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
        return ["<meta http-equiv=refresh>"]
    if name == "style" and re.search(r"expression\s*\(|javascript:", tag.get_text(), re.I):
        return ["<style> with script"]
    if name == "link" and (tag.get("rel") or []) and "import" in tag.get("rel"):
        return ["<link rel=import>"]
    return []


def _script_findings(tag) -> list[str]:
    kind = (tag.get("type") or "").lower()
    if kind == "application/ld+json":
        try:
            json.loads(tag.string or "")
        except ValueError:
            return ["JSON-LD that does not parse (a breakout?)"]
        return []
    src = tag.get("src") or ""
    if src.startswith(OWN_SCRIPT_FOLDERS) and not (tag.string or "").strip():
        return []
    return [f"<script> not ours: {str(tag)[:80]!r}"]


def _attribute_findings(element, attribute, value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    text = " ".join(values)
    if attribute.startswith("on"):
        return [f"<{element} {attribute}=...> event handler"]
    if attribute in {"srcdoc"}:
        return [f"<{element} srcdoc> attribute"]
    if attribute == "style" and re.search(r"expression\s*\(|javascript:|url\s*\(", text, re.I):
        return [f"<{element} style> with script or url()"]
    urls = _srcset_urls(text) if attribute in {"srcset", "imagesrcset"} else [text]
    if attribute in URL_ATTRIBUTES | {"srcset", "imagesrcset"}:
        return [f"<{element} {attribute}={u[:60]!r}>" for u in urls if is_executable_url(u)]
    return []


def feed_findings(xml_text: str, embed_hosts=()) -> list[str]:
    """Feeds: URL attributes in the XML, plus the HTML a feed reader renders from content."""
    feed = BeautifulSoup(xml_text, "xml")
    found = []
    for tag in feed.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower() in URL_ATTRIBUTES and is_executable_url(str(value)):
                found.append(f"feed <{tag.name} {attribute}={str(value)[:60]!r}>")
        is_html = tag.get("type") in ("html", "xhtml") or tag.name in ("description", "encoded")
        if is_html:
            inner = BeautifulSoup(tag.get_text(), "lxml")
            found += [f"feed <{tag.name}>: {f}" for f in html_findings(inner, embed_hosts)]
    return found


def site_findings(output: Path, embed_hosts=()) -> dict[str, list[str]]:
    """{relative path: findings} for every HTML and XML file in the build output."""
    report = {}
    for path in sorted(output.rglob("*")):
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            findings = html_findings(soup, embed_hosts)
        elif path.suffix == ".xml":
            findings = feed_findings(path.read_text(encoding="utf-8"), embed_hosts)
        else:
            continue
        if findings:
            report[str(path.relative_to(output))] = findings
    return report
