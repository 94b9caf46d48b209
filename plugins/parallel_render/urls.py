"""Content URLs worked out once per article, not once per mention.

Pelican computes `article.url` on every access: the metadata is copied and the URL pattern
formatted again. Listings, related boxes, neighbours, feeds and heads mention each article
dozens of times, and at 1,000 articles that was a quarter of the rendering time. By the time
pages are written the metadata is final, so each article's and page's URL is worked out once
and set as Pelican's own `override_url` (what a `url:` in the metadata sets), which its `url`
property returns as it is. `save_as` is read once per page and stays Pelican's: an
`override_save_as` would also let the page overwrite another's file (`override_output`).
"""

from __future__ import annotations

from pelican.contents import Article, Page

from newsroom_core.contents import CONTENT_LISTS


def freeze_urls(context) -> None:
    for name in CONTENT_LISTS:
        for content in context.get(name) or ():
            if isinstance(content, Article | Page) and not hasattr(content, "override_url"):
                content.override_url = content.get_url_setting("url")
