"""The memory of a whole process tree: a build and every worker and indexer it started.

ru_maxrss is one process's high-water mark; the build forks workers (Markdown, lint, cards,
rendering) and runs Pagefind, all at once. Their resident sets overlap: forked workers share
the parent's pages until they write to them. The tree's figure is therefore the sum of each
process's proportional set size (Pss in /proc/PID/smaps_rollup: a page shared by n processes
counts 1/n in each), sampled while the tree runs; its peak is what the machine had to hold.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

PROC = Path("/proc")
SAMPLE_SECONDS = 0.05


def tree_pids(root: int) -> list[int]:
    """`root` and every process below it, from each thread's `children` list."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        try:
            tasks = list((PROC / str(pid) / "task").iterdir())
        except OSError:
            continue  # gone
        for task in tasks:
            try:
                queue += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def pss_kib(pid: int) -> int:
    """The process's proportional set size in KiB; 0 when it is gone."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


class TreePeak:
    """The largest summed Pss of the tree under `root` seen by `sample`."""

    def __init__(self, root: int):
        self.root = root
        self.peak_kib = 0

    def sample(self) -> None:
        total = sum(pss_kib(pid) for pid in tree_pids(self.root))
        self.peak_kib = max(self.peak_kib, total)


@contextmanager
def sampling(root: int):
    """A TreePeak of the tree under `root`, sampled every SAMPLE_SECONDS in a thread until the
    block ends."""
    peak, stop = TreePeak(root), threading.Event()

    def sample_until_stopped() -> None:
        while not stop.is_set():
            peak.sample()
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample_until_stopped, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        stop.set()
        sampler.join()


def available() -> bool:
    """smaps_rollup (Linux 4.14) and children lists (CONFIG_PROC_CHILDREN) are both needed."""
    own = PROC / "self"
    return (own / "smaps_rollup").is_file() and any(
        (task / "children").is_file() for task in (own / "task").iterdir()
    )
