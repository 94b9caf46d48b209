"""Publishes as separate processes against one `local` target: the lock, releases that never
mix two builds, interrupts, leftovers of failed publishes, rollback along what was live, and a
full disk that the next publish clears by itself."""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsroom.publish.command import PublishFailed, publish_site, rollback_site
from newsroom.publish.releases import parse_history, site_digest
from tests.support import BUILD_TIME, PUBLISH_SETTINGS, ROOT, Site, article

SLOW = "--bwlimit=150"  # KB/s: a 600 KB site takes some four seconds to upload


class Checkout:
    """A content folder and a build folder, as one editor's clone has."""

    def __init__(self, root: Path, name: str, body: str):
        self.site = Site(root / name)
        self.site.add_article("ferry", article(), body)
        # Incompressible bytes that make the upload take a while.
        self.site.write(f"images/data-{name}.bin", os.urandom(600_000))
        self.workdir = root / name / "work"

    @property
    def built(self) -> Path:
        return self.workdir / "site"

    def start(self, target: Path, *, wait=False, slow=False) -> subprocess.Popen:
        env = {
            **os.environ,
            "NEWS_DEPLOY_TARGET": "local",
            "NEWS_DEPLOY_PATH": str(target),
            "NEWS_DEPLOY_RSYNC_OPTIONS": SLOW if slow else "",
            "PYTHONPATH": str(ROOT),
        }
        command = [sys.executable, "-m", "tests.publish.publisher"]
        command += [str(self.site.content), str(self.workdir)] + (["--wait"] if wait else [])
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def publish(self, target: Path, **kwargs):
        return finish(self.start(target, **kwargs))


def finish(process: subprocess.Popen, timeout=240) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def wait_for(condition, what: str, timeout=120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def uploading(target: Path) -> bool:
    return any(target.glob(".incoming-*/**/*.html"))


def history(target: Path):
    return parse_history((target / "history.log").read_text())


def assert_every_release_is_one_build(target: Path, *builds: Path) -> None:
    """Every release the history switched to holds exactly the files of one build."""
    digests = {site_digest(build) for build in builds}
    for switch in history(target):
        release = target / "releases" / switch.release
        if release.is_dir():
            assert site_digest(release) == switch.digest, switch.release
            assert switch.digest in digests, switch.release
    assert site_digest(target / "current") in digests


@pytest.fixture
def target(tmp_path):
    return tmp_path / "www"


def test_a_second_publish_waits_for_the_first_and_both_go_live_whole(tmp_path, target):
    first, second = Checkout(tmp_path, "a", "First desk."), Checkout(tmp_path, "b", "Second.")
    slow = first.start(target, slow=True)
    wait_for(lambda: uploading(target), "the first upload")
    code, out, err = second.publish(target, wait=True)
    assert code == 0, err
    assert "publish: waiting for the publish by" in out
    assert finish(slow)[0] == 0
    switches = history(target)
    assert len(switches) == 2 and switches[0].release != switches[1].release
    assert site_digest(target / "current") == site_digest(second.built)
    assert_every_release_is_one_build(target, first.built, second.built)


def test_a_second_publish_without_wait_refuses_at_once_naming_the_first(tmp_path, target):
    first, second = Checkout(tmp_path, "a", "First desk."), Checkout(tmp_path, "b", "Second.")
    slow = first.start(target, slow=True)
    wait_for(lambda: uploading(target), "the first upload")
    code, _, err = second.publish(target)
    assert code == 1
    (line,) = [line for line in err.splitlines() if line.startswith("publish: another")]
    assert line.startswith(f"publish: another publish is running on {target}/: ")
    assert f"(pid {slow.pid}), started " in line
    assert finish(slow)[0] == 0
    assert site_digest(target / "current") == site_digest(first.built)
    assert len(history(target)) == 1


def test_two_publishes_from_one_checkout_never_share_the_build_folder(tmp_path, target):
    checkout = Checkout(tmp_path, "a", "One desk.")
    slow = checkout.start(target, slow=True)
    wait_for(lambda: uploading(target), "the first upload")
    code, _, err = checkout.publish(target)
    assert code == 1
    assert "publish: another publish from this checkout is running: " in err
    assert "Traceback" not in err
    assert finish(slow)[0] == 0
    assert site_digest(target / "current") == site_digest(checkout.built)


@pytest.mark.parametrize("trial", range(3))
def test_publishes_started_together_each_go_live_as_one_build(tmp_path, target, trial):
    checkouts = [Checkout(tmp_path, name, f"Desk {name}.") for name in ("a", "b", "c")]
    running = [c.start(target, wait=True, slow=(trial == 1)) for c in checkouts]
    for process in running:
        code, _, err = finish(process)
        assert code == 0, err
    switches = history(target)
    assert len({s.release for s in switches}) == 3
    assert_every_release_is_one_build(target, *(c.built for c in checkouts))
    assert not list(target.glob(".incoming-*")) and not (target / ".publish-lock").exists()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_mid_upload_stops_rsync_and_leaves_the_live_site(tmp_path, target, sig):
    checkout = Checkout(tmp_path, "a", "First edition.")
    assert checkout.publish(target)[0] == 0
    live = site_digest(target / "current")
    checkout.site.add_article("more", article(title="Harbour wall repaired"))
    checkout.site.write("images/data-a.bin", os.urandom(600_000))
    slow = checkout.start(target, slow=True)
    wait_for(lambda: uploading(target), "the upload")
    slow.send_signal(sig)
    code, _, err = finish(slow, timeout=30)
    assert code == 1
    assert err.strip().splitlines()[-1].startswith(f"publish: stopped by {sig.name}; ")
    assert rsyncs_writing_to(target) == []
    assert site_digest(target / "current") == live
    assert not (target / ".publish-lock").exists()
    code, out, err = checkout.publish(target)
    assert code == 0, err
    assert "publish: removed what failed publishes left: .incoming-" in out


def rsyncs_writing_to(target: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "rsync" in command and str(target) in command:
            found.append(command)
    return found


def publish_edition(site: Site, target: Path, workdir: Path, text: str):
    site.add_article("ferry", article(), text)
    overrides = {"PATH": str(site.content), "BUILD_TIME": BUILD_TIME}
    env = {"NEWS_DEPLOY_TARGET": "local", "NEWS_DEPLOY_PATH": str(target)}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        return publish_site(PUBLISH_SETTINGS, workdir, overrides=overrides, echo=None)


def rollback(target: Path, to=None):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWS_DEPLOY_TARGET", "local")
        patch.setenv("NEWS_DEPLOY_PATH", str(target))
        return rollback_site(PUBLISH_SETTINGS, to=to, echo=None)


def served(target: Path) -> str:
    """The story's page now live (typogrify joins a body's last two words with &nbsp;)."""
    return (target / "current/2026/11/ferry-timetable-approved/index.html").read_text()


def test_rollback_after_a_rollback_and_a_publish_goes_to_what_was_live(tmp_path, target):
    site, work = Site(tmp_path / "site"), tmp_path / "work"
    g8 = publish_edition(site, target, work, "Edition eight of the story.").release_id
    publish_edition(site, target, work, "Edition nine of the story.")
    assert rollback(target).release_id == g8
    publish_edition(site, target, work, "Edition ten of the story.")
    assert rollback(target).release_id == g8
    assert "Edition eight of the" in served(target)


def test_a_release_left_by_a_failed_switch_is_never_served_and_is_cleared(tmp_path, target):
    site, work = Site(tmp_path / "site"), tmp_path / "work"
    g1 = publish_edition(site, target, work, "Edition one of the story.").release_id
    g2 = publish_edition(site, target, work, "Edition two of the story.").release_id
    # What a switch that failed after the upload leaves: a whole release, never live.
    failed = "29991231T235959Z-001-abcdef"
    shutil.copytree(target / "releases" / g2, target / "releases" / failed, symlinks=True)
    with pytest.raises(PublishFailed, match="never went live"):
        rollback(target, to=failed)
    assert rollback(target).release_id == g1
    assert "Edition one of the" in served(target)
    report = publish_edition(site, target, work, "Edition three of the story.")
    assert f"releases/{failed}" in report.deployed.removed
    assert not (target / "releases" / failed).exists()
    assert rollback(target).release_id == g1


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_cleared_by_the_next_publish_itself(tmp_path, small_disk):
    target, site, work = small_disk / "www", Site(tmp_path / "site"), tmp_path / "work"
    reports = []
    for edition in range(4):
        site.write("images/data.bin", os.urandom(1_500_000))  # each release its own 1.5 MB
        reports.append(publish_edition(site, target, work, f"Edition {edition} of the story."))
    ids = [report.release_id for report in reports]
    # Three releases (the pages shared through hard links, 1.5 MB each their own) fill the
    # 8 MB disk: the fourth publish pruned the oldest first, keeping the live one and the one
    # rollback goes to, though keep_releases (5) would have kept it.
    assert reports[-1].deployed.pruned == [ids[0]]
    assert sorted(os.listdir(target / "releases")) == ids[1:]
    assert rollback(target).release_id == ids[-2]
    assert "Edition 2 of the" in served(target)


def test_invoke_releases_lists_what_was_live_and_where_rollback_goes(tmp_path, target):
    site, work = Site(tmp_path / "site"), tmp_path / "work"
    first = publish_edition(site, target, work, "Edition one of the story.").release_id
    second = publish_edition(site, target, work, "Edition two of the story.").release_id
    env = {**os.environ, "NEWS_DEPLOY_TARGET": "local", "NEWS_DEPLOY_PATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "releases"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{second} [current]: publish 20")
    assert lines[1].startswith(f"{first} [rollback goes here]: publish 20")
    assert lines[0].endswith(f" by {getpass.getuser()}@{socket.gethostname()}")
