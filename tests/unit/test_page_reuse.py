"""The digests and read tracking that decide whether a page can be taken from the last build."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from pelican.contents import Article
from pelican.urlwrappers import Author

from parallel_render import tracking
from parallel_render.fingerprint import Fingerprinter, Unkeyable


@dataclass
class Credit:
    outlet: str
    url: str


def _article(settings, source: str, title: str, body: str = "<p>Body.</p>") -> Article:
    metadata = {"title": title, "date": datetime.datetime(2026, 11, 2, 9, 0)}
    return Article(body, metadata=metadata, settings=settings, source_path=source, context={})


@pytest.fixture
def settings():
    from pelican.settings import DEFAULT_CONFIG

    return dict(DEFAULT_CONFIG, PATH="/site/content")


def test_values_digest_by_content_and_order():
    fingerprint = Fingerprinter({})
    assert fingerprint.value([1, "a"]) == Fingerprinter({}).value([1, "a"])
    assert fingerprint.value([1, "a"]) != fingerprint.value(["a", 1])
    assert fingerprint.value({"a": 1, "b": 2}) != fingerprint.value({"b": 2, "a": 1})
    assert fingerprint.value({3, 1, 2}) == fingerprint.value({2, 3, 1})
    assert fingerprint.value(Credit("Gazette", "https://g.example")) != fingerprint.value(
        Credit("Gazette", "https://g.example/2")
    )
    assert fingerprint.value("1") != fingerprint.value(1)


def test_lookup_tables_digest_the_same_in_any_order():
    first = {"generated_content": {"a.md": 1, "b.md": 2}}
    second = {"generated_content": {"b.md": 2, "a.md": 1}}
    digest = [Fingerprinter({}, [c]).value(c) for c in (first, second)]
    assert digest[0] == digest[1]


def test_an_object_known_only_by_its_address_has_no_digest():
    class Opaque:
        pass

    with pytest.raises(Unkeyable, match="Opaque"):
        Fingerprinter({}).value([Opaque()])
    looping: list = []
    looping.append(looping)
    with pytest.raises(Unkeyable, match="contains itself"):
        Fingerprinter({}).value(looping)


def test_tracked_objects_appear_by_name_and_their_attributes_by_value(settings):
    story = _article(settings, "/site/content/articles/a.md", "Ferry fares frozen")
    refs, objects = tracking.stable_references([{"articles": [story]}])
    assert objects == {("Article", "articles/a.md"): [story]}
    fingerprint = Fingerprinter(refs)
    before = fingerprint.value([story]), fingerprint.attribute(story, "title")
    story.title = "Ferry fares frozen until spring"
    after = Fingerprinter(refs)
    assert after.value([story]) == before[0]  # the list names it; what it shows is read apart
    assert after.attribute(story, "title") != before[1]
    assert after.attribute(story, "settings") == after.attribute(story, "_context") == b"site"


def test_a_whole_object_read_digests_its_attributes_and_holds_no_copy_of_them(settings):
    author = Author("Ada Lane", settings)
    fingerprint = Fingerprinter({})
    digests = {fingerprint.attribute(author, "__dict__") for _ in range(50)}
    assert digests == {Fingerprinter({}).value(Fingerprinter.state(author))}
    remembered = len(fingerprint._memo)
    fingerprint.attribute(author, "__dict__")
    assert len(fingerprint._memo) == remembered  # no copy of its attributes kept per read
    author.bio = "Covers the harbour."
    assert Fingerprinter({}).attribute(author, "__dict__") not in digests


def test_rendering_notes_what_it_reads_even_through_cached_summaries(settings):
    story = _article(settings, "/site/content/articles/a.md", "Ferry fares frozen")
    author = Author("Ada Lane", settings)
    with tracking.installed():
        story.summary  # noqa: B018 - cached before any page is recorded
        with tracking.recording() as touched:
            story.summary  # noqa: B018
            author.name  # noqa: B018
    names = {name for object_id, name in touched if object_id == id(story)}
    assert {"summary", "_content", "metadata"} <= names  # the cached value's inputs count
    assert (id(author), "_name") in touched
    assert "__getattribute__" not in vars(Article) and "__getattribute__" not in vars(Author)
    with tracking.recording() as untracked:
        story.title  # noqa: B018
    assert untracked == set()  # outside installed(), nothing is noted


def test_reads_no_page_uses_leave_the_table_and_the_rest_keep_their_meaning():
    from array import array

    from parallel_render.reuse import PageRecord, PageStore, _drop_unused_pairs

    pairs = [(("Article", f"articles/{n}.md"), "title") for n in range(3000)]
    kept = [2999, 5, 1500]

    def record(indices):
        return PageRecord(b"", b"", array("I", indices), [], b"", {})

    store = PageStore("/out", pairs=list(pairs), records={"a": record(kept), "b": record([5])})
    _drop_unused_pairs(store)
    assert len(store.pairs) == 3
    assert [store.pairs[i] for i in store.records["a"].pairs] == [pairs[i] for i in kept]
    assert [store.pairs[i] for i in store.records["b"].pairs] == [pairs[5]]
