"""The URL ledger in a publish: taken in from the target, checked under the target's lock,
recorded after the switch (newsroom_core.ledger holds the format and the build's side)."""

from __future__ import annotations

from pathlib import Path

from newsroom_core.ledger import (
    LEDGER_NAME,
    Ledger,
    gone_message,
    ledger_file,
    parse_ledger,
    read_ledger,
    save_as_for,
    write_ledger,
)

from .deploy import read_target_ledger, write_target_ledger
from .gate import Problem
from .settings import missing_target


class LedgerError(Exception):
    """The ledger (ours or the target's) cannot be read; `messages` say where and why."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


def take_target_ledger(settings: dict, config: dict, echo) -> Ledger:
    """The content's URL ledger, with any URL the target's copy holds that it lacks (another
    checkout published them); written back to the content folder when that added some."""
    path = ledger_file(settings)
    ledger, errors = read_ledger(path)
    if errors:
        raise LedgerError([str(error) for error in errors])
    remote = None if missing_target(config) else read_target_ledger(config, LEDGER_NAME)
    if remote is None:
        return ledger
    theirs, errors = parse_ledger(remote, f"{config['path']}/{LEDGER_NAME} on the target")
    if errors:
        raise LedgerError([str(error) for error in errors])
    merged = ledger.with_entries(theirs.entries)
    added = len(merged.entries) - len(ledger.entries)
    if added:
        write_ledger(path, merged)
        if echo:
            echo(f"publish: {added} URLs from the target's ledger added to {path.name}")
    return merged


def ledger_check(settings: dict, config: dict, echo):
    """A gate check, run under the target's lock: every URL that ever went live, by this
    checkout or another (the target's ledger is read again), is served by this build (the
    story, its withdrawal notice or a redirect). A checkout behind the live site is refused
    instead of taking another editor's stories down."""

    def check(site_dir: Path):
        for entry in take_target_ledger(settings, config, echo).entries:
            if not (site_dir / save_as_for(entry.url)).is_file():
                yield Problem(LEDGER_NAME, 1, gone_message(entry))

    return check


def record_live_urls(settings: dict, config: dict, built: Ledger, echo) -> None:
    """After the switch (still under the lock): the URLs now live, in the content folder and
    beside the releases."""
    path = ledger_file(settings)
    before, _ = read_ledger(path)
    ledger = before.with_entries(built.entries)
    if write_ledger(path, ledger) and echo:
        added = len(ledger.entries) - len(before.entries)
        echo(f"publish: {added} new URLs recorded in {path}; commit it with the content")
    if not missing_target(config):
        write_target_ledger(config, path)
