"""Room on the target: prune before an upload the disk cannot take, and say how much an
upload that still ran out of space needed."""

from __future__ import annotations

import shlex
from pathlib import Path

from .hosts import ReleaseHost, rsync
from .processes import DeployError
from .releases import parse_rsync_stats, releases_to_prune, rollback_target

SPACE_MARGIN = 1 << 20  # bytes for folders, links and rsync's temporary files


def make_room(site_dir: Path, host: ReleaseHost, state, config: dict) -> list[str]:
    """Prune before uploading when the target lacks the space this upload needs, oldest
    release first, never the live one or the one rollback goes to: a full disk must not stay
    full until someone frees it by hand. Releases beyond keep_releases go first anyway."""
    free = _free_bytes(host)
    if free is None or free >= _site_bytes(site_dir):
        return []  # enough even if no file could be hard-linked (the usual case: no cost)
    needed = _upload_bytes(site_dir, host, state)
    protected = {state.current, rollback_target(state.history, state.releases, state.current)}
    beyond = releases_to_prune(state.releases, config["keep_releases"] - 1, protected)
    candidates = beyond + [r for r in state.releases if r not in beyond and r not in protected]
    pruned = []
    for release in candidates:
        if free >= needed and release not in beyond:
            break
        host.run(
            f"cd {shlex.quote(host.path)} && rm -rf releases/{shlex.quote(release)}",
            "pruning old releases to make room",
        )
        pruned.append(release)
        free = _free_bytes(host) or 0
    state.releases = [r for r in state.releases if r not in pruned]
    return pruned


def _upload_bytes(site_dir: Path, host: ReleaseHost, state) -> int:
    """What the upload will write: the files that differ from the current release (the rest
    are hard links), plus a margin for folders and links."""
    if state.current is None:
        return _site_bytes(site_dir) + SPACE_MARGIN
    output = rsync(site_dir, host, host.destination("current/"), ["--dry-run", "--delete"])
    return parse_rsync_stats(output).file_bytes_transferred + SPACE_MARGIN


def _site_bytes(site_dir: Path) -> int:
    return sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())


def _free_bytes(host: ReleaseHost) -> int | None:
    """Free bytes where the releases are (df -Pk), or None when df gives no answer."""
    output = host.run(f"df -Pk {shlex.quote(host.path)} 2>/dev/null || true", "checking space")
    fields = output.strip().splitlines()[-1].split() if output.strip() else []
    return int(fields[3]) * 1024 if len(fields) > 3 and fields[3].isdigit() else None


def with_space(error: DeployError, site_dir: Path, host: ReleaseHost) -> DeployError:
    """An upload that ran out of space says how much was needed and how much is free."""
    if "No space left on device" not in str(error) and "Disk quota exceeded" not in str(error):
        return error
    free = _free_bytes(host)
    shown = "unknown" if free is None else f"{free / 1e6:.1f} MB"
    return DeployError(
        f"publish: the target is out of space: this build needs up to "
        f"{_site_bytes(site_dir) / 1e6:.1f} MB, {shown} free at {host.location}, after pruning "
        "every old release but the live one and the one rollback goes to; the live site is "
        f"unchanged. Free some space there\n{error}"
    )
