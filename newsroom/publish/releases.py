"""Pure helpers for the releases/current layout and rsync's output.

A target directory holds `releases/<release-id>/` (one complete site each), `current`, a
symlink to one of them that the web server serves, and `history.log`, one line per switch of
`current`. Release ids are a UTC timestamp, a counter and a random part,
`20261122T101530Z-001-9f3ac1`: sorting them sorts by time, and two publishes that read the
same releases at the same second still make two ids.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RELEASE_ID = re.compile(r"^\d{8}T\d{6}Z-\d{3,}(?:-[0-9a-f]{6})?$")
_STAMP_LENGTH = len("20261122T101530Z")
# rsync --itemize-changes: "YXcstpoguax path" or "*deleting   path".
_ITEMIZED = re.compile(r"^(\*deleting|[<>ch.*][fdLDS][^ ]{7,9}) +(.+)$")


def release_ids(names) -> list[str]:
    """The names that are release ids, oldest first (leftovers and strays ignored)."""
    return sorted(n for n in names if RELEASE_ID.match(n))


def new_release_id(existing, now: datetime | None = None, random_part: str | None = None) -> str:
    """A release id later than every existing one, even if the clock stepped back."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = random_part if random_part is not None else secrets.token_hex(3)
    ids = release_ids(existing)
    counter = 1
    if ids:
        latest = max(ids, key=_order)
        if latest[:_STAMP_LENGTH] >= stamp:
            stamp, counter = latest[:_STAMP_LENGTH], _order(latest)[1] + 1
    return f"{stamp}-{counter:03d}-{suffix}"


def _order(release: str) -> tuple[str, int]:
    return release[:_STAMP_LENGTH], int(release[_STAMP_LENGTH + 1 :].split("-")[0])


def releases_to_prune(releases, keep: int, protected=()) -> list[str]:
    """The oldest releases beyond the newest `keep`, never a `protected` one (the live
    release, the one rollback would go to)."""
    ids = release_ids(releases)
    return [r for r in ids[: max(len(ids) - keep, 0)] if r not in protected]


def previous_release(releases, current: str | None) -> str | None:
    """The release before `current` by id (targets without a history), or None."""
    older = [r for r in release_ids(releases) if current is None or r < current]
    return older[-1] if older else None


@dataclass(frozen=True)
class RsyncStats:
    files_transferred: int  # regular files whose data crossed the wire
    bytes_sent: int  # everything sent, protocol included
    file_bytes_transferred: int  # the size of the files transferred


def _stat(text: str, *labels: str) -> int:
    for label in labels:
        match = re.search(rf"^{re.escape(label)}: ([\d,.]+)", text, re.MULTILINE)
        if match:
            return int(re.sub(r"[,.]", "", match.group(1)))
    return 0


def parse_rsync_stats(text: str) -> RsyncStats:
    """Read `rsync --stats` output (rsync 3.1+ groups digits with commas)."""
    return RsyncStats(
        files_transferred=_stat(
            text, "Number of regular files transferred", "Number of files transferred"
        ),
        bytes_sent=_stat(text, "Total bytes sent"),
        file_bytes_transferred=_stat(text, "Total transferred file size"),
    )


def parse_itemized(text: str) -> list[str]:
    """The `--itemize-changes` lines of rsync output, e.g. `>f.st...... index.html`."""
    return [line for line in text.splitlines() if _ITEMIZED.match(line)]


HISTORY = "history.log"  # beside releases/: one line per switch of `current`, appended


@dataclass(frozen=True)
class Switch:
    """One line of the history: `current` pointed at `release` from `time` on."""

    time: str  # ISO 8601, UTC
    action: str  # publish | rollback
    release: str
    digest: str  # of the site's files (site_digest); "-" for a rollback
    by: str  # user@host

    def line(self) -> str:
        return "\t".join((self.time, self.action, self.release, self.digest, self.by))


def parse_history(text: str) -> list[Switch]:
    """The history's switches, oldest first; lines that are not five fields are skipped (a
    line cut short by a full disk)."""
    switches = []
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) == 5 and RELEASE_ID.match(fields[2]):
            switches.append(Switch(*fields))
    return switches


def site_digest(site_dir: Path) -> str:
    """A digest of every file's path and bytes: two builds with one digest are the same."""
    total = hashlib.sha256()
    for folder, folders, files in os.walk(site_dir):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            total.update(os.path.relpath(path, site_dir).encode() + b"\0")
            with open(path, "rb") as handle:
                total.update(hashlib.file_digest(handle, "sha256").digest())
    return f"sha256:{total.hexdigest()}"


def live_line(history: list[Switch]) -> list[str]:
    """The releases that were live, in order, without those rolled back from: a publish
    adds its release; a rollback to R returns to R (dropping what came after it)."""
    line: list[str] = []
    for switch in history:
        if switch.action == "rollback" and switch.release in line:
            del line[line.index(switch.release) + 1 :]
        else:
            line.append(switch.release)
    return line


def went_live(history: list[Switch]) -> set[str]:
    return {switch.release for switch in history}


def rollback_target(history: list[Switch], releases, current: str | None) -> str | None:
    """Where `invoke rollback` goes: the kept release that was live before the current one
    (by the history; by id on a target without one)."""
    if not history:
        return previous_release(releases, current)
    kept = set(release_ids(releases))
    line = live_line(history)
    if current in line:
        line = line[: line.index(current)]
    earlier = [r for r in line if r in kept and r != current]
    return earlier[-1] if earlier else None


def never_live(history: list[Switch], releases, current: str | None) -> list[str]:
    """Releases a failed publish left behind: newer than anything the history switched to,
    and never live (targets from before the history keep their releases)."""
    if not history:
        return []
    newest = max((s.release for s in history), key=_order)
    live = went_live(history)
    return [
        r
        for r in release_ids(releases)
        if r not in live and r != current and _order(r) > _order(newest)
    ]
