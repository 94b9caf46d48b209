"""Pelican's own command on our settings: `pelican content -s pelicanconf.py -o DIR`, run again
into the same folder (no staging folder, no page reuse: Pelican writes over its last output),
and what it prints when the build fails."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

from tests.support import BUILD_TIME, SETTINGS, Site, article

SEARCH_SHARD = "pagefind/s0"


def run_pelican(site: Site) -> subprocess.CompletedProcess:
    """The real CLI, in a fresh process, from the project folder (caches go to its .cache/)."""
    env = {
        **os.environ,
        # The build's clock (newsroom_core.clock); wide lines, so that rich wraps no message.
        "SOURCE_DATE_EPOCH": str(int(datetime.fromisoformat(BUILD_TIME).timestamp())),
        "COLUMNS": "400",
    }
    command = [sys.executable, "-m", "pelican", "content", "-s", str(SETTINGS), "-o", "out"]
    return subprocess.run(
        command, cwd=site.root, env=env, capture_output=True, text=True, check=False
    )


def test_pelican_builds_twice_into_one_folder(tmp_path):
    site = Site(tmp_path)
    site.add_article("ferry", article(), "The winter timetable starts on 1 December.")
    first = run_pelican(site)
    assert first.returncode == 0, first.stdout + first.stderr
    second = run_pelican(site)  # the search shard comes from the cache, onto the same files
    assert second.returncode == 0, second.stdout + second.stderr
    assert (tmp_path / "out" / SEARCH_SHARD / "pagefind-entry.json").is_file()


def test_a_rebuilt_search_shard_replaces_the_last_runs(tmp_path):
    site = Site(tmp_path)
    path = site.add_article("ferry", article(), "The winter timetable starts on 1 December.")
    assert run_pelican(site).returncode == 0
    path.write_text(path.read_text().replace("winter", "summer"), encoding="utf-8")
    rebuilt = run_pelican(site)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    shard = tmp_path / "out" / SEARCH_SHARD
    assert sorted(p.name for p in shard.iterdir() if p.is_dir()) == ["fragment", "index"]


def test_an_indexing_error_is_printed_as_one_line(tmp_path):
    site = Site(tmp_path)
    site.add_article("ferry", article())
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "pagefind").write_text("a file where the search cache goes\n")
    failed = run_pelican(site)
    printed = failed.stdout + failed.stderr
    assert failed.returncode == 1
    cached = tmp_path / ".cache" / "pagefind" / "s0"
    expected = f"pagefind:0: search: indexing failed: shard s0: Not a directory: {cached}/"
    # Pelican logs it with its traceback, the message's lines indented.
    lines = [line.strip() for line in printed.splitlines()]
    assert [line for line in lines if line.startswith(expected)] != [], printed
    assert "['" not in printed  # no message as a list of its characters
