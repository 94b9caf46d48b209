"""Read a WordPress eXtended RSS (WXR 1.2) export into plain dataclasses.

lxml reads it with entities and network access off (an export is untrusted input).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
NO_DATE = "0000-00-00 00:00:00"


class ExportError(Exception):
    """The file is not a WXR export we can read; the message names the file and line."""


@dataclass(frozen=True)
class WpAuthor:
    login: str
    display_name: str
    description: str = ""


@dataclass(frozen=True)
class WpTerm:
    term_id: str
    slug: str
    name: str
    description: str = ""


@dataclass
class WpItem:
    post_id: str
    post_type: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    post_date: str
    post_date_gmt: str
    modified: str
    modified_gmt: str
    post_name: str
    status: str
    parent: str
    password: str
    attachment_url: str
    line: int
    categories: list = field(default_factory=list)  # (slug, name)
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


@dataclass
class Export:
    path: Path
    site_url: str
    authors: dict  # login -> WpAuthor
    categories: dict  # slug -> WpTerm
    items: list


def read_export(path: Path) -> Export:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        raise ExportError(f"{path}:{line}: not well-formed XML: {exc.msg}") from None
    channel = tree.getroot().find("channel")
    if channel is None or channel.find("wp:wxr_version", NS) is None:
        raise ExportError(
            f"{path}:1: not a WordPress export (no <channel> with <wp:wxr_version>); export it "
            "from Tools > Export > All content"
        )
    site = _text(channel, "wp:base_blog_url") or _text(channel, "link")
    return Export(
        path=Path(path),
        site_url=site.rstrip("/"),
        authors=dict(_authors(channel)),
        categories={term.slug: term for term in _categories(channel)},
        items=[_item(node) for node in channel.findall("item")],
    )


def _text(node, tag: str) -> str:
    found = node.find(tag, NS)
    return (found.text or "").strip() if found is not None else ""


def _authors(channel):
    for node in channel.findall("wp:author", NS):
        login = _text(node, "wp:author_login")
        yield (
            login,
            WpAuthor(
                login,
                _text(node, "wp:author_display_name"),
                _text(node, "wp:author_description"),
            ),
        )


def _categories(channel):
    for node in channel.findall("wp:category", NS):
        yield WpTerm(
            _text(node, "wp:term_id"),
            _text(node, "wp:category_nicename"),
            _text(node, "wp:cat_name"),
            _text(node, "wp:category_description"),
        )


def _item(node) -> WpItem:
    raw = node.find("content:encoded", NS)
    item = WpItem(
        post_id=_text(node, "wp:post_id"),
        post_type=_text(node, "wp:post_type") or "post",
        title=_text(node, "title"),
        link=_text(node, "link"),
        creator=_text(node, "dc:creator"),
        content=(raw.text or "") if raw is not None else "",
        excerpt=_text(node, "excerpt:encoded"),
        post_date=_text(node, "wp:post_date"),
        post_date_gmt=_text(node, "wp:post_date_gmt"),
        modified=_text(node, "wp:post_modified"),
        modified_gmt=_text(node, "wp:post_modified_gmt"),
        post_name=_text(node, "wp:post_name"),
        status=_text(node, "wp:status"),
        parent=_text(node, "wp:post_parent") or "0",
        password=_text(node, "wp:post_password"),
        attachment_url=_text(node, "wp:attachment_url"),
        line=node.sourceline or 0,
    )
    for term in node.findall("category"):
        pair = (term.get("nicename", ""), (term.text or "").strip())
        if term.get("domain") == "category":
            item.categories.append(pair)
        elif term.get("domain") == "post_tag":
            item.tags.append(pair[1])
    for meta in node.findall("wp:postmeta", NS):
        item.meta[_text(meta, "wp:meta_key")] = _text(meta, "wp:meta_value")
    return item
