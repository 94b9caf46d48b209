"""YAML errors in front matter say how to fix the line, keeping its line and column."""

from __future__ import annotations

import pytest

from newsroom_core.frontmatter import split

PATH = "content/articles/x.md"


def errors_of(front_matter: str) -> list[str]:
    doc, errors = split(PATH, f"---\n{front_matter}---\nBody.\n")
    assert doc is None
    return [str(error) for error in errors]


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            "title: Council: the vote\n",
            "content/articles/x.md:2: title: YAML could not read this line: mapping values are "
            "not allowed here (column 15); a value containing ': ' must be quoted, e.g. title: "
            '"Council: the vote"',
        ),
        (
            'category: Local\nsummary: Mayor says "no": the vote fails\n',
            "content/articles/x.md:3: summary: YAML could not read this line: mapping values are "
            "not allowed here (column 25); a value containing ': ' must be quoted, e.g. summary: "
            "'Mayor says \"no\": the vote fails'",
        ),
        (
            "title: @council votes\n",
            "content/articles/x.md:2: title: YAML could not read this line: found character '@' "
            "that cannot start any token (column 8); a value starting with '@' must be quoted, "
            'e.g. title: "@council votes"',
        ),
        (
            "title: `rm` is back\n",
            "content/articles/x.md:2: title: YAML could not read this line: found character '`' "
            "that cannot start any token (column 8); a value starting with '`' must be quoted, "
            'e.g. title: "`rm` is back"',
        ),
        (
            "title: *Starred* review\n",
            "content/articles/x.md:2: title: YAML could not read this line: expected alphabetic or "
            "numeric character, but found '*' (column 16); a value starting with '*' must be "
            'quoted, e.g. title: "*Starred* review"',
        ),
        (
            "title: Ferry\ntags:\n  - transport\n - council\n",
            "content/articles/x.md:5: tags: YAML could not read this line: expected <block end>, "
            "but found '<block sequence start>' (column 2); indent every '- ' item of a list the "
            'same, e.g. tags: on its own line, then "  - first", "  - second" below it',
        ),
        (
            "title: Ferry\n  category: Local\n",
            "content/articles/x.md:3: category: YAML could not read this line: mapping values are "
            "not allowed here (column 11); this key is indented under the value above it; indent "
            "it like its neighbours",
        ),
    ],
    ids=["colon", "colon-and-quotes", "at", "backtick", "star", "list-indent", "key-indent"],
)
def test_yaml_errors_suggest_the_fix(front_matter, expected):
    assert errors_of(front_matter) == [expected]


def test_a_value_starting_with_a_hash_is_not_silently_empty():
    assert errors_of("title: #1 story of the year\ncategory: Local\n") == [
        "content/articles/x.md:2: title: YAML reads '#1 story of the year' as a comment, so this "
        "value is empty; a value starting with '#' must be quoted, e.g. title: "
        '"#1 story of the year"'
    ]


@pytest.mark.parametrize(
    "front_matter", ["title: Ferry  # a comment\n", "title: Ferry\nimage_caption:\n", "t: '#1'\n"]
)
def test_comments_and_empty_values_are_left_alone(front_matter):
    doc, errors = split(PATH, f"---\n{front_matter}---\nBody.\n")
    assert doc is not None and errors == []


def test_an_error_the_line_does_not_explain_keeps_yamls_words():
    assert errors_of("summary: [unclosed\ncategory: Local\n") == [
        "content/articles/x.md:3: front matter: invalid YAML: expected ',' or ']', but got ':'"
    ]
