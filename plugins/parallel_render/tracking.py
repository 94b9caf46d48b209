"""Which attributes of which articles, pages, authors, categories and tags a page read.

While the writer renders, `Content` and `URLWrapper` get a `__getattribute__` that notes
(id(object), attribute) in the current page's set. Templates, Jinja filters and plugin code
(news_seo's heads) all read objects through it, and a property's own reads of the object's data
are noted too, so a page depends on exactly the data it saw. Outside `recording()` nothing is
noted; outside the writer's flush the classes are as Pelican made them.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import partial

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.utils import memoized

from newsroom_core.contents import CONTENT_LISTS

TRACKED_CLASSES = (Content, URLWrapper)
WRAPPER_LISTS = ("authors", "categories", "tags")
WRAPPER_ATTRIBUTES = ("author", "authors", "category", "tags")

_touched: set | None = None


def _noting_getattribute(self, name):
    # Dunders say nothing about the data, except __dict__ (vars()), which says all of it.
    if _touched is not None and (name[:2] != "__" or name == "__dict__"):
        _touched.add((id(self), name))
    return object.__getattribute__(self, name)


class RecordingMemo:
    """Pelican's `memoized` (get_content, get_summary), remembering what each computation read:
    a page served a cached summary still depends on the metadata that made it."""

    def __init__(self, func):
        self.func = func
        self.cache: dict = {}

    def __get__(self, obj, kind=None):
        return partial(self, obj)

    def __call__(self, *args):
        global _touched
        hit = self.cache.get(args)
        if hit is None:
            outer, _touched = _touched, set()
            try:
                value = self.func(*args)
            finally:
                reads, _touched = _touched, outer
            hit = self.cache[args] = (value, frozenset(reads))
        if _touched is not None:
            _touched |= hit[1]
        return hit[0]


@contextmanager
def installed():
    """Note reads while the block runs; Pelican's memoized methods are swapped for recording
    ones (starting empty) and put back after."""
    swapped = [
        (kind, name, value)
        for kind in _with_subclasses(TRACKED_CLASSES)
        for name, value in list(vars(kind).items())
        if isinstance(value, memoized)
    ]
    for kind, name, value in swapped:
        setattr(kind, name, RecordingMemo(value.func))
    for kind in TRACKED_CLASSES:
        kind.__getattribute__ = _noting_getattribute
    try:
        yield
    finally:
        for kind in TRACKED_CLASSES:
            del kind.__getattribute__
        for kind, name, value in swapped:
            setattr(kind, name, value)


def _with_subclasses(kinds) -> list[type]:
    found, queue = [], list(kinds)
    while queue:
        kind = queue.pop()
        if kind not in found:
            found.append(kind)
            queue += kind.__subclasses__()
    return found


@contextmanager
def recording():
    """Note what is read inside the block; yields the set of (id, attribute) it fills."""
    global _touched
    _touched = touched = set()
    try:
        yield touched
    finally:
        _touched = None


def stable_references(contexts) -> tuple[dict[int, tuple], dict[tuple, list]]:
    """Every tracked object the pages can reach, by id, with a name that the same object will
    have in the next build; and the objects under each name (Pelican makes one Author per
    article that names it, all equal)."""
    refs: dict[int, tuple] = {}
    objects: dict[tuple, list] = {}

    def add(obj, ref):
        if id(obj) not in refs:
            refs[id(obj)] = ref
            objects.setdefault(ref, []).append(obj)

    def add_wrapper(obj):
        if isinstance(obj, URLWrapper):
            add(obj, (type(obj).__name__, obj.slug))

    seen: set[int] = set()

    def fresh(values) -> list:  # each list once: thousands of page contexts share them
        if not values or id(values) in seen:
            return []
        seen.add(id(values))
        return list(values.values() if isinstance(values, dict) else values)

    for context in contexts:
        contents = [c for name in CONTENT_LISTS for c in fresh(context.get(name))]
        contents += fresh(context.get("generated_content")) + fresh(context.get("static_content"))
        for content in contents:
            if isinstance(content, Content):
                add(content, (type(content).__name__, content.relative_source_path))
                state = vars(content)
                for name in WRAPPER_ATTRIBUTES:
                    value = state.get(name)
                    for wrapper in value if isinstance(value, list | tuple) else [value]:
                        add_wrapper(wrapper)
        for name in WRAPPER_LISTS:
            for entry in fresh(context.get(name)):
                add_wrapper(entry[0] if isinstance(entry, tuple) else entry)
    return refs, objects
