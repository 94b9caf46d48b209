"""`invoke quality` and the Lighthouse gate: a run that is not perfect is repeated, and the
median run stands (Lighthouse varies from run to run); a steady fault still fails."""

from __future__ import annotations

import pytest

from newsroom import quality


def _run(performance: int, cls: float) -> quality.PageAudit:
    scores = dict.fromkeys(quality.CATEGORIES, 100) | {"performance": performance}
    return quality.PageAudit("https://example.test/", scores, 900.0, cls, 20_000, 6)


@pytest.fixture
def runs(monkeypatch):
    """Lighthouse replaced by a queue of results, one per run, in order."""
    queue: list[quality.PageAudit] = []
    monkeypatch.setattr(quality, "lighthouse", lambda url, args: queue.pop(0))
    monkeypatch.setattr(quality, "summarise", lambda report: report)
    return queue


def test_a_perfect_first_run_is_not_repeated(runs):
    runs += [_run(100, 0.0), _run(50, 0.5)]
    page = quality.audit("https://example.test/", [])
    assert (page.runs, page.perfect) == (1, True)
    assert len(runs) == 1


def test_one_shifted_run_of_three_is_outvoted(runs):
    runs += [_run(100, 0.0002), _run(100, 0.0), _run(100, 0.0)]
    page = quality.audit("https://example.test/", [])
    assert (page.runs, page.cls, page.perfect) == (3, 0.0, True)


def test_a_shift_in_most_runs_fails(runs):
    runs += [_run(100, 0.0002), _run(100, 0.0), _run(100, 0.0003)]
    page = quality.audit("https://example.test/", [])
    assert page.cls == 0.0002 and not page.perfect


def test_the_median_performance_run_stands(runs):
    runs += [_run(97, 0.0), _run(100, 0.0), _run(90, 0.0)]
    assert quality.audit("https://example.test/", []).scores["performance"] == 97
