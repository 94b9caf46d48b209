"""What each page shows, declared, and the digest that decides whether it is rendered again.

A page call is one `write_file` from a Pelican generator: an output name, a template and the
values it is given (article=, articles=, tag=...). The names a page reads are declared by its
template's text: every variable that the template and the templates it extends, includes and
imports name (Jinja's own `meta` analysis, once per template), plus what a context-reading
Jinja global declares it reads (`PAGE_CONTEXT_READS`, e.g. news_seo's head). Each name read is
digested by the view its value has on the page:
- the page's own story (`article`, `page`): all its fields, the other stories it shows
  (related, neighbours) as cards, and the URLs of the files its body links to;
- any other story, wherever it appears (a list, a front, a box): its card, every field but
  the body (a story's card shows its summary, never its body) and those plugins declare only
  its own page shows (`OWN_PAGE_FIELDS`: reader_aids' reading time);
- sections, tags and authors: their own fields (an author's profile, photo and story count);
- the section list and the pages list (the header and footer of every page): names and URLs.
A field a plugin declares as made only from others of the same story (`DERIVED_FIELDS`:
images' og_image from the lead image or the social card) is left out of any view that holds
its sources. Settings, theme, plugin code and the content folder's other files are the site's
digest.
A feed is digested from its call, its entries in full and what its feed_generated receivers
declare they read (`FEED_CONTEXT_READS`: news_seo's sections, authors and tags by name).
Nothing is recorded while rendering, so deciding costs one digest per page call.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import sys
from pathlib import Path

from jinja2 import meta, pass_context
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from newsroom_core.contents import (
    CONTEXT_READS_SETTING,
    DERIVED_FIELDS_SETTING,
    FEED_CONTEXT_READS_SETTING,
    OWN_PAGE_FIELDS_SETTING,
    receiver_name,
)
from newsroom_core.digests import DIGEST_SIZE, digest_of, library_versions
from newsroom_core.ledger import LEDGER_NAME
from newsroom_core.paths import MARKDOWN_SUFFIXES
from newsroom_core.settings import SettingsError

ENGINE_VERSION = 5
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "typogrify", "beautifulsoup4")
# A content object's view of the whole site and the settings: in the site's digest.
SITE_WIDE_FIELDS = frozenset({"_context", "settings"})
BODY_FIELD = "_content"
OWN_ITEM_NAMES = ("article", "page")
PAGINATED_SUFFIXES = ("_paginator", "_page", "_previous_page", "_next_page")
BODY_LINK = re.compile(r"\{(filename|static|attach)\}(/?)([^\"'#?\s<>]+)")
_PLAIN_TYPES = (str, int, float, bool, type(None), bytes)
# Pickled as they are, without asking for a view: plain values and the exact built-in
# containers (never a story, a wrapper or a set). The pickler asks about every object it
# meets, some 11 million at 10,000 articles: a type lookup answers most of them.
_AS_THEY_ARE = frozenset((*_PLAIN_TYPES, tuple, list, dict))


class Unkeyable(Exception):
    """A value with no digest that would be the same in the next build."""


def _sections_counted(value) -> list:
    return [(category.name, category.slug, category.url, len(items)) for category, items in value]


def _listed_names(value) -> list:
    """Sections, authors or tags by name, slug and URL, without the stories under each."""
    return [(wrapper.name, wrapper.slug, wrapper.url) for wrapper, _ in value or ()]


def _is_listing(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], URLWrapper)
        for pair in value
    )


def _page_links(value) -> list:
    return [(page.slug, page.title, page.url) for page in value or ()]


# Names whose value every page carries but only part of which a template shows.
NARROW_VIEWS = {"categories": _listed_names, "pages": _page_links}
TEMPLATE_VIEWS = {("categories", "categories"): _sections_counted}


class PagePlanner:
    """Digests of page calls within one build. Each story's card and full view, and each
    wrapper's view, is computed once and remembered by id (with the object, so that no id
    can be reused by another while the planner lives)."""

    def __init__(self, settings, site_digest: bytes, known_reads: dict | None = None):
        """`known_reads`: what `reads_of` found for each template in an earlier build under
        the same site digest (which covers the theme, the settings and the code)."""
        self.settings = settings
        self.site = site_digest
        self.context_reads = {
            name: frozenset(reads)
            for name, reads in settings.get(CONTEXT_READS_SETTING, {}).items()
        }
        self.own_page_fields = sorted(set(settings.get(OWN_PAGE_FIELDS_SETTING, ())))
        self.derived = _derived_fields(settings)
        self.feed_reads = {
            name: frozenset(reads)
            for name, reads in settings.get(FEED_CONTEXT_READS_SETTING, {}).items()
        }
        _require_declared_context_reads(settings, self.context_reads)
        self._reads: dict[str, frozenset] = dict(known_reads or {})
        self._memo: dict[tuple, tuple[object, bytes]] = {}

    # --- a page call ------------------------------------------------------------------------

    def digest(self, name: str, template, context: dict, args: tuple, kwargs: dict) -> bytes:
        parts = [self.site, name.encode(), template.name.encode(), self.value(args)]
        for key, value in sorted(kwargs.items()):
            if isinstance(value, _PLAIN_TYPES):
                parts.append(f"{key}={value!r}".encode())
        for read in sorted(self.reads_of(template)):
            value, found = self._lookup(read, context, kwargs)
            if not found:
                continue
            parts.append(read.encode())
            parts.append(self._view(template, read, value))
        return digest_of(*parts)

    def _lookup(self, read: str, context: dict, kwargs: dict):
        if read in kwargs:
            return kwargs[read], True
        paginated = kwargs.get("paginated") or {
            key: kwargs[key] for key in ("articles", "dates") if key in kwargs
        }
        for suffix in PAGINATED_SUFFIXES:
            if read.endswith(suffix) and read.removesuffix(suffix) in paginated:
                return paginated[read.removesuffix(suffix)], True
        if read in context and not (read in self.settings and context[read] is self.settings[read]):
            return context[read], True
        return None, False

    def _view(self, template, read: str, value) -> bytes:
        narrow = TEMPLATE_VIEWS.get((_base_name(template.name), read)) or NARROW_VIEWS.get(read)
        if narrow is not None:
            # Every page is given the same section and page lists: viewed once per build.
            return self._view_of_list(narrow, value)
        if read in OWN_ITEM_NAMES and isinstance(value, Content):
            return self.full(value)
        return self.value(value)

    @property
    def template_reads(self) -> dict[str, frozenset]:
        return dict(self._reads)

    def reads_of(self, template) -> frozenset:
        """The names `template` and everything it extends, includes and imports read (parsing
        and analysing every template was most of a live-preview save's digest time)."""
        if template.name not in self._reads:
            environment, names, seen, queue = template.environment, set(), set(), [template.name]
            while queue:
                current = queue.pop()
                if current in seen:
                    continue
                seen.add(current)
                source = environment.loader.get_source(environment, current)[0]
                tree = environment.parse(source)
                names |= meta.find_undeclared_variables(tree)
                for referenced in meta.find_referenced_templates(tree):
                    if referenced is None:
                        raise Unkeyable(f"{current} includes a template chosen at render time")
                    queue.append(referenced)
            for global_name, reads in self.context_reads.items():
                if global_name in names:
                    names |= reads
            self._reads[template.name] = frozenset(names)
        return self._reads[template.name]

    # --- a feed -----------------------------------------------------------------------------

    def feed_digest(self, entries: list, context: dict, call: tuple, receivers) -> bytes:
        """A feed's digest: its call (path, URL, type, title), its entries as their own pages
        show them, and the context names its feed_generated receivers declare they read."""
        reads: set[str] = set()
        for receiver in receivers:
            declared = self.feed_reads.get(receiver_name(receiver))
            if declared is None:
                raise Unkeyable(
                    f"the feed_generated receiver {receiver_name(receiver)} declares no "
                    f"reads ({FEED_CONTEXT_READS_SETTING})"
                )
            reads |= declared
        parts = [self.site, b"feed", *(repr(value).encode() for value in call)]
        parts += [self.full(e) if isinstance(e, Content) else self.value(e) for e in entries]
        for read in sorted(reads):
            value = context.get(read)
            if _is_listing(value):  # sections, authors, tags: not the stories under each
                view = self._view_of_list(_listed_names, value)
            else:
                view = self.value(value)
            parts += [read.encode(), view]
        return digest_of(*parts)

    def _view_of_list(self, narrow, value) -> bytes:
        """`value` as `narrow` shows it, once per build for each list object."""
        return self._remembered(narrow, value, lambda shown: self.value(narrow(shown)))

    # --- views ------------------------------------------------------------------------------

    def value(self, value) -> bytes:
        """Any value: stories in it as cards, sections, tags and authors as their fields."""
        return self._pickled(value, self._as_card)

    def card(self, content: Content) -> bytes:
        return self._remembered("card", content, self._card)[0]

    def full(self, content: Content) -> bytes:
        return self._remembered("full", content, self._full)

    def wrapper(self, wrapper: URLWrapper) -> bytes:
        return self._remembered("wrapper", wrapper, self._wrapper)

    def _remembered(self, view: str, obj, compute):
        key = (view, id(obj))
        found = self._memo.get(key)
        if found is None or found[0] is not obj:
            found = self._memo[key] = (obj, compute(obj))
        return found[1]

    def _card(self, content: Content) -> tuple[bytes, list]:
        """The card's digest, and the other stories its fields hold (seen in it by reference:
        where a story's card mentions another, a change to the other is not on the card)."""
        state = _state(content)
        for name in self._off_card(content):
            state.pop(name, None)
        state = self._sources_only(state)
        referenced: list[Content] = []

        def as_reference(obj):
            if isinstance(obj, Content):
                referenced.append(obj)
            return self._as_reference(obj)

        return self._pickled((type(content).__name__, state), as_reference), referenced

    def _off_card(self, content: Content) -> list[str]:
        """The fields a story's own page shows and its card does not."""
        off = [name for name in self.own_page_fields if name in vars(content)]
        if "summary" in content.metadata:  # else the summary is cut from the body
            off.append(BODY_FIELD)
        return off

    def _full(self, content: Content) -> bytes:
        """The story as its own page shows it: its card, what only its page shows, the other
        stories its card refers to (related, neighbours) as their cards, and where its body's
        links go. Made from the card rather than from all the fields again: the fields are
        pickled once per story, not twice."""
        card, referenced = self._remembered("card", content, self._card)
        state = _state(content)
        own = {name: state[name] for name in self._off_card(content) if name in state}
        return digest_of(
            card,
            self._pickled(own, self._as_card),
            *(self.card(other) for other in referenced),
            self.value(self._linked_urls(content)),
        )

    def _sources_only(self, state: dict) -> dict:
        """`state` without the derived fields whose sources are all in it."""
        for name, sources in self.derived.items():
            if name in state and sources <= state.keys():
                del state[name]
        return state

    def _wrapper(self, wrapper: URLWrapper) -> bytes:
        state = (type(wrapper).__name__, _state(wrapper))
        return self._pickled(state, self._as_reference)

    def _linked_urls(self, content: Content) -> list:
        """Where the body's `{filename}`, `{static}` and `{attach}` links go now."""
        body = getattr(content, BODY_FIELD, None) or ""
        if "}" not in body:
            return []
        folder = os.path.dirname(content.relative_source_path or "")
        found = []
        for kind, root, path in sorted(set(BODY_LINK.findall(body))):
            key = path if root else os.path.normpath(os.path.join(folder, path))
            table = content._context.get(
                "generated_content" if kind == "filename" else "static_content", {}
            )
            target = table.get(key)
            found.append((kind, key, getattr(target, "url", None)))
        return found

    def _as_card(self, obj):
        if isinstance(obj, Content):
            return ("card", self.card(obj))
        if isinstance(obj, URLWrapper):
            return ("wrapper", self.wrapper(obj))
        return _unordered(obj, self.value)

    def _as_reference(self, obj):
        if isinstance(obj, Content):
            return ("ref", type(obj).__name__, obj.relative_source_path)
        if isinstance(obj, URLWrapper):
            return ("wrapper", self.wrapper(obj))
        return _unordered(obj, self.value)

    def _pickled(self, value, persistent) -> bytes:
        buffer = io.BytesIO()
        pickler = _ViewPickler(buffer, persistent)
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
            raise Unkeyable(f"no stable digest: {error}") from error
        return hashlib.blake2b(buffer.getbuffer(), digest_size=DIGEST_SIZE).digest()


# The mark jinja2's public `pass_context` puts on a function that is given the page's context.
_CONTEXT_PASSED = pass_context(lambda context: None).jinja_pass_arg
JINJA_CALLABLE_SETTINGS = ("JINJA_GLOBALS", "JINJA_FILTERS", "JINJA_TESTS")


def _derived_fields(settings) -> dict[str, frozenset]:
    declared = settings.get(DERIVED_FIELDS_SETTING, {})
    if not isinstance(declared, dict) or not all(
        isinstance(name, str) and _names(sources) for name, sources in declared.items()
    ):
        raise SettingsError(
            f"parallel_render: {DERIVED_FIELDS_SETTING}: expected {{field: [the fields it is "
            f"made from]}}, got {declared!r}"
        )
    return {name: frozenset(sources) for name, sources in declared.items()}


def _names(sources) -> bool:
    return (
        isinstance(sources, list | tuple)
        and bool(sources)
        and all(isinstance(source, str) for source in sources)
    )


def _require_declared_context_reads(settings, declared) -> None:
    """A Jinja global, filter or test given the whole context can read any name of it, which no
    template's text shows: it must say which it reads (PAGE_CONTEXT_READS), or a page showing
    what it reads would be reused after that changed."""
    for key in JINJA_CALLABLE_SETTINGS:
        for name, function in (settings.get(key) or {}).items():
            if (
                getattr(function, "jinja_pass_arg", None) is _CONTEXT_PASSED
                and name not in declared
            ):
                raise SettingsError(
                    f"parallel_render: {key}[{name!r}] reads the page's context "
                    f"(@pass_context) but declares no reads: set "
                    f"{CONTEXT_READS_SETTING}[{name!r}] to the context names it reads "
                    "(unchanged pages are reused by what they read), or PAGE_ENGINE = False"
                )


class _ViewPickler(pickle.Pickler):
    """Pickles a value with its stories, sections, tags and authors replaced by their view."""

    def __init__(self, file, persistent):
        super().__init__(file, protocol=5)
        # No memo: an object met twice is written twice, so the bytes follow the values and
        # not which of them happen to be one shared object.
        self.fast = True
        self._persistent = persistent

    def persistent_id(self, obj):
        if type(obj) in _AS_THEY_ARE:
            return None
        return self._persistent(obj)


def _unordered(obj, digest):
    """Sets iterate in an order that changes from one process to the next: sorted here."""
    if isinstance(obj, set | frozenset):
        return ("set", sorted(digest(item) for item in obj))
    return None


def _state(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k not in SITE_WIDE_FIELDS}


def _base_name(template_name: str) -> str:
    return Path(template_name).stem


# --- the site's digest ------------------------------------------------------------------------


def site_digest(settings) -> bytes:
    """What every page depends on besides its own call: code, theme, files, settings."""
    parts = [str(ENGINE_VERSION).encode(), sys.version.encode()]
    parts += [part.encode() for part in library_versions(LIBRARIES)]
    for folder in settings.get("PLUGIN_PATHS") or []:
        parts += _tree_bytes(Path(folder), lambda p: p.suffix == ".py")
    parts += _tree_bytes(Path(settings["THEME"]), lambda p: True)
    parts += _tree_stats(Path(settings["PATH"]), _site_wide_file)
    parts.append(json.dumps(settings, sort_keys=True, default=_named).encode())
    return digest_of(*parts)


def _site_wide_file(path: Path) -> bool:
    """A file under the content folder that any page may show. Not the Markdown sources (each
    is in the views of the stories read from it) and not the URL ledger: what it says reaches
    pages only as the stories' fields it sets (URL, moved_from, entry_id), which are in their
    views, and a publish rewrites it whenever a new address goes live."""
    return path.suffix not in MARKDOWN_SUFFIXES and path.name != LEDGER_NAME


def _named(value) -> str:
    """A setting JSON cannot say: a function or class by its name, a set sorted, else its
    repr when that is stable (not an address)."""
    if isinstance(value, set | frozenset):
        return repr(sorted(map(repr, value)))
    name = getattr(value, "__qualname__", None)
    if name is not None:
        return f"{getattr(value, '__module__', '')}.{name}"
    shown = repr(value)
    return type(value).__qualname__ if " at 0x" in shown else shown


def _files(root: Path, wanted) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        found += [Path(folder) / n for n in sorted(names) if wanted(Path(n))]
    return found


def _tree_bytes(root: Path, wanted) -> list[bytes]:
    return [
        part
        for path in _files(root, wanted)
        for part in (path.relative_to(root).as_posix().encode(), path.read_bytes())
    ]


def _tree_stats(root: Path, wanted) -> list[bytes]:
    parts = []
    for path in _files(root, wanted):
        found = path.stat()
        parts.append(f"{path.relative_to(root).as_posix()}:{found.st_size}:{found.st_mtime_ns}")
    return [p.encode() for p in parts]
