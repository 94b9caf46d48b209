"""Lint findings and how they are printed: one line per finding, or JSON for tools."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: str  # "error" | "warning"
    rule: str  # e.g. "residue-assistant"
    message: str
    hint: str
    # In an unfinished import draft (`needs:`): shown by `invoke lint` as found; in a build a
    # warning, and no gate of anyone else's publish (the file is not built).
    held: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        held = " [unfinished draft, held back]" if self.held else ""
        return f"{where}: {self.severity} {self.rule}: {self.message} (fix: {self.hint}){held}"


def format_text(findings) -> str:
    """Compiler-style lines, then a count: `path:line: severity rule-id: message (fix: hint)`."""
    findings = sorted(findings)
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    lines = [str(f) for f in findings]
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines)


def format_json(findings) -> str:
    return json.dumps([asdict(f) for f in sorted(findings)], ensure_ascii=False, indent=2)


def exit_code(findings, *, fail_on_warnings: bool = False) -> int:
    """1 when any error (or, for publishing, any warning) was found."""
    failing = {ERROR, WARNING} if fail_on_warnings else {ERROR}
    return 1 if any(f.severity in failing for f in findings) else 0
