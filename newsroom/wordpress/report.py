"""What the import did, for the editor: a summary table, then every item that needs a look."""

from __future__ import annotations

from collections import Counter

from rich.markup import escape
from rich.table import Table

from .plan import ImportPlan
from .write import WriteResult

OUTCOMES = ("published", "scheduled", "draft", "not imported", "duplicate")


def figures(plan: ImportPlan, result: WriteResult) -> dict:
    """The numbers the summary table shows (also what tests and the README quote)."""
    by_type = Counter((e.post_type, e.outcome) for e in plan.entries)
    return {
        "by_type": dict(sorted(by_type.items())),
        "redirects": sum(len(e.redirects) for e in plan.entries),
        "unreachable": sum(len(e.unreachable) for e in plan.entries),
        "ignored": dict(sorted(plan.ignored.items())),
        "remote": len(plan.remote),
        "written": len(result.written),
        "kept": len(result.kept),
        "conflicts": len(result.conflicts),
        "sections_added": list(result.sections_added),
        "images_copied": len(result.images_copied),
    }


def summary_table(plan: ImportPlan, result: WriteResult) -> Table:
    numbers = figures(plan, result)
    table = Table(title="WordPress import")
    table.add_column("what")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    for post_type in ("post", "page"):
        row = [str(numbers["by_type"].get((post_type, o), 0)) for o in OUTCOMES]
        table.add_row(f"{post_type}s", *row)
    return table


def totals(plan: ImportPlan, result: WriteResult) -> str:
    numbers = figures(plan, result)
    ignored = ", ".join(f"{count} {kind}" for kind, count in numbers["ignored"].items())
    return "\n".join(
        (
            f"files written {numbers['written']}, already imported {numbers['kept']}, "
            f"not overwritten {numbers['conflicts']}",
            f"redirects {numbers['redirects']}, old URLs without a static redirect "
            f"{numbers['unreachable']}",
            f"images copied {numbers['images_copied']}, remote {numbers['remote']}",
            f"sections added: {', '.join(numbers['sections_added']) or 'none'}",
            f"ignored: {ignored or 'nothing'}",
        )
    )


def item_lines(plan: ImportPlan, result: WriteResult) -> list[str]:
    """One block per item with a reason, a note or an old URL that cannot redirect."""
    lines = []
    for entry in plan.entries:
        if not (entry.reasons or entry.notes or entry.unreachable):
            continue
        where = entry.path or "(no file)"
        title = escape(entry.title or "(no title)")
        lines.append(
            f"[bold]{entry.post_type} {entry.wp_id}[/] {title} → {escape(where)}: {entry.outcome}"
        )
        lines += [f"  [yellow]{entry.outcome} because[/] {escape(r)}" for r in entry.reasons]
        lines += [f"  note: {escape(n)}" for n in entry.notes]
        lines += [f"  old URL not redirected: {escape(u)}" for u in entry.unreachable]
    lines += [f"[red]not written[/] {escape(p)}: {escape(why)}" for p, why in result.conflicts]
    lines += [f"remote attachment (not in --uploads): {escape(url)}" for url in plan.remote]
    return lines
