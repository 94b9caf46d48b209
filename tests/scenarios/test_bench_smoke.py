"""The benchmark at a tiny size: its corpus builds cleanly and the report has every part.

Timings are not asserted: this is the CI smoke run, not a performance test.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from newsroom.bench.__main__ import main
from newsroom.bench.corpus import CorpusSpec, generate, our_settings
from tests.support import SETTINGS, build


def test_generated_corpus_builds_with_our_site_without_errors_or_warnings(tmp_path):
    corpus = generate(CorpusSpec(40), tmp_path / "corpus")
    result = build(SETTINGS, tmp_path / "output", our_settings(corpus.ours))
    assert result.warnings == []
    pages = [p for p in (tmp_path / "output").glob("20*/*/*/index.html")]
    assert len(pages) == 40


def test_bench_at_30_articles_writes_the_report(tmp_path, capsys):
    raw = tmp_path / "results.json"
    argv = ["--sizes", "30", "--repeat", "1", "--workdir", str(tmp_path / "work")]
    argv += ["--report-dir", str(tmp_path / "docs"), "--json", str(raw)]
    assert main(argv) == 0

    results = json.loads(raw.read_text())
    (size,) = results["sizes"]
    assert size["articles"] == 30
    for flavour in ("ours", "vanilla"):
        for step in ("full", "edit", "noop"):
            median = size["medians"][f"{flavour} {step}"]
            assert median["wall"] > 0 and median["peak_mib"] >= median["process_peak_mib"] > 0
    assert any(area.startswith("plugin ") for area, _ in results["profile"]["inclusive"])
    floor = size["medians"]["pelican reading"]  # Pelican alone, reading its cached articles
    assert 0 < floor["wall"] < size["medians"]["vanilla noop"]["wall"]

    report = (tmp_path / "docs" / "performance.md").read_text()
    assert "python -m newsroom.bench --sizes 30 --repeat 1" in report
    for label in (
        "full build, wall",
        "rebuild after editing one article, wall",
        "rebuild with nothing changed, wall",
        "full build, CPU",
        "peak memory",
        "peak memory, Pelican process alone",
    ):
        assert f"| 30 | {label} | 1 |" in report
    assert "## Where our build spends its time (30 articles, cProfile)" in report
    assert "## Against the targets" in report
    assert "| 30 | rebuild after editing one article, wall ≤ 6 s |" in report
    assert "Pelican alone, reading the 30 articles from its content cache" in report
    assert "Pelican 4.12" in report and "CPUs" in report

    chart = ET.parse(tmp_path / "docs" / "performance.svg").getroot()
    bars = [
        rect
        for rect in chart.iter("{http://www.w3.org/2000/svg}rect")
        if rect.find("*") is not None
    ]
    assert len(bars) == 6  # ours and vanilla for three steps
    assert not (tmp_path / "work" / "n30").exists()  # corpus removed, report kept
