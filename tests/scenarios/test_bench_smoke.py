"""The benchmark at a tiny size: its corpus builds cleanly and the report has every part.

Timings are not asserted: this is the CI smoke run, not a performance test.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET

import yaml

from newsroom.bench.__main__ import main
from newsroom.bench.corpus import CorpusSpec, edit_article, generate, our_settings
from newsroom.bench.measure import hugo_command
from tests.support import SETTINGS, build


def test_generated_corpus_builds_with_our_site_without_errors_or_warnings(tmp_path):
    corpus = generate(CorpusSpec(40), tmp_path / "corpus")
    result = build(SETTINGS, tmp_path / "output", our_settings(corpus.ours))
    assert result.warnings == []
    pages = [p for p in (tmp_path / "output").glob("20*/*/*/index.html")]
    assert len(pages) == 40


def _hugo_build(corpus, output, cache):
    done = subprocess.run(hugo_command(corpus.hugo, output, cache), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warning: no missing layout, no deprecated setting


def test_generated_corpus_builds_with_hugo_into_pages_listings_and_feeds(tmp_path):
    corpus = generate(CorpusSpec(40), tmp_path / "corpus")
    output = tmp_path / "output"
    _hugo_build(corpus, output, tmp_path / "cache")
    assert len(list((output / "articles").glob("a*/index.html"))) == 40
    assert (output / "page" / "4" / "index.html").is_file()  # ten to a page
    assert not (output / "page" / "5").exists()
    assert (output / "index.xml").is_file()  # the site's feed
    assert not (output / "tags" / "index.xml").exists()  # the list of every tag has none
    path = corpus.article_paths("hugo")[7]
    front = yaml.safe_load(path.read_text().split("---\n")[1])
    page = (output / "articles" / path.stem / "index.html").read_text()
    assert front["title"] in page and front["authors"][0] in page
    for taxonomy in ("categories", "authors", "tags"):  # each term has its feed
        slug = front[taxonomy][0].lower().replace(" ", "-")
        assert (output / taxonomy / slug / "index.xml").is_file()
    assert (output / "images" / "bench-0.jpg").is_file()

    edit_article(path, 5)  # what the bench's edit step does, then Hugo builds again
    _hugo_build(corpus, output, tmp_path / "cache")
    page = (output / "articles" / path.stem / "index.html").read_text()
    assert "An editor added this line to the story: 5." in page


def test_bench_at_30_articles_writes_the_report(tmp_path, capsys):
    raw = tmp_path / "results.json"
    argv = ["--sizes", "30", "--repeat", "1", "--workdir", str(tmp_path / "work")]
    argv += ["--report-dir", str(tmp_path / "docs"), "--json", str(raw)]
    assert main(argv) == 0

    results = json.loads(raw.read_text())
    (size,) = results["sizes"]
    assert size["articles"] == 30
    for flavour in ("ours", "vanilla", "hugo"):
        for step in ("full", "edit", "noop"):
            median = size["medians"][f"{flavour} {step}"]
            assert median["wall"] > 0 and median["peak_mib"] >= median["process_peak_mib"] > 0
            assert median["tree_peak_mib"] > 0
    assert any(area.startswith("plugin ") for area, _ in results["profile"]["inclusive"])
    preview = size["preview"]  # three saves, each shown on its page (else the child fails)
    assert len(preview["saves"]) == 3 and min(preview["saves"]) > 0
    assert preview["median"] == sorted(preview["saves"])[1] and preview["tree_peak_mib"] > 0
    floor = size["medians"]["pelican reading"]  # Pelican alone, reading its cached articles
    assert 0 < floor["wall"] < size["medians"]["vanilla noop"]["wall"]

    report = (tmp_path / "docs" / "performance.md").read_text()
    assert "python -m newsroom.bench --sizes 30 --repeat 1" in report
    assert (
        "| articles | build | runs | ours | vanilla | Hugo | ours / vanilla | ours / Hugo |"
        in report
    )
    full = next(line for line in report.splitlines() if line.startswith("| 30 | full build, wall"))
    ours, vanilla, hugo, over_vanilla, over_hugo = [cell.strip() for cell in full.split("|")[4:9]]
    assert hugo == f"{size['medians']['hugo full']['wall']:.1f} s"
    assert float(over_hugo) > 0 and float(over_vanilla) > 0
    assert "- Hugo: Hugo 0.168.0 extended" in report
    for label in (
        "full build, wall",
        "rebuild after editing one article, wall",
        "rebuild with nothing changed, wall",
        "full build, CPU",
        "peak memory, whole process tree",
        "peak memory, largest process",
        "peak memory, Pelican process alone",
        "preview: save to rebuilt, median of 3 saves",
    ):
        assert f"| 30 | {label} | 1 |" in report
    assert "## Where our build spends its time (30 articles, cProfile)" in report
    assert "## Against the targets" in report
    assert "| 30 | rebuild after editing one article, wall ≤ 6 s |" in report
    assert "| 30 | preview: save to rebuilt, median ≤ 1 s |" in report
    assert "Pelican alone, reading the 30 articles from its content cache" in report
    assert "Pelican 4.12" in report and "CPUs" in report

    chart = ET.parse(tmp_path / "docs" / "performance.svg").getroot()
    bars = [
        rect
        for rect in chart.iter("{http://www.w3.org/2000/svg}rect")
        if rect.find("*") is not None
    ]
    assert len(bars) == 9  # ours, vanilla and Hugo for three steps
    assert sum(bar[0].text.startswith("hugo ") for bar in bars) == 3
    assert not (tmp_path / "work" / "n30").exists()  # corpus removed, report kept
