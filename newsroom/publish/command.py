"""`invoke publish` and `invoke rollback`: build for the live site, gate, deploy.

The order is the promise: settings are checked first, the site is built with publishconf.py
into a fresh folder (a failed build stops here), the built site and the content lint (warnings
count as errors when publishing) must be clean, and only then is anything uploaded.
"""

from __future__ import annotations

from pathlib import Path

from newsroom.build import BuildFailed, build, load_settings
from newsroom_core.ledger import LIVE_URLS_REPORT
from newsroom_core.output import SCHEDULED_REPORT

from .gate import GateFailed, Problem
from .ledger import LedgerError, ledger_check, record_live_urls, take_target_ledger
from .lock import checkout_lock
from .pipeline import publish, releases, rollback
from .processes import DeployError, Interrupted, interrupts_raise
from .settings import PublishSettingsError, publish_settings

FAILURES = (BuildFailed, GateFailed, DeployError, PublishSettingsError, LedgerError)


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
            message = (
                f"lint {finding.severity} {finding.rule}: {finding.message} (fix: {finding.hint})"
            )
            yield Problem(finding.path, finding.line, message)

    return check


def held_back(scheduled: list[dict]) -> str:
    """Which scheduled stories this publish leaves out, and when each is due."""
    if not scheduled:
        return "publish: no scheduled stories held back"
    lines = [f"publish: held back {len(scheduled)} scheduled stories until they are due:"]
    lines += [f"  {s['due']}  {s['source']}  {s['title']}" for s in scheduled]
    return "\n".join(lines)


PUBLISH_PAGE_STORE = "pages.pickle"  # in the publish work folder, beside the built site


def publish_site(
    settings_file: Path,
    workdir: Path,
    *,
    overrides: dict | None = None,
    dry_run: bool = False,
    wait: bool = False,
    echo=print,
):
    """Build, gate and deploy; raise PublishFailed with the reason, having uploaded nothing.
    One publish at a time per checkout (its build folder) and per target (with `wait`, a
    second one waits for the first instead of refusing)."""
    try:
        with interrupts_raise():
            settings = load_settings(settings_file, overrides)
            # Bad deploy settings fail before a minute of building; a dry run may have no target.
            config = publish_settings(settings, require_target=not dry_run)
            workdir = Path(workdir)
            with checkout_lock(workdir, wait=wait, echo=echo, wait_limit=config["lock_wait"]):
                return _build_and_publish(settings_file, settings, config, workdir, overrides,
                                          dry_run, wait, echo)  # fmt: skip
    except FAILURES as failure:
        raise PublishFailed(_describe(failure)) from None
    except (KeyboardInterrupt, Interrupted) as stop:
        name = stop.signal_name if isinstance(stop, Interrupted) else "SIGINT"
        raise PublishFailed(
            f"publish: stopped by {name}; every command it started was stopped, and the live "
            "site is unchanged unless the switch had already been made (`invoke releases`)"
        ) from None


def _build_and_publish(settings_file, settings, config, workdir, overrides, dry_run, wait, echo):
    take_target_ledger(settings, config, echo)  # so this build keeps every live URL
    site = workdir / "site"
    # Built where the last publish built it, with a page store of its own (the one `invoke
    # build` keeps for output/ is left alone): only the pages whose inputs changed are
    # rendered. The build moves in only changed files and removes every other file, the last
    # publish's precompressed copies too, so what is gated and uploaded is this build alone.
    pages = {"PAGE_CACHE": str(workdir / PUBLISH_PAGE_STORE)}
    result = build(settings_file, site, {**(overrides or {}), **pages})
    if echo:
        rendered = len(result.report.get("pages rendered", ()))
        reused = result.report.get("pages reused", 0)
        echo(
            f"publish: built {site} in {result.seconds:.1f} s ({rendered} pages rendered, "
            f"{reused} unchanged since the last publish)"
        )
        echo(held_back(result.report.get(SCHEDULED_REPORT, [])))
    return publish(
        site,
        settings,
        dry_run=dry_run,
        extra_checks=[lint_check(settings), ledger_check(settings, config, echo)],
        echo=echo,
        wait=wait,
        after_switch=lambda _: record_live_urls(
            settings, config, result.report[LIVE_URLS_REPORT], echo
        ),
    )


def rollback_site(
    settings_file: Path, *, to: str | None = None, overrides=None, wait=False, echo=print
):
    try:
        with interrupts_raise():
            return rollback(load_settings(settings_file, overrides), to=to, wait=wait, echo=echo)
    except FAILURES as failure:
        raise PublishFailed(_describe(failure)) from None


def list_releases(settings_file: Path, *, overrides=None) -> list[str]:
    try:
        return releases(load_settings(settings_file, overrides))
    except FAILURES as failure:
        raise PublishFailed(_describe(failure)) from None


def _describe(failure: Exception) -> str:
    if isinstance(failure, (BuildFailed, LedgerError)):
        count = len(failure.messages)
        lines = [f"publish: the build failed with {count} error(s); nothing uploaded:"]
        return "\n".join(lines + failure.messages)
    return str(failure)
