"""The benchmark's memory figure counts the whole process tree: a worker's memory is the
build's too."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from newsroom.bench import tree_memory

pytestmark = pytest.mark.skipif(
    not tree_memory.available(), reason="needs Linux's smaps_rollup and /proc children lists"
)

# A small parent whose forked child fills 120 MiB of its own and holds it for a while.
FORKING_PARENT = """
import os, time
pid = os.fork()
if pid == 0:
    held = bytearray(120 * 1024 * 1024)
    for offset in range(0, len(held), 4096):
        held[offset] = 1
    time.sleep(1.5)
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_a_forked_childs_memory_counts_in_the_tree():
    parent = subprocess.Popen([sys.executable, "-c", FORKING_PARENT])
    with tree_memory.sampling(parent.pid) as tree:
        time.sleep(0.1)
        own = tree_memory.pss_kib(parent.pid)
        parent.wait()
    assert own < 60 * 1024  # the parent alone is a bare interpreter
    assert tree.peak_kib > 120 * 1024


def test_a_process_that_is_gone_counts_nothing():
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()  # reaped: its pid names no process now
    assert tree_memory.pss_kib(finished.pid) == 0
    assert tree_memory.tree_pids(finished.pid) == [finished.pid]
