"""The commands a publish runs (rsync, ssh, sh), each in a process group of its own.

An interrupt must not leave an upload running: Ctrl-C (SIGINT) and SIGTERM stop the publish,
and every command it started is stopped with its children (rsync's ssh included) before the
publish reports that it stopped.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import threading
from contextlib import contextmanager

STOP_GRACE_SECONDS = 5


class DeployError(Exception):
    exitcode = 1


class Interrupted(Exception):
    """SIGTERM or SIGHUP arrived (SIGINT arrives as KeyboardInterrupt)."""

    def __init__(self, signal_name: str):
        self.signal_name = signal_name
        super().__init__(signal_name)


def run(command: list[str], what: str) -> str:
    """Run `command`; its stdout, or DeployError with the cause first and the command last."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group: stopped as a whole on an interrupt
    )
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        stop_group(process)
        raise
    if process.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()[-5:]
        cause = "; ".join(line.strip() for line in detail) or "no message"
        raise DeployError(
            f"publish: {what} failed: {cause} (exit {process.returncode})\n"
            f"  command: {shlex.join(command)}"
        )
    return stdout


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the command's whole process group, SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_GRACE_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def interrupts_raise():
    """While inside, SIGTERM and SIGHUP raise Interrupted, as SIGINT raises KeyboardInterrupt,
    so `finally` blocks (locks, running commands) run on every way out."""

    def handler(signum, _frame):
        raise Interrupted(signal.Signals(signum).name)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own stay as they are
        return
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
