"""WordPress shortcodes → HTML our Markdown converter understands, or dropped with a note.

The pattern is WordPress's own `get_shortcode_regex()` (any name): `[[name]]` is an escaped,
literal `[name]`; `[name attrs]content[/name]` and `[name attrs /]` are shortcodes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_SHORTCODE = re.compile(
    r"\[(?P<open>\[?)(?P<name>[a-z][\w-]*)(?![\w(-])(?P<attrs>[^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(?P<self>/)\]|\](?:(?P<content>[^\[]*(?:\[(?!/(?P=name)\])[^\[]*)*)\[/(?P=name)\])?)"
    r"(?P<close>\]?)",
    re.I,
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))|"([^"]*)"|(\S+)""")
_IMG = re.compile(r"<a\b[^>]*>\s*<img\b[^>]*>\s*</a>|<img\b[^>]*>", re.I)
AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "wav", "flac")
VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "flv")


@dataclass
class Media:
    """What a shortcode needs to know about the export's attachments."""

    by_id: dict = field(default_factory=dict)  # attachment id -> (url, alt)
    children: dict = field(default_factory=dict)  # post id -> [attachment ids]


def parse_attrs(text: str) -> dict:
    attrs = {}
    for index, match in enumerate(_ATTR.finditer(text or "")):
        if match[1]:
            attrs[match[1].lower()] = next(v for v in match.groups()[1:4] if v is not None)
        else:
            attrs[str(index)] = match[5] if match[5] is not None else match[6]
    return attrs


def expand(text: str, post_id: str, media: Media, notes: list) -> str:
    """Every shortcode replaced; `notes` gets one line per shortcode dropped or changed."""

    def replace(match: re.Match) -> str:
        if match["open"] and match["close"]:
            return html.escape(match[0][1:-1])  # [[name]] is the literal text [name]
        name, attrs = match["name"].lower(), parse_attrs(match["attrs"])
        inner = match["content"] or ""
        handler = HANDLERS.get(name)
        if handler is None:
            notes.append(f"shortcode [{name}] has no equivalent here; dropped (its text kept)")
            return expand(inner, post_id, media, notes)
        return handler(attrs, expand(inner, post_id, media, notes), post_id, media, notes)

    return _SHORTCODE.sub(replace, text)


def _caption(attrs, inner, _post_id, _media, _notes):
    found = _IMG.search(inner)
    image = found[0] if found else ""
    words = (_IMG.sub("", inner).strip() or attrs.get("caption", "")).strip()
    caption = f"<figcaption>{words}</figcaption>" if words else ""
    return f"\n\n<figure>{image}{caption}</figure>\n\n"


def _gallery(attrs, _inner, post_id, media, notes):
    ids = [i.strip() for i in attrs.get("ids", "").split(",") if i.strip()]
    ids = ids or media.children.get(post_id, [])
    figures = []
    for attachment in ids:
        if attachment not in media.by_id:
            notes.append(f"[gallery]: attachment {attachment} is not in the export; left out")
            continue
        url, alt = media.by_id[attachment]
        figures.append(f'<p><img src="{html.escape(url)}" alt="{html.escape(alt)}"></p>')
    if not figures:
        notes.append("[gallery] had no images in the export; dropped")
    return "\n\n" + "\n\n".join(figures) + "\n\n"


def _link(label: str, keys):
    def handler(attrs, inner, _post_id, _media, notes):
        url = next((attrs[k] for k in keys if attrs.get(k)), "") or inner.strip()
        if not url:
            notes.append(f"[{label.lower()}] without a URL; dropped")
            return ""
        notes.append(f"[{label.lower()}] became a link to {url}")
        safe = html.escape(url)
        return f'\n\n<p><a href="{safe}">{label}: {safe}</a></p>\n\n'

    return handler


HANDLERS = {
    "caption": _caption,
    "wp_caption": _caption,
    "gallery": _gallery,
    "embed": _link("Embedded media", ("url", "src")),
    "audio": _link("Listen", AUDIO_KEYS),
    "video": _link("Watch", VIDEO_KEYS),
}
