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


def _strings(value, prefix, seen=None):
    """YAML aliases share one list or mapping between keys: visit each container once, or
    an alias bomb (nine lists of nine aliases, eight deep) means 43 million visits."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield prefix, value
        return
    if not isinstance(value, (dict, list)) or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{prefix}.{key}" if prefix else str(key), seen)
    else:
        for index, item in enumerate(value):
            yield from _strings(item, f"{prefix}[{index}]", seen)
