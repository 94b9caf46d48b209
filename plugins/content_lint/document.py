"""One file as the rules see it: path, raw text, front-matter dict, Markdown body, line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = "article"
PAGE = "page"
AUTHOR = "author"


@dataclass
class LintDocument:
    path: str  # as shown in findings
    text: str
    metadata: dict
    body: str
    body_line: int = 1  # file line of the body's first line
    key_lines: dict = field(default_factory=dict)  # "key" / "key.sub" / "key[0]" -> file line
    kind: str = ARTICLE
    folder: Path | None = None  # the file's folder, for relative links; None: the content dir

    def line_of(self, key: str) -> int:
        while key:
            if key in self.key_lines:
                return self.key_lines[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return 1

    def body_lines(self):
        """(file line, text) for each body line, skipping fenced code blocks."""
        fenced = False
        for offset, line in enumerate(self.body.split("\n")):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
                continue
            if not fenced:
                yield self.body_line + offset, line

    def string_values(self):
        """(key path, text) for every string in the front matter, nested ones included."""
        yield from _strings(self.metadata, "")


def _strings(value, prefix):
    if isinstance(value, str):
        yield prefix, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{prefix}[{index}]")
