"""Parallel rendering: results come back in order with few waiting, and pages share what they
can of the context they were written with."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pelican.settings import DEFAULT_CONFIG

from newsroom_core.output import FINAL_OUTPUT_KEY, run_after_swap_in
from newsroom_core.parallel import ordered_map
from parallel_render.store import KeptPages
from parallel_render.writer import ParallelWriter


class CountingPool:
    """A thread pool that counts the jobs submitted and not yet handed to the caller."""

    def __init__(self):
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.submitted = 0

    def submit(self, function, item):
        self.submitted += 1
        return self.pool.submit(function, item)


def test_results_are_in_order_and_only_a_few_jobs_wait_to_be_consumed():
    pool = CountingPool()
    consumed, most_waiting = [], 0
    for result in ordered_map(pool, lambda n: n * n, range(50), ahead=3):
        consumed.append(result)
        most_waiting = max(most_waiting, pool.submitted - len(consumed))
    assert consumed == [n * n for n in range(50)]
    # pool.map would have submitted all 50 before the first result was taken.
    assert most_waiting <= 3


def test_no_items_no_results():
    assert list(ordered_map(CountingPool(), str, [], ahead=2)) == []


def test_pages_written_with_an_unchanged_context_share_its_copy_and_only_then():
    writer = ParallelWriter("/tmp/unused-output", settings=dict(DEFAULT_CONFIG))
    articles = ["ferry", "pier"]
    context = {"articles": articles, "SITENAME": "Ledger"}
    first = writer._snapshot(context)
    assert writer._snapshot(context) is first  # nothing changed: one copy for both pages
    context["SITENAME"] = "Lakeside Ledger"
    renamed = writer._snapshot(context)
    assert renamed is not first and first["SITENAME"] == "Ledger"  # the old page keeps its own
    context["articles"] = list(articles)  # equal, but another object: what a page reads may differ
    assert writer._snapshot(context) is not renamed
    context["extra"] = None
    assert writer._snapshot(context)["extra"] is None


def test_template_reads_are_kept_for_the_next_build_under_the_same_site_digest(tmp_path):
    """What each template reads is found once and kept with the page store: a live preview's
    save parsed every template again. The site digest covers the theme, the settings and the
    code, so under another one nothing kept is used."""
    settings = {FINAL_OUTPUT_KEY: str(tmp_path / "output")}
    store = tmp_path / "pages.pickle"
    first = KeptPages(store, settings, tmp_path / "staging")
    assert first.known_reads(b"site 1") == {}
    first.keep_reads(b"site 1", {"article.html": frozenset({"article", "SITENAME"})})
    first.save_after_swap_in()
    run_after_swap_in(tmp_path / "output")

    again = KeptPages(store, settings, tmp_path / "staging")
    assert again.known_reads(b"site 1") == {"article.html": frozenset({"article", "SITENAME"})}
    assert again.known_reads(b"site 2") == {}
