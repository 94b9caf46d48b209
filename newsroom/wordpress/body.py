"""Post HTML → Markdown: block-editor comments removed, shortcodes expanded, paragraphs made
(wpautop's rule: a blank line ends one), what our sanitiser would drop turned into links or
noted, then markdownify.

Why markdownify: it works on the BeautifulSoup tree we already use to fix the HTML (bs4 is
pinned for the build), it is pure Python (pandoc would be a system binary on every editor's
machine), and its output is plain CommonMark-style Markdown that our reader renders.
"""

from __future__ import annotations

import re

import html5lib
from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from . import shortcodes
from .uploads import Uploads

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_OTHER_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BLOCK_START = re.compile(
    r"^\s*<(?:p|div|ul|ol|li|figure|table|h[1-6]|blockquote|pre|iframe|audio|video|hr|script|"
    r"style|form|section|dl|address)\b",
    re.I,
)
_REMOVED_WITH_NOTE = ("script", "style", "form", "noscript", "object", "embed")


class _Converter(MarkdownConverter):
    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""


def to_markdown(
    raw: str, post_id: str, media, uploads: Uploads, notes: list, problems: list
) -> str:
    """`notes`: what was changed or dropped; `problems`: why the text needs an editor."""
    text = _BLOCK_COMMENT.sub("", raw)
    text = _OTHER_COMMENT.sub("", text)  # <!--more-->, <!--nextpage--> and the like
    text = shortcodes.expand(text, post_id, media, notes)
    _check_markup(text, problems)  # before autop, whose <p>s would make their own errors
    text = autop(text)
    soup = BeautifulSoup(text, "html.parser")
    _replace_unsafe(soup, notes)
    _local_images(soup, uploads, notes)
    markdown = _Converter(
        heading_style="ATX", bullets="-", escape_misc=False, autolinks=False
    ).convert_soup(soup)
    markdown = markdown.replace("<", "&lt;")  # text that looked like a tag stays text
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def autop(text: str) -> str:
    """Wrap each blank-line separated run of inline text in <p>, as WordPress shows it."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    wrapped = []
    for block in blocks:
        if _BLOCK_START.match(block):
            wrapped.append(block)
        else:
            wrapped.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(wrapped)


def _check_markup(text: str, notes: list) -> None:
    parser = html5lib.HTMLParser(strict=False)
    parser.parseFragment(text)
    problems = sorted({error[1] for error in parser.errors})
    if problems:
        notes.append("broken markup (" + ", ".join(problems) + "); check the converted text")


def _replace_unsafe(soup, notes: list) -> None:
    """<iframe>, <audio> and <video> become links (the sanitiser would drop them); scripts,
    styles and forms are dropped, each with a note."""
    for element in soup.find_all(["iframe", "audio", "video"]):
        source = element.get("src") or _first_source(element)
        label = {"iframe": "Embedded content", "audio": "Listen", "video": "Watch"}[element.name]
        if source:
            link = soup.new_tag("a", href=source)
            link.string = f"{label}: {source}"
            paragraph = soup.new_tag("p")
            paragraph.append(link)
            element.replace_with(paragraph)
            notes.append(f"<{element.name}> became a link to {source}")
        else:
            element.decompose()
            notes.append(f"<{element.name}> without a source; dropped")
    for element in soup.find_all(_REMOVED_WITH_NOTE):
        notes.append(f"<{element.name}> dropped")
        element.decompose()


def _first_source(element) -> str:
    source = element.find("source")
    return source.get("src", "") if source else ""


def _local_images(soup, uploads: Uploads, notes: list) -> None:
    for image in soup.find_all("img"):
        source = image.get("src", "")
        local = uploads.local(source) if source else None
        if local:
            image["src"] = local
        elif source:
            notes.append(f"image {source} is remote (not in --uploads); linked as it is")
        if not image.get("alt", "").strip():
            notes.append(f"image {source} has no alt text; describe it")
