"""YAML errors worded with the fix: PyYAML says "mapping values are not allowed here"; an
editor needs "a value containing ': ' must be quoted, e.g. title: "Council: the vote"".

A hint is given only when the line shows the cause; any other error keeps PyYAML's words.
"""

from __future__ import annotations

import re

import yaml

from .errors import ContentError

_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?$"
)
_NEEDS_QUOTES_FIRST = ("@", "`", "*")
_NOT_PLAIN = ("'", '"', "[", "{", "|", ">")


def yaml_error(path: str, yaml_lines: list[str], exc: yaml.YAMLError) -> ContentError:
    """The error at the line PyYAML names (file line = index + 2, below the opening '---')."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    index = mark.line if mark else 0
    problem = getattr(exc, "problem", None) or str(exc)
    hinted = hint_for(yaml_lines, index, problem)
    if hinted is None:
        return ContentError(path, index + 2, "front matter", f"invalid YAML: {problem}")
    key, hint = hinted
    column = f" (column {mark.column + 1})" if mark else ""
    message = f"YAML could not read this line: {problem}{column}; {hint}"
    return ContentError(path, index + 2, key, message)


def hint_for(yaml_lines: list[str], index: int, problem: str) -> tuple[str, str] | None:
    """(the key the line belongs to, how to fix it), or None when the line shows no cause."""
    text = yaml_lines[index] if 0 <= index < len(yaml_lines) else ""
    if text.lstrip().startswith("-"):
        return _list_hint(yaml_lines, index)
    found = _KEY_LINE.match(text)
    if not found or not found["value"]:
        return None
    key, value = found["key"], found["value"].strip()
    if value.startswith(_NEEDS_QUOTES_FIRST):
        return (
            key,
            f"a value starting with '{value[0]}' must be quoted, e.g. {key}: {quoted(value)}",
        )
    if "not allowed here" not in problem:
        return None
    if ": " in value and not value.startswith(_NOT_PLAIN):
        return key, f"a value containing ': ' must be quoted, e.g. {key}: {quoted(value)}"
    if found["indent"]:
        return key, "this key is indented under the value above it; indent it like its neighbours"
    return None


def _list_hint(yaml_lines: list[str], index: int) -> tuple[str, str] | None:
    """A '- item' that does not line up with the items above it."""
    for above in reversed(yaml_lines[:index]):
        found = _KEY_LINE.match(above)
        if found and not found["value"]:
            key = found["key"]
            example = f'{key}: on its own line, then "  - first", "  - second" below it'
            return key, f"indent every '- ' item of a list the same, e.g. {example}"
    return None


def quoted(value: str) -> str:
    """`value` as a YAML string: double quotes unless it holds one or a backslash."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


_COMMENTED = re.compile(r"^[ \t]*[^:]+:[ \t]*#(?P<rest>\S.*)$")


def commented_value(path: str, line: int, key: str, value_node, text: str) -> ContentError | None:
    """`key: #1 story`: YAML takes '#1 story' for a comment and the value for empty."""
    if not isinstance(value_node, yaml.ScalarNode) or value_node.value or value_node.style:
        return None
    found, named = _COMMENTED.match(text), _KEY_LINE.match(text)
    if not found or not named or named["key"] != key:
        return None
    value = "#" + found["rest"].rstrip()
    message = (
        f"YAML reads {value!r} as a comment, so this value is empty; a value starting with "
        f"'#' must be quoted, e.g. {key}: {quoted(value)}"
    )
    return ContentError(path, line, key, message)
