"""Split a Markdown file into YAML front matter and body, keeping a line number per key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import ContentError
from .yaml_hints import commented_value, yaml_error

# What YAML escapes ("\0", "\x01", "\uD800") can put in a value but no HTML page, XML feed or
# UTF-8 file can carry: C0 controls other than tab and newline, lone surrogates, U+FFFE/F.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_UNPRINTABLE = "contains the character"


# libyaml's parser when PyYAML was built with it (the wheels are): the pure-Python scanner
# dominates the build on long front matter. Both give the same nodes and line marks.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_NO_TIMESTAMPS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _StringTimestampLoader(_SAFE_LOADER):
    """SafeLoader that leaves dates as text, so the schema parses them with one rule (ISO 8601)
    and can report the original spelling in errors."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


class _PureStringTimestampLoader(yaml.SafeLoader):
    """The pure-Python parser, for files libyaml rejects: it accepts a little more (escaped
    surrogates, which our own checks then report by field) and words its errors better."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


# Far beyond any real front matter; every later walk (ours, the lint's) may then recurse.
MAX_DEPTH = 64


def _too_deep(root) -> bool:
    """Iterative, so the check itself cannot exhaust the stack; shared (aliased) nodes once."""
    stack, seen = [(root, 1)], set()
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        children = node.value
        if isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        stack.extend((child, depth + 1) for child in children)
    return False


def _compose_and_load(yaml_text: str, loader):
    node = yaml.compose(yaml_text, Loader=loader)
    return node, (yaml.load(yaml_text, Loader=loader) if node else {})


@dataclass
class Document:
    path: str
    metadata: dict
    body: str
    body_line: int  # file line on which the body starts
    lines: dict = field(default_factory=dict)  # "key" or "key.sub" or "key[0].sub" -> file line

    def line_of(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
        return 1


def decode(path: str, raw: bytes) -> tuple[str | None, ContentError | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, ContentError(
            path, line, "encoding", f"not valid UTF-8 at byte {exc.start}; save the file as UTF-8"
        )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, ContentError(path, line, "encoding", "contains a NUL byte; remove it")
    bad = _FORBIDDEN.search(text)
    if bad:
        # XML feeds cannot carry control characters; Pelican's feed writer would crash on them.
        line = text[: bad.start()].count("\n") + 1
        code = f"U+{ord(bad.group()):04X}"
        return None, ContentError(path, line, "encoding", f"{_UNPRINTABLE} {code}; remove it")
    return text, None


def split(path: str, text: str) -> tuple[Document | None, list[ContentError]]:
    """Parse `---` fenced YAML front matter. Returns the document or the errors found."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [
            ContentError(path, 1, "front matter", "expected YAML front matter starting with '---'")
        ]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        return None, [
            ContentError(path, 1, "front matter", "no closing '---' after the front matter")
        ]
    yaml_text = "\n".join(lines[1:end])
    try:
        try:
            node, metadata = _compose_and_load(yaml_text, _StringTimestampLoader)
        except yaml.YAMLError:
            node, metadata = _compose_and_load(yaml_text, _PureStringTimestampLoader)
    except yaml.YAMLError as exc:
        return None, [yaml_error(path, lines[1:end], exc)]
    except RecursionError:
        # PyYAML composes recursively: a few thousand nested '[' exhaust Python's stack.
        message = "invalid YAML: nested too deeply"
        return None, [ContentError(path, 2, "front matter", message)]
    if node is not None and _too_deep(node):
        message = f"invalid YAML: nested more than {MAX_DEPTH} levels deep"
        return None, [ContentError(path, 2, "front matter", message)]
    if not isinstance(metadata, dict):
        return None, [ContentError(path, 2, "front matter", "expected key: value pairs")]
    commented = _commented_values(path, node, lines)
    if commented:
        return None, commented
    key_lines, errors = {}, []
    _walk(node, "", 2, key_lines, errors, path, set())
    unprintable = [e for e in errors if e.message.startswith(_UNPRINTABLE)]
    if unprintable:
        # Their keys may not even print (a lone surrogate); nothing after this can use them.
        return None, unprintable
    doc = Document(path, metadata, "\n".join(lines[end + 1 :]), end + 2, key_lines)
    return doc, errors


def _commented_values(path, node, lines) -> list[ContentError]:
    """`title: #1 story` reads as an empty title: '#' starts a YAML comment."""
    errors = []
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else ():
        line = key_node.start_mark.line + 1  # index in `lines`, which start at the '---'
        # YAML also breaks lines at U+2028 and U+2029, `lines` only at '\n': past the end,
        # there is no line to show (and the unprintable character is reported below).
        text = lines[line] if line < len(lines) else ""
        error = commented_value(path, line + 1, str(key_node.value), value_node, text)
        if error:
            errors.append(error)
    return errors


def _walk(node, prefix, offset, key_lines, errors, path, seen):
    """Record the file line of every mapping key; report duplicate keys (YAML keeps the last)
    and characters no page can carry. Each node is walked once: aliases repeat nodes, and
    walking every repetition of `&a [*b, *b, ...]` would take exponential time."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        bad = _FORBIDDEN.search(str(node.value))
        if bad:
            code = f"U+{ord(bad.group()):04X}"
            field = shown_field(prefix) if prefix else "front matter"
            line = node.start_mark.line + offset
            errors.append(ContentError(path, line, field, f"{_UNPRINTABLE} {code}; remove it"))
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            line = key_node.start_mark.line + offset
            if key in key_lines:
                errors.append(ContentError(path, line, shown_field(key), "duplicate key; keep one"))
            key_lines[key] = line
            _walk(key_node, prefix, offset, key_lines, errors, path, seen)
            _walk(value_node, key, offset, key_lines, errors, path, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = f"{prefix}[{index}]"
            key_lines[key] = item.start_mark.line + offset
            _walk(item, key, offset, key_lines, errors, path, seen)


def shown_field(key: str) -> str:
    """A key as the `field` of `path:line: field: message`: keys come from the file and may hold
    a colon, a line break or worse, which would break the one-line format; show those escaped."""
    key = str(key)
    if _PLAIN_FIELD.fullmatch(key):
        return key
    return ascii(key).replace(":", "\\x3a")


# Printable words separated by single spaces; no colon, controls or bidirectional overrides.
_ODD = r"\s:\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_PLAIN_FIELD = re.compile(rf"[^{_ODD}]+( [^{_ODD}]+)*")
