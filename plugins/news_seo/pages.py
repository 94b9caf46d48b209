"""What kind of page a template context renders, and its URLs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PageInfo:
    # article | page | author | category | tag | archive, or a direct template's name
    kind: str
    obj: object
    url: str  # site-relative, '' for the home page
    page_number: int = 1


def page_info(ctx) -> PageInfo:
    output_file = ctx.get("output_file", "")
    url = (
        output_file.removesuffix("index.html")
        if output_file.endswith("index.html")
        else output_file
    )
    number = ctx["articles_page"].number if ctx.get("articles_page") else 1
    for kind in ("article", "page", "author", "category", "tag"):
        if ctx.get(kind) is not None and not isinstance(ctx.get(kind), (list, tuple, str)):
            return PageInfo(kind, ctx[kind], url, number)
    if ctx.get("period"):
        return PageInfo("archive", ctx["period"], url, number)
    # Direct templates are told apart by page_name ("index", "authors/index", "404", ...).
    name = (ctx.get("page_name") or "other").split("/")[0]
    return PageInfo("home" if name == "index" else name, None, url, number)
