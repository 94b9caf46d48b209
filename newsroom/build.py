"""Run Pelican in-process: build into a staging folder, move it in only when the build passed.

A failed build leaves the previous output untouched, so nothing half-written is ever served or
published. A passed build replaces only the files whose bytes changed and removes the ones it
no longer writes, so unchanged files keep their mtimes.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from newsroom_core.errors import BUILD_ERRORS, ContentErrors  # noqa: E402
from newsroom_core.output import (  # noqa: E402
    FINAL_OUTPUT_KEY,
    discard_pending,
    kept_files,
    run_after_swap_in,
    take_report,
)
from newsroom_core.settings import SettingsError  # noqa: E402
from newsroom_core.signals import disconnect_all  # noqa: E402

from . import last_build  # noqa: E402


class BuildFailed(Exception):
    """The build stopped; `messages` are what the editor must fix."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class BuildResult:
    output: Path
    seconds: float
    warnings: list[str] = field(default_factory=list)
    report: dict = field(default_factory=dict)  # what plugins counted (pages rendered, ...)
    # Set when the build was skipped: nothing it reads had changed since this last build.
    unchanged: last_build.Unchanged | None = None


class _WarningRecorder(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        if record.levelno == logging.WARNING:
            self.records.append(record.getMessage())


def load_settings(settings_file: Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings  # noqa: PLC0415

    return read_settings(str(settings_file), override=overrides or {})


def build(
    settings_file: Path,
    output: Path | None = None,
    overrides: dict | None = None,
    skip_unchanged: bool = False,
) -> BuildResult:
    """Build the site; raise BuildFailed with every error found. `output` ends up holding
    exactly this build's files. With `skip_unchanged`, a build whose inputs, output folder and
    clock are what the last passed build saw does not run (newsroom.last_build)."""
    from pelican import Pelican  # noqa: PLC0415

    started = time.perf_counter()
    overrides = dict(overrides or {})
    settings = load_settings(settings_file, overrides)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    if skip_unchanged:
        found = last_build.unchanged(settings, settings_file, output)
        if found is not None:
            seconds = time.perf_counter() - started
            return BuildResult(output, seconds, found.warnings, unchanged=found)
        snapshot = last_build.take_snapshot(settings, settings_file)  # before anything is read
    staging = output.with_name(output.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    settings["OUTPUT_PATH"] = str(staging)
    settings[FINAL_OUTPUT_KEY] = str(output)  # where unchanged pages can be taken from
    recorder = _WarningRecorder()
    logging.getLogger().addHandler(recorder)
    disconnect_all()  # only this build's PLUGINS may answer its signals
    discard_pending()
    take_report()
    try:
        Pelican(settings).run()
        BUILD_ERRORS.raise_if_any()  # anything a late handler found after the last check
    except ContentErrors as exc:
        raise BuildFailed([str(e) for e in exc.errors]) from None
    except SettingsError as exc:
        raise BuildFailed([str(exc)]) from None
    finally:
        logging.getLogger().removeHandler(recorder)
    try:
        _swap_in(staging, output, kept_files())
        run_after_swap_in(output)
    finally:
        discard_pending()
    report = take_report()
    if skip_unchanged:
        last_build.remember(snapshot, settings, output, recorder.records, report)
    return BuildResult(output, time.perf_counter() - started, recorder.records, report)


def _swap_in(staging: Path, output: Path, kept: frozenset[str] = frozenset()) -> None:
    """Move the finished build into `output`, leaving alone every file whose bytes did not
    change: its mtime stays, so a server, a CDN or rsync sees only what this build changed.
    `kept` files are already there (reused pages, images): they are not in staging at all.
    Paths are plain strings here: at 10,000 articles there are some 36,000 files."""
    if not output.is_dir():
        if kept:  # only a file found in `output` is ever kept
            raise RuntimeError(f"{output} went away during the build; build again")
        if output.exists():
            output.unlink()
        staging.rename(output)
        return
    built: set[str] = set(kept)
    folders_ready: set[str] = set()
    for folder, _, files in os.walk(staging):
        relative_folder = os.path.relpath(folder, staging)
        for name in files:
            relative = name if relative_folder == "." else os.path.join(relative_folder, name)
            built.add(relative)
            target = os.path.join(output, relative)
            if not _same_file_or_bytes(os.path.join(folder, name), target):
                _make_folder_for(target, output, folders_ready)
                os.replace(os.path.join(folder, name), target)
    _remove_stale(output, built)
    shutil.rmtree(staging, ignore_errors=True)


def _same_file_or_bytes(new: str, target: str) -> bool:
    """True when `target` is a plain file with the bytes of `new`; a folder in its place goes."""
    try:
        found = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if stat.S_ISDIR(found.st_mode):
        shutil.rmtree(target)  # a folder where the new build has a file
        return False
    if not stat.S_ISREG(found.st_mode):
        return False
    made = os.stat(new)
    if (made.st_ino, made.st_dev) == (found.st_ino, found.st_dev):
        return True  # a reused search shard: both are hard links into .cache/pagefind
    if made.st_size != found.st_size:
        return False
    # Whole reads: pages and cards are small, and filecmp's 8 KiB chunks were 5x slower.
    with open(new, "rb") as first, open(target, "rb") as second:
        return first.read() == second.read()


def _make_folder_for(target: str, output: Path, ready: set[str]) -> None:
    """mkdir -p below `output`, removing a file (or link) the old build had where a folder
    now goes."""
    parent = os.path.dirname(target)
    if parent in ready:
        return
    folder = output
    for part in Path(parent).relative_to(output).parts:
        folder = folder / part
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        folder.mkdir(exist_ok=True)
    ready.add(parent)


def _remove_stale(output: Path, built: set[str]) -> None:
    """Files the new build did not write, and the folders that leaves empty."""
    for folder, subfolders, files in os.walk(output, topdown=False):
        relative_folder = os.path.relpath(folder, output)
        for name in files:
            relative = name if relative_folder == "." else os.path.join(relative_folder, name)
            if relative not in built:
                os.unlink(os.path.join(folder, name))
        for name in subfolders:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)


def print_failure(failure: BuildFailed) -> None:
    """Every error of a failed build on stderr, after a count."""
    count = len(failure.messages)
    print(f"Build failed with {count} error{'s' if count != 1 else ''}:", file=sys.stderr)
    for message in failure.messages:
        print(message, file=sys.stderr)


def main(argv=None) -> int:
    """`python -m newsroom.build`: build, print every error as path:line, exit 1 on failure."""
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument(
        "--force", action="store_true", help="build even when nothing changed since the last build"
    )
    args = parser.parse_args(argv)
    overrides = {"PATH": str(Path(args.content).resolve())} if args.content else {}
    output = Path(args.output) if args.output else None
    try:
        result = build(Path(args.settings), output, overrides, skip_unchanged=not args.force)
    except BuildFailed as failure:
        print_failure(failure)
        sys.exit(1)
    if result.unchanged is not None:
        print(
            f"Nothing changed since the build of {result.unchanged.built_at:%Y-%m-%d %H:%M:%S %Z}"
            f": {result.output} is up to date ({result.unchanged.files_checked:,} files checked "
            f"in {result.seconds:.1f} s; --force builds anyway)"
        )
    else:
        print(f"Built {result.output} in {result.seconds:.1f} s ({len(result.warnings)} warnings)")
    if "pages rendered" in result.report:
        rendered, reused = len(result.report["pages rendered"]), result.report["pages reused"]
        print(f"Pages: {rendered} rendered, {reused} unchanged since the last build")
    if "feeds rendered" in result.report:
        rendered, reused = len(result.report["feeds rendered"]), result.report["feeds reused"]
        print(f"Feeds: {rendered} written, {reused} unchanged since the last build")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    main()
