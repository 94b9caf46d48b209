"""`invoke publish` and `invoke rollback`: build for the live site, gate, deploy.

The order is the promise: settings are checked first, the site is built with publishconf.py
into a fresh folder (a failed build stops here), the built site and the content lint (warnings
count as errors when publishing) must be clean, and only then is anything uploaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from newsroom.build import BuildFailed, build, load_settings

from .deploy import DeployError
from .gate import GateFailed, Problem
from .pipeline import publish, rollback
from .settings import PublishSettingsError, publish_settings

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
            yield Problem(finding.path, finding.line, f"lint {finding.severity}: {finding}")

    return check


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
        publish_settings(settings)  # bad deploy settings fail before a minute of building
        site = Path(workdir) / "site"
        shutil.rmtree(site, ignore_errors=True)
        # A release is rendered whole: no page is taken from an earlier build, and the page
        # store `invoke build` keeps for output/ is left alone.
        result = build(settings_file, site, {**(overrides or {}), "PAGE_CACHE": ""})
        if echo:
            echo(f"publish: built {site} in {result.seconds:.1f} s")
        return publish(
            site, settings, dry_run=dry_run, extra_checks=[lint_check(settings)], echo=echo
        )
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
