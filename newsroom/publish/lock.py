"""One publish at a time: a lock on the target (beside the releases) and one per checkout.

The target's lock is a directory, `<path>/.publish-lock/` (mkdir is atomic on every file
system, over SSH too), holding one line naming its owner: host, user, pid, start time and a
token. A lock is stale when its owner ran on this host and its process is gone, or when it is
older than `lock_stale_after` seconds (an owner on another host cannot be asked); a stale lock
is removed, and said so. The checkout's lock is flock(2) on `<workdir>/lock`: the kernel drops
it when its process dies, so it is never stale.
"""

from __future__ import annotations

import errno
import fcntl
import getpass
import os
import secrets
import shlex
import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .processes import DeployError

LOCK_DIR = ".publish-lock"
PROGRESS_EVERY_SECONDS = 10
POLL_SECONDS = 1


@dataclass(frozen=True)
class Owner:
    host: str
    user: str
    pid: int
    started: int  # Unix time
    token: str

    @classmethod
    def me(cls) -> Owner:
        return cls(
            socket.gethostname(), getpass.getuser(), os.getpid(), int(time.time()),
            secrets.token_hex(4),
        )  # fmt: skip

    def line(self) -> str:
        return f"{self.host} {self.user} {self.pid} {self.started} {self.token}"

    @classmethod
    def parse(cls, line: str) -> Owner | None:
        parts = line.split()
        if len(parts) != 5 or not parts[2].isdigit() or not parts[3].isdigit():
            return None
        return cls(parts[0], parts[1], int(parts[2]), int(parts[3]), parts[4])

    def describe(self) -> str:
        started = datetime.fromtimestamp(self.started, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"{self.user}@{self.host} (pid {self.pid}), started {started}"

    def is_stale(self, stale_after: int) -> bool:
        if time.time() - self.started > stale_after:
            return True
        return self.host == socket.gethostname() and not _process_exists(self.pid)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError as exc:
        return exc.errno == errno.EPERM  # alive, someone else's
    return True


@contextmanager
def target_lock(host, config: dict, *, wait: bool, echo):
    """Hold the target's lock inside the block; waits (with `wait`) or refuses at once."""
    me = Owner.me()
    _take(host, me, config, wait, echo)
    try:
        yield me
    finally:
        _give_back(host, me)


def _take(host, me: Owner, config: dict, wait: bool, echo) -> None:
    lock = shlex.quote(f"{host.path}/{LOCK_DIR}")
    script = (
        f"mkdir -p {shlex.quote(host.path)} && if mkdir {lock} 2>/dev/null; then "
        f"printf '%s\\n' {shlex.quote(me.line())} > {lock}/owner; echo taken; "
        f"else echo held; cat {lock}/owner 2>/dev/null || true; fi"
    )
    waited_since, last_said = time.monotonic(), 0.0
    while True:
        answer = host.run(script, "taking the publish lock").splitlines()
        if answer and answer[0] == "taken":
            return
        owner = Owner.parse(answer[1]) if len(answer) > 1 else None
        if owner is None or owner.is_stale(config["lock_stale_after"]):
            _break(host, answer[1] if len(answer) > 1 else "", echo, owner)
            continue
        if not wait:
            raise DeployError(
                f"publish: another publish is running on {host.location}: {owner.describe()}; "
                "nothing was uploaded. Run again when it is done, or with --wait to wait for it"
            )
        waited = time.monotonic() - waited_since
        if waited > config["lock_wait"]:
            raise DeployError(
                f"publish: gave up after waiting {int(waited)} s for the publish by "
                f"{owner.describe()}; nothing was uploaded"
            )
        if echo and time.monotonic() - last_said >= PROGRESS_EVERY_SECONDS:
            echo(f"publish: waiting for the publish by {owner.describe()} ({int(waited)} s)")
            last_said = time.monotonic()
        time.sleep(POLL_SECONDS)


def _break(host, seen: str, echo, owner: Owner | None) -> None:
    """Remove a stale lock, only if it is still the one judged stale."""
    lock = shlex.quote(f"{host.path}/{LOCK_DIR}")
    host.run(
        f'if [ "$(cat {lock}/owner 2>/dev/null)" = {shlex.quote(seen)} ]; then rm -rf {lock}; fi',
        "removing a stale publish lock",
    )
    if echo:
        who = owner.describe() if owner else "an unreadable owner"
        echo(f"publish: removed a stale publish lock left by {who}")


def _give_back(host, me: Owner) -> None:
    lock = shlex.quote(f"{host.path}/{LOCK_DIR}")
    host.run(
        f'if [ "$(cat {lock}/owner 2>/dev/null)" = {shlex.quote(me.line())} ]; then '
        f"rm -rf {lock}; fi",
        "releasing the publish lock",
    )


@contextmanager
def checkout_lock(workdir: Path, *, wait: bool, echo, wait_limit: int):
    """One publish at a time from this checkout: its build folder is shared."""
    workdir.mkdir(parents=True, exist_ok=True)
    handle = open(workdir / "lock", "a+", encoding="utf-8")  # noqa: SIM115 (held until the end)
    try:
        _flock(handle, wait, echo, wait_limit, workdir)
        handle.seek(0)
        handle.truncate()
        handle.write(Owner.me().line() + "\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing drops the flock


def _flock(handle, wait: bool, echo, wait_limit: int, workdir: Path) -> None:
    started, last_said = time.monotonic(), 0.0
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        handle.seek(0)
        owner = Owner.parse(handle.read().strip())
        who = owner.describe() if owner else "another process"
        if not wait:
            raise DeployError(
                f"publish: another publish from this checkout is running: {who}; it builds "
                f"into {workdir}. Run again when it is done, or with --wait to wait for it"
            )
        if time.monotonic() - started > wait_limit:
            raise DeployError(f"publish: gave up waiting for the publish by {who}")
        if echo and time.monotonic() - last_said >= PROGRESS_EVERY_SECONDS:
            echo(f"publish: waiting for the publish by {who} from this checkout")
            last_said = time.monotonic()
        time.sleep(POLL_SECONDS)
