"""`publish()`: gate, precompress, deploy, report. `rollback()`: back to the previous release."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import deploy as targets
from .compress import CompressReport, compress_site
from .gate import require_clean_site
from .settings import missing_target, publish_settings


@dataclass
class PublishReport:
    site_dir: Path
    compressed: CompressReport
    deployed: targets.DeployResult

    @property
    def dry_run(self) -> bool:
        return self.deployed.dry_run

    @property
    def release_id(self) -> str | None:
        return self.deployed.release_id

    @property
    def files_transferred(self) -> int:
        return self.deployed.stats.files_transferred

    @property
    def bytes_sent(self) -> int:
        return self.deployed.stats.bytes_sent

    def summary(self) -> str:
        d = self.deployed
        verb = "would send" if d.dry_run else "sent"
        lines = [
            f"publish: gate passed for {self.site_dir}",
            f"publish: precompressed {len(self.compressed.written)} files "
            f"({self.compressed.unchanged} already up to date)",
        ]
        if d.no_target:
            return "\n".join(lines + self._without_target())
        if d.removed:
            lines.append(f"publish: removed what failed publishes left: {', '.join(d.removed)}")
        if d.unchanged:
            lines.append(
                f"publish: nothing changed since release {d.release_id}, which stays current "
                f"at {d.location}"
            )
            return "\n".join(lines)
        if d.dry_run:
            lines += [f"  {change}" for change in d.changes]
            lines.append(f"publish: dry run, nothing changed at {d.location}")
        lines.append(
            f"publish: {verb} {d.stats.files_transferred} changed files "
            f"({d.stats.file_bytes_transferred:,} bytes of files, "
            f"{d.stats.bytes_sent:,} bytes on the wire) to {d.location}"
        )
        if d.release_id and not d.dry_run:
            back = (
                f"invoke rollback goes back to {d.rollback_to}"
                if d.rollback_to
                else ("nothing to roll back to yet")
            )
            lines.append(
                f"publish: release {d.release_id} is current "
                f"(previous: {d.previous_id or 'none'}; {back})"
            )
        if d.pruned:
            lines.append(f"publish: removed old releases {', '.join(d.pruned)}")
        return "\n".join(lines)

    def _without_target(self) -> list[str]:
        d = self.deployed
        return [
            *(f"  {change}" for change in d.changes),
            f"publish: would upload {d.stats.files_transferred} files "
            f"({d.stats.file_bytes_transferred:,} bytes) and delete none, as a first release "
            "would: with no target there is no release to compare with",
            f"publish: dry run, no target is set: {d.no_target}",
        ]


def publish(
    site_dir,
    settings: dict,
    *,
    dry_run=False,
    extra_checks=(),
    echo=print,
    wait=False,
    after_switch=None,
):
    """Check `site_dir`, precompress it in place, deploy it; return a `PublishReport`.

    The gate, the upload, the switch and `after_switch(report)` run under the target's lock
    (`wait`: wait for another publish instead of refusing), so the checks see the target as
    the upload will find it. `settings` is the Pelican settings dict (`PUBLISH` and `SITEURL`
    are read). Raises `GateFailed` before anything is uploaded, `DeployError` if the lock, the
    upload or the switch failed (the served site is then unchanged), `PublishSettingsError`
    for bad settings.
    """
    config = publish_settings(settings, require_target=not dry_run)
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise targets.DeployError(f"publish: no built site at {site_dir}")
    with targets.locked_target(config, dry_run=dry_run, wait=wait, echo=echo):
        require_clean_site(site_dir, config["site_url"], extra_checks)
        compressed = (
            compress_site(site_dir, config["compress_min_bytes"], config["brotli_quality"])
            if config["compress"]
            else CompressReport()
        )
        missing = missing_target(config)  # only ever set for a dry run
        if missing:
            deployed = targets.preview_without_target(site_dir, config, missing)
        else:
            deployed = targets.deploy(site_dir, config, dry_run=dry_run)
        report = PublishReport(site_dir, compressed, deployed)
        if after_switch and not dry_run:
            after_switch(report)
    if echo:
        echo(report.summary())
    return report


def rollback(
    settings: dict, *, to: str | None = None, echo=print, wait=False
) -> targets.DeployResult:
    """Switch `current` back to the release that was live before it (or to release `to`)."""
    result = targets.rollback(publish_settings(settings), to=to, wait=wait, echo=echo)
    if echo:
        echo(
            f"publish: rolled back {result.location}current from "
            f"{result.previous_id or 'none'} to {result.release_id}"
        )
    return result


def releases(settings: dict) -> list[str]:
    """The kept releases with their history (`invoke releases`)."""
    return targets.release_listing(publish_settings(settings))
