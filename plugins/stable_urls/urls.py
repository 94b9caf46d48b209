"""Where each content item lives, given the ledger of URLs that went live (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from feedgenerator import get_tag_uri

from newsroom_core.ledger import Entry, Ledger


@dataclass
class Placement:
    url: str  # the item's URL from now on
    entry_id: str  # its permanent id
    moved_from: list[str] = field(default_factory=list)  # its older URLs: redirects
    conflict: Entry | None = None  # a live URL of another file that this item would take


def place(
    source: str, url: str, slug_from_title: bool, ledger: Ledger, new_id, exists
) -> Placement:
    """Decide an item's URL. Order: its own ledger URLs (a retitle keeps the newest of them;
    an explicit `slug:` gets its new URL and the old ones redirect) → a ledger URL whose file
    is gone (the file was moved or renamed: it takes over that URL and id) → a new URL."""
    entries = ledger.for_source(source)
    if not entries:
        claimed = ledger.for_url(url)
        if claimed is not None and exists(claimed.source):
            return Placement(url, new_id(url), conflict=claimed)
        entries = [claimed] if claimed is not None else []
    if not entries:
        return Placement(url, new_id(url))
    urls = [entry.url for entry in entries]
    if url not in urls and slug_from_title:
        url = urls[-1]
    return Placement(url, entries[0].id, [old for old in urls if old != url])


def tag_uri(site_base: str, url: str, date) -> str:
    """A new item's id: the tag URI Pelican gives a feed entry, from its first URL."""
    return get_tag_uri(f"{site_base.rstrip('/')}/{url}", date)
