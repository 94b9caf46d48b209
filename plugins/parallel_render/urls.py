"""Content URLs worked out once per article, not once per mention.

Pelican computes `article.url` and `save_as` on every access: the metadata is copied and the
URL pattern formatted again. Listings, related boxes, neighbours, feeds and heads mention each
article dozens of times, and at 1,000 articles that was a quarter of the rendering time. By the
time pages are written the metadata is final, so each article and page moves to a subclass of
its own class whose `url` and `save_as` are computed at first use and then kept.
"""

from __future__ import annotations

from functools import cached_property

from pelican.contents import Article, Page

from newsroom_core.contents import CONTENT_LISTS

_FROZEN: dict[type, type] = {}


def freeze_urls(context) -> None:
    for name in CONTENT_LISTS:
        for content in context.get(name) or ():
            kind = type(content)
            if kind in _FROZEN.values() or not issubclass(kind, (Article, Page)):
                continue
            content.__class__ = _frozen(kind)


def _frozen(kind: type) -> type:
    if kind not in _FROZEN:
        namespace = {
            "__module__": kind.__module__,
            "__qualname__": kind.__qualname__,
            "__doc__": kind.__doc__,
            "url": cached_property(lambda self: self.get_url_setting("url")),
            "save_as": cached_property(lambda self: self.get_url_setting("save_as")),
        }
        # The same name: Pelican picks URL settings by class name (PAGE_URL, ARTICLE_URL).
        _FROZEN[kind] = type(kind.__name__, (kind,), namespace)
    return _FROZEN[kind]
