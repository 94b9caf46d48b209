"""Boilerplate that must never reach a reader: chat-assistant residue, widgets, footers.

One list of patterns, read by the importer (which removes these lines) and by the linter (which
reports any that an editor pasted back in). Patterns match one stripped line at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Residue:
    kind: str  # "assistant" | "widget" | "footer": the lint rule is residue-<kind>
    reason: str  # what the line is, for the import report and the lint message


ASSISTANT = "assistant"
WIDGET = "widget"
FOOTER = "footer"

_I = re.IGNORECASE
_APOS = "['\u2019]"

# A chat assistant introducing its output: "Sure! Here is the rewritten article:".
_PREFACE_OPENERS = re.compile(
    r"^(?:sure|certainly|absolutely|of course|okay|ok|great|no problem|happy to help)\b[!,.]", _I
)
_PREFACE_HERE = re.compile(
    rf"^(?:here{_APOS}s|here (?:is|are)|below (?:is|are)|i{_APOS}ve|i have)\b.{{0,80}}\b"
    r"(?:rewritten|revised|rephrased|reworded|paraphrased|polished|edited|improved|updated|"
    r"optimi[sz]ed|seo|plagiarism|version)\b",
    _I,
)
_COPY_WORDS = re.compile(
    r"\b(?:article|story|text|version|piece|copy|rewrite|draft|post|content|summary)\b", _I
)
# The assistant's own reply, wherever it sits.
_REPLY = re.compile(
    r"let me know if (?:you|there)|i hope (?:this|that) helps|"
    r"feel free to (?:ask|let me know|reach)|"
    r"as an ai\b|as a language model|would you like me to|do you want me to|"
    rf"this (?:version|rewrite|revision|draft) (?:removes|keeps|maintains|improves|enhances|is)|"
    r"removes? plagiarism|plagiarism[- ]free|while enhancing seo|"
    r"(?:seo|search engine)[- ]optimi[sz]ed version|"
    rf"i{_APOS}ve (?:rewritten|revised|rephrased|reworded|paraphrased)|"
    r"i have (?:rewritten|revised|rephrased|reworded|paraphrased)|"
    r"(?:any|further) (?:refinements|adjustments|tweaks|changes)\s*[!.?]",
)  # searched in lowercased text: five times faster than re.I over every line of every file

# Related-link widgets; the label alone on its line, or the label, a colon and a headline.
_WIDGET_LABELS = (
    r"did you (?:read|see|miss) this",
    r"read (?:more|also|next)",
    r"also read",
    r"see also",
    r"related(?: articles?| stories| posts| news| reading| coverage| content)?",
    r"you (?:may|might) (?:also )?(?:like|enjoy)",
    r"more (?:stories|news) (?:from|like this)[^:]*",
    r"recommended(?: for you| reading| stories)?",
    r"(?:trending|popular) (?:now|stories|posts)",
    rf"don{_APOS}t miss",
    r"continue reading",
    r"(?:sign up|subscribe) (?:for|to) our (?:free )?newsletter",
)
_WIDGET = re.compile(
    r"^(?:" + "|".join(_WIDGET_LABELS) + r")\s*(?:[?!.\u2026]*\s*$|[:\u00bb\u203a>\u2192]+.*$)", _I
)

# Comment forms and share bars.
_NETWORK = (
    r"twitter|x|facebook|linkedin|reddit|whatsapp|telegram|pinterest|tumblr|pocket|mastodon|"
    r"bluesky|threads|messenger|e-?mail|print|like|share|copy link|more|tweet"
)
_FOOTER_LINES = (
    r"leave a (?:reply|comment|response)\b.*",
    r"(?:\d+ )?(?:comments?|responses?) (?:are closed|on this (?:post|article))\b.*",
    r"your email address will not be published\b.*",
    r"required fields are marked\b.*",
    r"save my name, email,? and website\b.*",
    r"view all posts by\b.*",
    r"(?:more )?posts by [A-Z][^.]{0,60}",
    r"(?:share|share this|share this (?:article|story|post)|share on [a-z]+(?: \(x\))?)\s*[:!]?",
    r"(?:click to|tap to) (?:share|print|email)\b.*",
    r"(?:like this|follow us(?: on [a-z ,]+)?)\s*:?",
    r"(?:like\s+)?loading\.\.\.|(?:like\s+)?loading\u2026",
    # A share bar pasted as text: a line of nothing but network names ("Twitter Facebook").
    rf"(?:{_NETWORK})(?:\s*[,|/\u00b7\u2022]?\s*(?:{_NETWORK}))*\s*:?",
    r"post comment",
)
_FOOTER = re.compile(r"^(?:" + "|".join(_FOOTER_LINES) + r")\s*$", _I)
# Form fields only count as residue after a comment-form heading.
_FORM_FIELD = re.compile(r"^(?:comment|name|email|e-mail|website|url)\s*\*?\s*:?\s*$", _I)
_COMMENT_FORM_START = re.compile(r"^(?:leave a (?:reply|comment|response)|your email address)", _I)

_SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u00b7\u25aa]|\d+[.)])\s+\S")


def classify_line(line: str) -> Residue | None:
    """What kind of residue this one line is, or None for ordinary copy."""
    text = line.strip().strip("*_").strip()
    if not text:
        return None
    rest = _PREFACE_OPENERS.sub("", text, count=1).strip()
    if rest != text and (_PREFACE_HERE.match(rest) or _introduces_copy(text)):
        return Residue(ASSISTANT, "chat-assistant preface")
    if _PREFACE_HERE.match(text) and (text.endswith(":") or _introduces_copy(text)):
        return Residue(ASSISTANT, "chat-assistant preface")
    if _REPLY.search(text.lower()):
        return Residue(ASSISTANT, "chat-assistant reply")
    if _WIDGET.match(text):
        return Residue(WIDGET, "related-links widget")
    if _FOOTER.match(text):
        return Residue(FOOTER, "share or comment footer")
    return None


def _introduces_copy(text: str) -> bool:
    """'...the article:' or '...your story.': a line announcing the copy that follows."""
    return bool(_COPY_WORDS.search(text)) and text.rstrip().endswith((":", ".", "!"))


def is_comment_form_start(line: str) -> bool:
    return bool(_COMMENT_FORM_START.match(line.strip()))


def is_form_field(line: str) -> bool:
    return bool(_FORM_FIELD.match(line.strip()))


def is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line))


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def assistant_tail(lines: list[str]) -> int | None:
    """Index of the separator after which the rest is an assistant's reply, or None.

    Chat output often ends with `---` and a note about the rewrite; the whole tail goes, even
    the lines that do not themselves match a pattern.
    """
    for index in range(len(lines) - 1, -1, -1):
        if is_separator(lines[index]):
            tail = [line for line in lines[index + 1 :] if line.strip()]
            if tail and any(_is_assistant(line) for line in tail):
                return index
    return None


def widget_block_end(lines: list[str], start: int) -> int:
    """Index after a widget heading's headline list ("Related:" then list items or short titles)."""
    heading = lines[start].strip().rstrip("?!.:\u2026").strip()
    if not _WIDGET.match(lines[start].strip()) or ":" in heading:
        return start + 1  # "Read more: Headline" carries its own link text
    end = start + 1
    while end < len(lines) and _looks_like_headline(lines[end]):
        end += 1
    return end


def _looks_like_headline(line: str) -> bool:
    text = line.strip()
    if not text:
        return False
    if is_list_item(line):
        return True
    return len(text) <= 90 and not re.search(r"[.!?\"\u201d\u2019)]$", text)


def _is_assistant(line: str) -> bool:
    found = classify_line(line)
    return found is not None and found.kind == ASSISTANT


def find_residue(text: str) -> list[tuple[int, str, Residue]]:
    """Every residue line in `text` as (1-based line number, line, residue), in order."""
    lines = text.split("\n")
    found: list[tuple[int, str, Residue]] = []
    in_comment_form = False
    for number, line in enumerate(lines, start=1):
        residue = classify_line(line)
        if residue is None and in_comment_form and is_form_field(line):
            residue = Residue(FOOTER, "comment form field")
        if residue is not None:
            found.append((number, line.strip(), residue))
        in_comment_form = in_comment_form or is_comment_form_start(line)
    return found
