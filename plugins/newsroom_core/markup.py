"""Markdown to HTML for article bodies and author bios: render, sanitise, typogrify."""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import urlsplit

import nh3
from markdown import Markdown

DEFAULT_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]

# What a news body needs beyond nh3's defaults: figures, pictures, embeds, time elements.
EXTRA_TAGS = {"figure", "figcaption", "picture", "source", "iframe", "time", "mark", "aside"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "type", "media", "sizes"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
}


def _embed_filter(allowed_hosts):
    def keep(element, attribute, value):
        if element == "iframe" and attribute == "src":
            host = (urlsplit(value).hostname or "").lower()
            scheme = urlsplit(value).scheme.lower()
            return value if scheme == "https" and host in allowed_hosts else None
        return value

    return keep


# nh3 drops a disallowed iframe's src but keeps the element; an embed from nowhere is clutter.
# nh3's output is well-formed and always quotes attributes, so this match is reliable on it.
_IFRAME_WITHOUT_SRC = re.compile(r"<iframe\b(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S | re.I)


def sanitize(html: str, settings) -> str:
    """Allow-list sanitising with nh3 (ammonia); embeds only from EMBED_HOSTS over https."""
    if not settings.get("SANITIZE_HTML", True):
        return html
    hosts = frozenset(h.lower() for h in settings.get("EMBED_HOSTS", ()))
    cleaned = nh3.clean(
        html,
        tags=nh3.ALLOWED_TAGS | EXTRA_TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        attribute_filter=_embed_filter(hosts),
        strip_comments=True,
    )
    return _IFRAME_WITHOUT_SRC.sub("", cleaned)


def typogrify_html(html: str, settings) -> str:
    if not settings.get("NEWSROOM_TYPOGRIFY", True):
        return html
    from typogrify.filters import typogrify  # noqa: PLC0415 - optional at import time

    return typogrify(html, settings.get("TYPOGRIFY_IGNORE_TAGS", []))


def render_markdown(text: str, settings) -> str:
    md = _markdown(settings.get("MARKDOWN", {}))
    try:
        html = md.convert(text)
    finally:
        md.reset()  # footnotes, abbreviations: nothing carries over to the next body
    return typogrify_html(sanitize(html, settings), settings)


def _markdown(options: dict) -> Markdown:
    """One Markdown per configuration and process: making one (loading the extensions) was a
    fifth of the time it takes to render a story."""
    try:
        key = json.dumps(options, sort_keys=True)
    except (TypeError, ValueError):  # extension objects in the settings: make a fresh one
        return _new_markdown(options)
    return _shared_markdown(key)


@functools.lru_cache(maxsize=8)
def _shared_markdown(options_json: str) -> Markdown:
    return _new_markdown(json.loads(options_json))


def _new_markdown(options: dict) -> Markdown:
    extensions = [
        e for e in options.get("extensions", DEFAULT_EXTENSIONS) if not e.endswith(".meta")
    ]
    return Markdown(
        extensions=extensions,
        extension_configs=options.get("extension_configs", {}),
        output_format="html5",
    )
