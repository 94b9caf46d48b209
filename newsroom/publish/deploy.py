"""Deploy targets: rsync over SSH, a local directory, GitHub Pages (ghp-import).

The rsync and local targets share one layout and one procedure:

    <path>/releases/<release-id>/   complete sites, oldest pruned beyond `keep_releases`
    <path>/current -> releases/<id> what the web server serves
    <path>/history.log              one line per switch of `current` (releases.Switch)
    <path>/.publish-lock/           held by the publish under way (lock.py)

0. The caller holds the target's lock (`locked_target`): one publish at a time.
1. Read the releases, `current` and the history; remove leftovers of failed publishes (an
   upload folder, a release that never went live); stop here if the build is the current
   release byte for byte; prune first if the disk is short (space.py).
2. rsync the site into `<path>/.incoming-<id>/`, hard-linking unchanged files from the
   current release (`--link-dest` + `--checksum`: a rebuild changes every mtime, not the bytes).
3. Only when rsync succeeded: rename it to `releases/<id>`, point a temporary symlink at it and
   `mv -T` that over `current` (one rename: readers see the old site or the new one, never
   a mix), append the switch to the history, then prune old releases (never the live one or
   the one rollback goes to).

A killed rsync leaves only `.incoming-<id>`, which nothing serves and step 1 removes.
"""

from __future__ import annotations

import getpass
import shlex
import socket
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .hosts import ReleaseHost, release_host, rsync
from .lock import target_lock
from .processes import DeployError, run
from .releases import (
    HISTORY,
    RsyncStats,
    Switch,
    never_live,
    new_release_id,
    parse_history,
    parse_itemized,
    parse_rsync_stats,
    release_ids,
    releases_to_prune,
    rollback_target,
    site_digest,
    went_live,
)
from .settings import missing_target
from .space import make_room, with_space

INCOMING = ".incoming-"
SWITCHING = ".current-"


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _who() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()}"


@dataclass
class DeployResult:
    target: str
    location: str  # where the site went: user@host:path, a directory, a git branch
    dry_run: bool = False
    release_id: str | None = None  # the release now current (None for ghp-import)
    previous_id: str | None = None  # the release that was current before
    stats: RsyncStats = RsyncStats(0, 0, 0)
    changes: list[str] = field(default_factory=list)  # dry run: what would change
    pruned: list[str] = field(default_factory=list)
    no_target: str = ""  # dry run without a target: the setting that names none
    unchanged: bool = False  # the build is the current release, byte for byte: nothing done
    removed: list[str] = field(default_factory=list)  # leftovers of failed publishes
    rollback_to: str | None = None  # what `invoke rollback` would go back to now


@dataclass
class HostState:
    releases: list[str]
    current: str | None  # release id `current` points at
    history: list[Switch] = field(default_factory=list)  # oldest first
    leftovers: list[str] = field(default_factory=list)  # .incoming-*, .current-* names

    def digest_of_current(self) -> str | None:
        """The site digest the current release went live with, if the history knows it."""
        for switch in reversed(self.history):
            if switch.release == self.current and switch.action == "publish":
                return switch.digest
        return None


def read_state(host: ReleaseHost, *, prepare: bool) -> HostState:
    """The releases, the current one, leftovers and the history; with `prepare`, create the
    layout first."""
    path = shlex.quote(host.path)
    if prepare:
        setup = f"mkdir -p {path}/releases && cd {path}"
    else:
        setup = f"cd {path} 2>/dev/null || exit 0"
    script = (
        f"set -e; {setup}; echo releases:; ls -1 releases 2>/dev/null || true; "
        f"echo current:; readlink current || true; echo leftovers:; "
        f"ls -1d {INCOMING}* {SWITCHING}* 2>/dev/null || true; "
        f"echo history:; cat {HISTORY} 2>/dev/null || true"
    )
    output = host.run(script, "reading the releases")
    listed, _, rest = output.partition("current:\n")
    current, _, rest = rest.partition("leftovers:\n")
    leftovers, _, history = rest.partition("history:\n")
    releases = release_ids(listed.removeprefix("releases:\n").split())
    current_id = Path(current.strip()).name if current.strip() else None
    return HostState(
        releases,
        current_id if current_id in releases else None,
        parse_history(history),
        leftovers.split(),
    )


def remove_leftovers(host: ReleaseHost, state: HostState) -> list[str]:
    """Remove what failed publishes left (an upload folder, a release that never went live);
    only ever under the target's lock, so no other publish's upload is touched."""
    stale = never_live(state.history, state.releases, state.current)
    doomed = [*state.leftovers, *(f"releases/{r}" for r in stale)]
    if doomed:
        names = " ".join(shlex.quote(name) for name in doomed)
        host.run(f"cd {shlex.quote(host.path)} && rm -rf {names}", "removing leftovers")
        state.releases = [r for r in state.releases if r not in stale]
    return doomed


def _switch_script(
    host: ReleaseHost, release_id: str, prune: list[str], incoming: bool, digest: str = "-"
) -> str:
    path, rid = shlex.quote(host.path), shlex.quote(release_id)
    steps = ["set -e", f"cd {path}"]
    if incoming:
        steps.append(f"mv -T {INCOMING}{rid} releases/{rid}")
    switch = Switch(_utc_now(), "publish" if incoming else "rollback", release_id, digest, _who())
    steps += [
        f"ln -sfn releases/{rid} {SWITCHING}{rid}",
        f"mv -T {SWITCHING}{rid} current",  # rename(2): the switch is atomic
        f"printf '%s\\n' {shlex.quote(switch.line())} >> {HISTORY}",
    ]
    if prune:
        steps.append("rm -rf " + " ".join(f"releases/{shlex.quote(r)}" for r in prune))
    return "; ".join(steps)


def _dry_run(site_dir: Path, host: ReleaseHost, state: HostState) -> DeployResult:
    result = DeployResult(
        host.config["target"], host.location, dry_run=True, previous_id=state.current
    )
    if state.current is None:
        return _all_new(site_dir, result)  # nothing deployed yet
    output = rsync(
        site_dir,
        host,
        host.destination("current/"),
        ["--dry-run", "--itemize-changes", "--delete"],
    )
    result.stats = parse_rsync_stats(output)
    result.changes = parse_itemized(output)
    return result


def _all_new(site_dir: Path, result: DeployResult) -> DeployResult:
    """`result` listing every file as uploaded and none deleted, as for a first release."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    result.changes = [f">f+++++++++ {p.relative_to(site_dir).as_posix()}" for p in files]
    size = sum(p.stat().st_size for p in files)
    result.stats = RsyncStats(len(files), size, size)
    return result


def preview_without_target(site_dir, config: dict, missing: str) -> DeployResult:
    """A dry run with no target set (`missing` says which setting): there is no release to
    compare with, so every file is listed as a first release would upload it."""
    result = DeployResult(config["target"], "(no target)", dry_run=True, no_target=missing)
    return _all_new(Path(site_dir).resolve(), result)


@contextmanager
def locked_target(config: dict, *, dry_run: bool, wait: bool, echo):
    """The target's publish lock around a publish's gate, upload and switch (a dry run
    changes nothing and takes none; GitHub Pages has no releases to guard)."""
    if dry_run or config["target"] == "ghp-import" or missing_target(config):
        yield
        return
    with target_lock(release_host(config), config, wait=wait, echo=echo):
        yield


def deploy_release(site_dir, config: dict, *, dry_run: bool = False) -> DeployResult:
    """Upload `site_dir` as a new release and make it current (see the module docstring);
    the caller holds the target's lock (`locked_target`)."""
    site_dir = Path(site_dir).resolve()
    host = release_host(config)
    if dry_run:
        return _dry_run(site_dir, host, read_state(host, prepare=False))
    state = read_state(host, prepare=True)
    result = DeployResult(config["target"], host.location, previous_id=state.current)
    result.removed = remove_leftovers(host, state)
    digest = site_digest(site_dir)
    if state.current is not None and state.digest_of_current() == digest:
        # A timer's publish with nothing new (no story came due): no release, no switch.
        result.release_id, result.unchanged = state.current, True
        result.rollback_to = rollback_target(state.history, state.releases, state.current)
        return result
    result.pruned = make_room(site_dir, host, state, config)
    release_id = new_release_id(state.releases)
    base = state.current or (state.releases[-1] if state.releases else None)
    # --link-dest is relative to the destination directory.
    link = [f"--link-dest=../releases/{base}"] if base else []
    try:
        output = rsync(site_dir, host, host.destination(f"{INCOMING}{release_id}/"), link)
    except DeployError as error:
        raise with_space(error, site_dir, host) from None
    # After the switch, rollback goes back to what is live now; pruning keeps both.
    rollback_to = state.current
    keep = {release_id, *filter(None, (state.current,))}
    prune = releases_to_prune([*state.releases, release_id], config["keep_releases"], keep)
    host.run(_switch_script(host, release_id, prune, True, digest), "switching current")
    result.release_id, result.rollback_to = release_id, rollback_to
    result.stats = parse_rsync_stats(output)
    result.pruned += prune
    return result


def rollback_release(
    config: dict, *, to: str | None = None, wait: bool = False, echo=None
) -> DeployResult:
    """Point `current` at the release that was live before it (or at release `to`, which
    must have been live once)."""
    host = release_host(config)
    with target_lock(host, config, wait=wait, echo=echo):
        state = read_state(host, prepare=False)
        target = to or rollback_target(state.history, state.releases, state.current)
        if target is None:
            raise DeployError(
                f"publish: rollback: no kept release was live before "
                f"{state.current or '(none)'} in {host.location}releases/; releases: "
                f"{', '.join(state.releases) or 'none'}"
            )
        if target not in state.releases:
            raise DeployError(
                f"publish: rollback: no release {target!r}; releases: {', '.join(state.releases)}"
            )
        if state.history and target not in went_live(state.history):
            raise DeployError(
                f"publish: rollback: release {target!r} never went live (a failed publish "
                f"left it); releases that did: {', '.join(sorted(went_live(state.history)))}"
            )
        host.run(_switch_script(host, target, [], incoming=False), "switching current")
    return DeployResult(
        config["target"], host.location, release_id=target, previous_id=state.current
    )


def release_listing(config: dict) -> list[str]:
    """`invoke releases`: each kept release, newest first, with when it went live and by whom."""
    host = release_host(config)
    state = read_state(host, prepare=False)
    rollback_to = rollback_target(state.history, state.releases, state.current)
    lines = []
    for release in reversed(state.releases):
        marks = []
        if release == state.current:
            marks.append("current")
        if release == rollback_to:
            marks.append("rollback goes here")
        periods = [f"{s.action} {s.time} by {s.by}" for s in state.history if s.release == release]
        if not periods:
            periods = ["never live"] if state.history else ["from before the history"]
        shown = f" [{', '.join(marks)}]" if marks else ""
        lines.append(f"{release}{shown}: {'; '.join(periods)}")
    return lines or [f"no releases in {host.location}releases/"]


def read_target_ledger(config: dict, name: str) -> bytes | None:
    """The URL ledger kept beside the releases, or None (ghp-import keeps none)."""
    if config["target"] == "ghp-import":
        return None
    host = release_host(config)
    quoted = shlex.quote(f"{host.path}/{name}")
    text = host.run(f"if [ -f {quoted} ]; then cat {quoted}; fi", "reading the URL ledger")
    return text.encode("utf-8") if text else None


def write_target_ledger(config: dict, ledger_file: Path) -> None:
    """Copy the URL ledger beside the releases (a rename there: never half a file)."""
    if config["target"] == "ghp-import":
        return
    host = release_host(config)
    command = [
        "rsync",
        "--chmod=F644",
        *host.rsync_transport(),
        *host.config["rsync_options"],
        str(ledger_file),
        host.destination(ledger_file.name),
    ]
    run(command, "copying the URL ledger")


def deploy_github_pages(site_dir, config: dict, *, dry_run: bool = False) -> DeployResult:
    """Commit `site_dir` to the gh-pages branch of the current repository (and push)."""
    from ghp_import import GhpError, ghp_import  # noqa: PLC0415 (only this target needs it)

    location = f"{config['ghp_remote']} {config['ghp_branch']}"
    result = DeployResult("ghp-import", location, dry_run=dry_run)
    files = [p for p in Path(site_dir).rglob("*") if p.is_file()]
    result.stats = RsyncStats(len(files), 0, sum(p.stat().st_size for p in files))
    if dry_run:
        result.changes = [f"would commit {len(files)} files to branch {config['ghp_branch']}"]
        return result
    try:
        ghp_import(
            str(site_dir),
            mesg=config["ghp_message"],
            remote=config["ghp_remote"],
            branch=config["ghp_branch"],
            push=config["ghp_push"],
            nojekyll=True,
            cname=config["ghp_cname"] or None,
        )
    except GhpError as exc:
        raise DeployError(f"publish: ghp-import failed: {exc}") from exc
    return result


def deploy(site_dir, config: dict, *, dry_run: bool = False) -> DeployResult:
    if config["target"] == "ghp-import":
        return deploy_github_pages(site_dir, config, dry_run=dry_run)
    return deploy_release(site_dir, config, dry_run=dry_run)


def rollback(config: dict, *, to: str | None = None, wait=False, echo=None) -> DeployResult:
    if config["target"] == "ghp-import":
        raise DeployError(
            "publish: rollback is not available for ghp-import; revert the last commit on "
            f"branch {config['ghp_branch']} and push it"
        )
    return rollback_release(config, to=to, wait=wait, echo=echo)
