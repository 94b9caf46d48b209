"""Digests of what a page's rendering can see, stable from one build to the next.

Articles, pages and their authors, categories and tags are "tracked": a digest names them by a
stable reference (their class and source file, or their slug), and what a page read from them is
recorded attribute by attribute while it renders (see `tracking`). Everything else is digested by
value. A value with no stable digest (an object whose repr is its address, say) raises
`Unkeyable`, and the page that depends on it is simply rendered every time.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import inspect
import io
import pickle
import types
from enum import Enum
from functools import cached_property
from pathlib import PurePath

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from newsroom_core.digests import DIGEST_SIZE, digest_of

# A content object's view of the whole site and the settings: digested once, as the context.
SITE_WIDE_ATTRIBUTES = frozenset({"_context", "settings"})
# Pelican's lookup tables for {filename} and {static} links: filled in reading order, which
# varies from build to build, and only ever looked up by key.
LOOKUP_TABLES = ("generated_content", "static_content")


class Unkeyable(Exception):
    """A value with no digest that would be the same in the next build."""


class Fingerprinter:
    """Digests values within one build. Containers are remembered by id(): nothing changes
    while the pages are rendered, and the same lists appear in thousands of page contexts."""

    def __init__(self, refs: dict[int, tuple], contexts=()):
        self.refs = refs  # id(tracked object) -> stable reference
        self.unordered = {id(c[n]) for c in contexts for n in LOOKUP_TABLES if c.get(n)}
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._active: set[int] = set()
        self._declared: dict[tuple, bytes] = {}  # (class, attribute) -> how it is declared
        # One pickler for every data() call: it keeps no memo (see _ReferencePickler).
        self._buffer = io.BytesIO()
        self._pickler = _ReferencePickler(self._buffer, refs)

    def value(self, value) -> bytes:
        kind = type(value)
        if kind is str:
            return b"s" + value.encode("utf-8", "surrogatepass")
        if value is None or kind in (bool, int, float):
            return b"v" + repr(value).encode()
        ref = self.refs.get(id(value))
        if ref is not None:
            return b"r" + repr(ref).encode()
        remembered = self._memo.get(id(value))
        if remembered is not None and remembered[0] is value:
            return remembered[1]
        if id(value) in self._active:
            raise Unkeyable(f"a {kind.__name__} that contains itself")
        self._active.add(id(value))
        try:
            result = digest_of(kind.__qualname__.encode(), *self._parts(value))
        finally:
            self._active.discard(id(value))
        self._memo[id(value)] = (value, result)  # holding the value keeps its id unique
        return result

    def _parts(self, value) -> list[bytes]:
        if isinstance(value, str | bytes | int | float | PurePath | Enum):
            return [str(value).encode("utf-8", "surrogatepass")]
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            return [repr(value).encode()]  # includes the tzinfo
        if isinstance(value, dict):
            items = [self.value(k) + self.value(v) for k, v in value.items()]
            return sorted(items) if id(value) in self.unordered else items
        if isinstance(value, list | tuple):
            return [self.value(item) for item in value]
        if isinstance(value, set | frozenset):
            return sorted(self.value(item) for item in value)
        if isinstance(value, types.FunctionType | types.BuiltinFunctionType | type):
            return [f"{value.__module__}.{value.__qualname__}".encode()]
        if isinstance(value, types.ModuleType):
            return [value.__name__.encode()]
        if dataclasses.is_dataclass(value):
            return [self.value(getattr(value, f.name)) for f in dataclasses.fields(value)]
        if isinstance(value, Content | URLWrapper):  # untracked: a static file, say
            return [self._state_digest(value)]
        raise Unkeyable(f"no stable digest for a {type(value).__qualname__}")

    def data(self, value) -> bytes:
        """`value()` for one attribute's value, by pickling (in C, several times faster), with
        tracked objects pickled as their reference. Equal pickles mean equal data; equal data
        may pickle differently (a set's order), which only costs a page rendered again."""
        kind = type(value)
        if kind is str or value is None or kind in (bool, int, float):
            return self.value(value)  # most attributes: no pickler needed
        if isinstance(value, str):  # Markup, say: its type is part of what it means
            return b"S" + kind.__qualname__.encode() + b"\0" + value.encode(errors="surrogatepass")
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        try:
            self._pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return self.value(value)
        return b"p" + hashlib.blake2b(buffer.getbuffer(), digest_size=DIGEST_SIZE).digest()

    @staticmethod
    def state(obj) -> dict:
        return {k: v for k, v in vars(obj).items() if k not in SITE_WIDE_ATTRIBUTES}

    def _state_digest(self, obj) -> bytes:
        """`value(state(obj))`, without remembering the state: it is a new dict every time,
        so it could never be found again, and the memo would hold every one of them (some
        70,000 copies of an article's attributes, 120 MiB, at 10,000 articles)."""
        return digest_of(b"dict", *self._parts(self.state(obj)))

    def attribute(self, obj, name: str) -> bytes:
        """The digest of what reading `obj.name` gave, without calling properties: their code
        reads the object's data through the same tracking, so that data is recorded itself."""
        if name in SITE_WIDE_ATTRIBUTES:
            return b"site"
        if name == "__dict__":
            return self._state_digest(obj)
        state = vars(obj)
        if name in state:
            return self.data(state[name])
        declared = self._declared.get((type(obj), name))
        if declared is None:
            found = inspect.getattr_static(type(obj), name, _MISSING)
            declared = self._declared[(type(obj), name)] = (
                b"missing"
                if found is _MISSING
                else b"cached"  # computed once from the metadata
                if isinstance(found, cached_property)
                else b"class"
            )
        return self.value(getattr(obj, name)) if declared == b"cached" else declared


_MISSING = object()


class _ReferencePickler(pickle.Pickler):
    def __init__(self, file, refs: dict[int, tuple]):
        super().__init__(file, protocol=5)
        self.refs = refs
        # No memo: an object met twice is written twice, so the bytes follow the values and
        # not which of them happen to be one shared object (a cold build shares more).
        self.fast = True

    def persistent_id(self, obj):
        return self.refs.get(id(obj))
