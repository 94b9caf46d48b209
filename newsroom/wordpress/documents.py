"""Front matter in the contract's key order, then the Markdown body."""

from __future__ import annotations

import yaml

ARTICLE_ORDER = (
    "title", "date", "modified", "authors", "category", "tags", "summary", "image", "image_alt",
    "image_caption", "image_credit", "status", "needs", "scheduled", "slug", "redirect_from",
)  # fmt: skip
PAGE_ORDER = ("title", "modified", "summary", "status", "needs", "slug", "redirect_from")


def render(front: dict, body: str, *, kind: str = "article") -> str:
    order = ARTICLE_ORDER if kind == "article" else PAGE_ORDER
    ordered = {key: front[key] for key in order if key in front}
    ordered |= {key: value for key, value in front.items() if key not in ordered}  # none lost
    dumped = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{dumped}---\n{body}"
