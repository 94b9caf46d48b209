"""Whether a piece of content is public: the one decision every plugin asks before it writes
anything for it (pages, images, cards, search entries, feed entries, counts)."""

from __future__ import annotations

# Pelican statuses that are never public. `draft` covers drafts and scheduled items (the
# front-matter reader marks those `draft` + `scheduled`); `hidden` is for withdrawn items.
UNPUBLISHED_STATUSES = frozenset({"draft", "hidden"})


def is_public(content) -> bool:
    """True when readers may see `content` in this build: not a draft, not scheduled after
    the build clock, not withdrawn."""
    metadata = getattr(content, "metadata", None) or {}
    if metadata.get("scheduled"):
        return False
    status = getattr(content, "status", None) or metadata.get("status") or "published"
    return str(status).lower() not in UNPUBLISHED_STATUSES


def has_own_files(content) -> bool:
    """Whether this build writes files for `content` (its images, its card): public content,
    and unpublished content only where the build renders it at a URL of its own (a local
    build previews drafts under /drafts/; publishconf.py sets DRAFT_SAVE_AS to ""). A
    withdrawn story's page is a notice without its picture: it has none."""
    if (getattr(content, "metadata", None) or {}).get("withdrawn"):
        return False
    return is_public(content) or bool(getattr(content, "save_as", ""))
