"""Lint rules: each one caught when it should be, and quiet when it should be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from content_lint import exit_code, format_json, format_text, lint_paths
from content_lint.duplicates import candidate_pairs, jaccard, shingles
from content_lint.findings import Finding
from content_lint.residue import find_residue
from newsroom.build import load_settings
from newsroom_core.settings import SettingsError

ROOT = Path(__file__).resolve().parents[2]
CLEAN = {
    "title": "Ferry timetable approved",
    "date": "2026-11-02T18:30:00",
    "authors": ["ada-lane"],
    "category": "Local",
    "summary": "Councillors backed the winter ferry timetable by nine votes to two on Monday.",
}
CLEAN_BODY = "The council approved the winter timetable.\n\nBoats will leave every forty minutes.\n"


def make_settings(content: Path, **overrides) -> dict:
    settings = {"PATH": str(content), "SECTIONS": ["Local"]}
    if overrides:
        settings["CONTENT_LINT"] = overrides
    return settings


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "authors").mkdir(parents=True)
    (folder / "authors" / "ada-lane.md").write_text("---\nname: Ada Lane\n---\nReporter.\n")
    (folder / "images").mkdir()
    (folder / "images" / "pier.jpg").write_bytes(b"jpeg")
    return folder


def write(content: Path, name: str, body: str = CLEAN_BODY, **fields) -> Path:
    front = {k: v for k, v in {**CLEAN, **fields}.items() if v is not None}
    path = content / "articles" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\n{yaml.safe_dump(front, sort_keys=False, width=1000)}---\n{body}", encoding="utf-8"
    )
    return path


def lint(content: Path, *paths, **overrides) -> list[Finding]:
    return lint_paths(paths or [content / "articles"], make_settings(content, **overrides))


def rules(findings) -> list[tuple[str, int, str]]:
    return [(f.rule, f.line, f.severity) for f in findings]


# --- a clean article, and the sample site ---------------------------------------------------


def test_clean_article_has_no_findings(content):
    write(content, "clean")
    assert lint(content) == []


def test_sample_content_is_clean():
    findings = lint_paths([ROOT / "content"], load_settings(ROOT / "pelicanconf.py"))
    assert findings == [], format_text(findings)


# --- front matter --------------------------------------------------------------------------


def test_front_matter_contract_errors_come_from_the_shared_schema(content):
    write(content, "bad", title=None, authors=["nobody"])
    assert [(f.rule, f.line, f.message) for f in lint(content)] == [
        ("front-matter", 1, "title: required; add it to the front matter"),
        ("front-matter", 4, "authors: no profile 'nobody' in content/authors/"),
    ]


def test_unparseable_front_matter_is_one_finding_with_its_line(content):
    path = content / "articles" / "broken.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Ferry\ndate: [unclosed\n---\nBody.\n")
    findings = lint(content)
    assert len(findings) == 1
    assert findings[0].rule == "front-matter" and findings[0].severity == "error"
    assert findings[0].line in (3, 4)
    assert "invalid YAML" in findings[0].message


# --- residue ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Sure! Here is the rewritten article:", "residue-assistant"),
        ("I hope this helps, and let me know if you need changes.", "residue-assistant"),
        ("Did you miss this?", "residue-widget"),
        ("You might also like:", "residue-widget"),
        ("Leave a comment", "residue-comment-footer"),
        ("View all posts by Ada Lane", "residue-comment-footer"),
    ],
)
def test_residue_in_the_body_is_an_error_on_its_line(content, line, rule):
    write(content, "dirty", body=f"First paragraph.\n\n{line}\n\nLast paragraph.\n")
    assert rules(lint(content)) == [(rule, 11, "error")]  # the body starts on line 9


def test_residue_hidden_in_front_matter_is_caught(content):
    write(
        content,
        "dirty",
        summary="Certainly! Here's a summary of the article: councillors agreed the timetable.",
    )
    assert rules(lint(content)) == [("residue-assistant", 7, "error")]  # the summary line


def test_residue_look_alikes_in_ordinary_copy_are_not_flagged(content):
    body = "Related talks are planned.\n\nShare prices rose on Monday.\n\nSure, the mayor said.\n"
    write(content, "clean", body=body)
    assert lint(content) == []


def test_comment_form_fields_only_count_after_the_form_heading():
    found = find_residue("Website\n\nLeave a Reply\nName *\nWebsite\n")
    assert [(line, residue.reason) for line, _, residue in found] == [
        (3, "share or comment footer"),
        (4, "comment form field"),
        (5, "comment form field"),
    ]


# --- placeholders ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Lorem ipsum dolor sit amet.",
        "Quote from the mayor TK.",
        "TODO: check",
        "[Insert quote here]",
    ],
)
def test_placeholders_are_errors(content, text):
    write(content, "draft", body=f"{text}\n")
    assert rules(lint(content)) == [("placeholder", 9, "error")]


def test_placeholder_words_inside_other_words_or_code_are_fine(content):
    write(
        content,
        "clean",
        body="The TKO Boxing Club and Todos Santos. Type `TODO` to search.\n\n```\nTODO\n```\n",
    )
    assert lint(content) == []


# --- attribution -----------------------------------------------------------------------------


def test_originally_published_without_source_is_an_error(content):
    write(content, "copy", body="This story was originally published in a neighbouring paper.\n")
    assert rules(lint(content)) == [("attribution-missing", 9, "error")]


def test_according_to_an_outlet_without_source_is_a_warning(content):
    write(
        content,
        "copy",
        body="Fares will rise, according to the Harbour Gazette.\n\nPhotos via Reuters.\n",
    )
    assert rules(lint(content)) == [
        ("attribution-missing", 9, "warning"),
        ("attribution-missing", 11, "warning"),
    ]


def test_attribution_with_a_source_or_to_people_is_fine(content):
    source = {
        "name": "Harbour Gazette",
        "url": "https://harbour-gazette.example/",
        "relation": "based-on",
    }
    write(
        content,
        "credited",
        body="This story was originally published by the Gazette.\n",
        source=source,
    )
    write(
        content,
        "people",
        body="According to local residents, the ferry ran late via the north pier.\n",
    )
    assert lint(content) == []


# --- near-duplicates -------------------------------------------------------------------------

STORY = (
    "The ferry across Lake Morrow will run a late crossing every night from December, the operator "
    "said, after passengers asked for it in a survey. The boat will leave the north pier at "
    "ten past eleven and return at midnight, and fares will stay at the summer price until the "
    "end of March. "
    "Councillors welcomed the change and said they would review it in the spring."
)


def test_near_identical_articles_are_reported_on_both_paths(content):
    write(content, "one", body=STORY + "\n")
    write(content, "two", body=STORY.replace("welcomed", "praised") + "\n")
    findings = lint(content)
    assert rules(findings) == [("near-duplicate", 9, "error"), ("near-duplicate", 9, "error")]
    assert findings[0].path.endswith("one.md") and "two.md" in findings[0].message
    assert findings[1].path.endswith("two.md") and "one.md" in findings[1].message


def test_different_articles_and_a_higher_threshold_are_quiet(content):
    write(content, "one", body=STORY + "\n")
    write(content, "two", body=STORY.replace("welcomed", "praised") + "\n")
    write(
        content, "three", body="The library will open on Sundays from January, the council said.\n"
    )
    assert lint(content, near_duplicate_threshold=0.99) == []


def test_banding_only_pairs_signatures_that_share_a_band():
    signatures = {"a": (1, 2, 3, 4), "b": (1, 2, 9, 9), "c": (7, 8, 9, 10)}
    assert candidate_pairs(signatures, bands=2) == {("a", "b")}


def test_shingles_ignore_case_and_punctuation():
    first, second = (
        shingles("The Ferry, runs late tonight!", 5),
        shingles("the ferry runs late tonight", 5),
    )
    assert jaccard(first, second) == 1.0
    assert shingles("too short", 5) == frozenset()


# --- SEO lengths -----------------------------------------------------------------------------


def test_long_title_and_short_summary_are_warnings(content):
    write(content, "seo", title="A" * 71, summary="Too short.")
    assert rules(lint(content)) == [
        ("seo-title-length", 2, "warning"),
        ("seo-summary-length", 7, "warning"),
    ]


def test_title_of_70_and_summary_of_160_characters_pass(content):
    write(content, "seo", title="A" * 70, summary="B" * 160)
    assert lint(content) == []


# --- images and links ------------------------------------------------------------------------


def test_body_image_without_alt_is_a_warning(content):
    write(
        content,
        "img",
        body='![]({static}/images/pier.jpg)\n\n<img src="{static}/images/pier.jpg">\n',
    )
    assert rules(lint(content)) == [
        ("image-alt-missing", 9, "warning"),
        ("image-alt-missing", 11, "warning"),
    ]


def test_missing_images_and_unresolved_links_are_errors(content):
    body = (
        "![The pier]({static}/images/gone.jpg)\n\n"
        "See [the timetable]({filename}/articles/nowhere.md) and [notes](notes.md).\n"
    )
    write(content, "links", body=body)
    findings = lint(content)
    assert rules(findings) == [
        ("image-missing", 9, "error"),
        ("link-unresolved", 11, "error"),
        ("link-unresolved", 11, "error"),
    ]
    assert [finding.message for finding in findings] == [
        "image '{static}/images/gone.jpg' not found: no file content/images/gone.jpg",
        "link target 'notes.md' not found: no file content/articles/notes.md or content/notes.md",
        "link target '{filename}/articles/nowhere.md' not found: "
        "no file content/articles/nowhere.md",
    ]


def test_existing_targets_and_external_links_resolve(content):
    write(content, "other")
    body = (
        "![The pier]({static}/images/pier.jpg) ![Pier again](../images/pier.jpg)\n\n"
        "[Other]({filename}/articles/other.md) [same folder]({filename}other.md) "
        "[web](https://example.org/x) "
        "[about](/about/) [top](#top) [tag]({tag}ferry)\n"
    )
    write(content, "links", body=body)
    assert lint(content) == []


# --- output and settings ---------------------------------------------------------------------


def test_text_and_json_formats():
    finding = Finding(
        "content/articles/x.md",
        4,
        "error",
        "placeholder",
        "placeholder text 'TK' left in",
        "write the real text",
    )
    assert format_text([finding]) == (
        "content/articles/x.md:4: error placeholder: placeholder text 'TK' left in "
        "(fix: write the real text)\n"
        "1 error, 0 warnings"
    )
    assert json.loads(format_json([finding])) == [
        {
            "path": "content/articles/x.md",
            "line": 4,
            "severity": "error",
            "rule": "placeholder",
            "message": "placeholder text 'TK' left in",
            "hint": "write the real text",
            "held": False,
        }
    ]


def test_exit_code_fails_on_warnings_only_when_publishing():
    warning = Finding("x.md", 1, "warning", "seo-title-length", "long", "shorten")
    assert exit_code([warning]) == 0
    assert exit_code([warning], fail_on_warnings=True) == 1


def test_disabled_rules_are_not_reported(content):
    write(content, "seo", title="A" * 71)
    assert lint(content, disabled_rules=["seo-title-length"]) == []


def test_unknown_setting_names_the_key_and_suggests(content):
    with pytest.raises(
        SettingsError,
        match=r"CONTENT_LINT\['near_duplicate_treshold'\]: unknown setting "
        r"\(did you mean 'near_duplicate_threshold'\?\)",
    ):
        lint(content, near_duplicate_treshold=0.5)
