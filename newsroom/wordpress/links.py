"""Links in bodies to the old site's posts and pages point at their new URLs, so no imported
story sends readers to a domain that is about to go away (or through a redirect)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

_MARKDOWN_TARGET = re.compile(r"\]\((?P<url>[^)\s]+)\)")


def old_keys(link: str, wp_id: str) -> list[str]:
    """The ways the old site could address an item: its path, and `?p=ID` / `?page_id=ID`."""
    path = unquote(urlsplit(link).path) if link else ""
    keys = [f"?id={wp_id}"]
    if path.strip("/"):
        keys.append(path if path.endswith("/") else path + "/")
    return keys


def rewrite(body: str, site_url: str, new_url_of: dict) -> str:
    """`new_url_of`: old key (see `old_keys`) → new site path."""
    host = urlsplit(site_url).netloc.lower()

    def replace(match: re.Match) -> str:
        url = match["url"]
        parts = urlsplit(url)
        if parts.netloc.lower() != host:
            return match[0]
        query = parse_qs(parts.query)
        wp_id = (query.get("p") or query.get("page_id") or [""])[0]
        path = unquote(parts.path)
        key = f"?id={wp_id}" if wp_id else (path if path.endswith("/") else path + "/")
        new = new_url_of.get(key)
        if new is None:
            return match[0]
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return f"]({new}{fragment})"

    return _MARKDOWN_TARGET.sub(replace, body)
