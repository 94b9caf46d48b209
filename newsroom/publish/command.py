"""`invoke publish` and `invoke rollback`: build for the live site, gate, deploy.

The order is the promise: settings are checked first, the site is built with publishconf.py
into a fresh folder (a failed build stops here), the built site and the content lint (warnings
count as errors when publishing) must be clean, and only then is anything uploaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from newsroom.build import BuildFailed, build, load_settings
from newsroom_core.ledger import (
    LEDGER_NAME,
    LIVE_URLS_REPORT,
    Ledger,
    gone_message,
    ledger_file,
    parse_ledger,
    read_ledger,
    save_as_for,
    write_ledger,
)
from newsroom_core.output import SCHEDULED_REPORT

from .deploy import DeployError, read_target_ledger, write_target_ledger
from .gate import GateFailed, Problem
from .pipeline import publish, rollback
from .settings import PublishSettingsError, missing_target, publish_settings

FAILURES = (BuildFailed, GateFailed, DeployError, PublishSettingsError)


class PublishFailed(Exception):
    exitcode = 1


def lint_check(settings: dict):
    """A gate check: every lint finding in the content folder, warnings included, and every
    site link in the content that names no page of the built site (at its source line)."""

    def check(site_dir: Path):
        from content_lint import content_folders, lint_with_site_links, missing_pages  # noqa: PLC0415

        findings, links = lint_with_site_links(content_folders(settings), settings)
        site_url = settings.get("SITEURL", "")
        findings += missing_pages(links, lambda relative: (site_dir / relative).is_file(), site_url)
        for finding in findings:
            if finding.held:
                continue  # an unfinished draft is not built, so it cannot be published
            yield Problem(finding.path, finding.line, f"lint {finding.severity}: {finding}")

    return check


def ledger_check(ledger: Ledger):
    """A gate check: every URL that ever went live is served by this build (the story, its
    withdrawal notice or a redirect)."""

    def check(site_dir: Path):
        for entry in ledger.entries:
            if not (site_dir / save_as_for(entry.url)).is_file():
                yield Problem(LEDGER_NAME, 1, gone_message(entry))

    return check


def take_target_ledger(settings: dict, config: dict, echo) -> Ledger:
    """The content's URL ledger, with any URL the target's copy holds that it lacks (another
    checkout published them); written back to the content folder when that added some."""
    path = ledger_file(settings)
    ledger, errors = read_ledger(path)
    if errors:
        raise BuildFailed([str(error) for error in errors])
    remote = None if missing_target(config) else read_target_ledger(config, LEDGER_NAME)
    if remote is None:
        return ledger
    theirs, errors = parse_ledger(remote, f"{config['path']}/{LEDGER_NAME} on the target")
    if errors:
        raise BuildFailed([str(error) for error in errors])
    merged = ledger.with_entries(theirs.entries)
    added = len(merged.entries) - len(ledger.entries)
    if added:
        write_ledger(path, merged)
        if echo:
            echo(f"publish: {added} URLs from the target's ledger added to {path.name}")
    return merged


def record_live_urls(settings: dict, config: dict, ledger: Ledger, echo) -> None:
    """After the switch: the URLs now live, in the content folder and beside the releases."""
    path = ledger_file(settings)
    before, _ = read_ledger(path)
    if write_ledger(path, ledger) and echo:
        added = len(ledger.entries) - len(before.entries)
        echo(f"publish: {added} new URLs recorded in {path}; commit it with the content")
    write_target_ledger(config, path)


def held_back(scheduled: list[dict]) -> str:
    """Which scheduled stories this publish leaves out, and when each is due."""
    if not scheduled:
        return "publish: no scheduled stories held back"
    lines = [f"publish: held back {len(scheduled)} scheduled stories until they are due:"]
    lines += [f"  {s['due']}  {s['source']}  {s['title']}" for s in scheduled]
    return "\n".join(lines)


def publish_site(
    settings_file: Path,
    workdir: Path,
    *,
    overrides: dict | None = None,
    dry_run: bool = False,
    echo=print,
):
    """Build, gate and deploy; raise PublishFailed with the reason, having uploaded nothing."""
    try:
        settings = load_settings(settings_file, overrides)
        # Bad deploy settings fail before a minute of building; a dry run may have no target.
        config = publish_settings(settings, require_target=not dry_run)
        ledger = take_target_ledger(settings, config, echo)
        site = Path(workdir) / "site"
        shutil.rmtree(site, ignore_errors=True)
        # A release is rendered whole: no page is taken from an earlier build, and the page
        # store `invoke build` keeps for output/ is left alone.
        result = build(settings_file, site, {**(overrides or {}), "PAGE_CACHE": ""})
        if echo:
            echo(f"publish: built {site} in {result.seconds:.1f} s")
            echo(held_back(result.report.get(SCHEDULED_REPORT, [])))
        checks = [lint_check(settings), ledger_check(ledger)]
        report = publish(site, settings, dry_run=dry_run, extra_checks=checks, echo=echo)
        if not report.dry_run:
            record_live_urls(settings, config, result.report[LIVE_URLS_REPORT], echo)
        return report
    except FAILURES as failure:
        raise PublishFailed(_describe(failure)) from None


def rollback_site(settings_file: Path, *, to: str | None = None, overrides=None, echo=print):
    try:
        return rollback(load_settings(settings_file, overrides), to=to, echo=echo)
    except FAILURES as failure:
        raise PublishFailed(_describe(failure)) from None


def _describe(failure: Exception) -> str:
    if isinstance(failure, BuildFailed):
        count = len(failure.messages)
        lines = [f"publish: the build failed with {count} error(s); nothing uploaded:"]
        return "\n".join(lines + failure.messages)
    return str(failure)
