"""`invoke import --wordpress EXPORT.xml [--uploads DIR]`: read, plan, write, report."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .plan import plan_import
from .report import item_lines, summary_table, totals
from .write import taken_paths, write_plan
from .wxr import read_export


def import_wordpress(export_file, *, content_dir, declared, uploads=None, now=None, console=None):
    """Import one export into `content_dir`; returns (plan, write result)."""
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import Progress  # noqa: PLC0415

    console = console or Console()
    export = read_export(Path(export_file))
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Converting", total=len(export.items))
        plan = plan_import(
            export,
            declared=declared,
            now=now or datetime.now(UTC),
            uploads_dir=Path(uploads) if uploads else None,
            taken=taken_paths(Path(content_dir)),
            advance=lambda: progress.advance(task),
        )
    result = write_plan(plan, Path(content_dir))
    for line in item_lines(plan, result):
        console.print(line)
    console.print(summary_table(plan, result))
    console.print(totals(plan, result))
    return plan, result
