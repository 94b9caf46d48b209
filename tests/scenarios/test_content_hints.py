"""Fix hints in a real build: a YAML error says how to fix the line; a file under the article
or page folders that is not Markdown is a warning naming it (Pelican passes over it silently)."""

from __future__ import annotations

from tests.scenarios.test_validation import errors_for, run_build
from tests.support import article


def test_an_unquoted_colon_is_reported_with_the_quoted_line(site, capsys):
    raw = "---\ntitle: Council: the vote\ndate: 2026-11-02\n---\nBody.\n"
    assert errors_for(site, capsys, raw=raw) == [
        "content/articles/story.md:2: title: YAML could not read this line: mapping values are "
        "not allowed here (column 15); a value containing ': ' must be quoted, e.g. title: "
        '"Council: the vote"'
    ]


def test_files_the_build_does_not_read_are_warnings_naming_them(site, capsys):
    site.add_article("story", article())
    site.write("articles/notes.txt", "call the ferry office")
    site.write("articles/2026/story.markdwn", "---\ntitle: Typo\n---\n")
    site.write("pages/draft.docx", b"PK")
    for ignored in ("articles/.DS_Store", "articles/story.md.tmp", "articles/.git/x.txt"):
        site.write(ignored, "ignored")
    site.write(
        "articles/long.markdown",
        "---\n"
        + "".join(
            f"{key}: {value}\n"
            for key, value in article(title="Long form").items()
            if key != "authors"
        )
        + "authors: [ada-lane]\n---\nBody.\n",
    )
    code, lines = run_build(site, capsys)
    assert code == 0
    root = f"{site.root}/"
    assert [line.replace(root, "") for line in lines if "not-markdown" in line] == [
        f"warning: content/{name}:1: warning not-markdown: not a Markdown file (.md or "
        f".markdown), so the build does not publish it (fix: rename it to {stem}.md if it is a "
        f"story, or move it out of content/{folder}/)"
        for name, stem, folder in (
            ("articles/2026/story.markdwn", "story", "articles"),
            ("articles/notes.txt", "notes", "articles"),
            ("pages/draft.docx", "draft", "pages"),
        )
    ]
