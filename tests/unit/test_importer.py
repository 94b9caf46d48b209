"""The importer: raw copy in, a draft with nothing dirty and nothing invented out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from newsroom.importer import (
    ImportRefused,
    decode,
    import_files,
    import_text,
    normalise_url,
    outlet_from_host,
    render_article,
    write_import,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEEDS = ROOT / ".." / "shared" / "seeds"
TODAY = date(2026, 11, 22)
RESIDUE_WORDS = (
    "Did you read this", "Let me know", "plagiarism", "Sure!", "Certainly!", "Leave a",
    "View all posts", "Original Source", "Originally published", "Share this", "Read more",
    "Related:", "You may also like", "Post Comment", "Source:", "via The",
)  # fmt: skip


def run(name: str, **options):
    return import_text((FIXTURES / name).read_bytes(), today=TODAY, **options)


def assert_clean(body: str):
    for words in RESIDUE_WORDS:
        assert words not in body, f"{words!r} reached the body"


def front_matter_of(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def seed(name: str) -> bytes:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(
            f"seed {name} not found in {SEEDS.resolve()} (the shared seeds live beside the repo)"
        )
    return path.read_bytes()


# --- the seeds ---------------------------------------------------------------------------


def test_seed_republished_by_aggregator_credits_2news_and_marcus_chen():
    result = import_text(seed("002_dab4e7f61802e5c4.txt"), today=TODAY)
    assert (
        result.front_matter["title"]
        == "Rwanda-Backed Rebels Advance into Walikale, Ignoring Ceasefire Calls"
    )
    # The aggregator's "About" box credits the outlet's writer: source.author, not our staff.
    assert result.front_matter["source"] == {
        "name": "2news",
        "url": "https://www.2news.com/",
        "author": "Marcus Chen",
        "relation": "republished",
    }
    assert "authors" not in result.front_matter and result.author_profile is None
    assert result.front_matter["status"] == "draft"
    assert result.front_matter["summary"] == (
        "Rwanda-backed M23 rebels have advanced into Walikale, a key mineral-rich town in eastern "
        "Congo, dismissing ceasefire calls from leaders of Congo and Rwanda."
    )
    assert result.front_matter["needs"][-1] == (
        "source.name: '2news' is a guess from the host name; write the outlet's real name"
    )
    for words in (
        "Leave a Reply",
        "View all posts",
        "Original Source",
        "Your email address",
        "About Marcus",
    ):
        assert words not in result.body_markdown
    # The lede stays in the body; the summary is a standfirst made from it, not moved.
    assert result.body_markdown.startswith("Rwanda-backed M23 rebels have advanced into Walikale")
    assert result.missing == ["date", "authors", "category"]


def test_seed_rewritten_by_assistant_is_a_clean_draft_that_names_what_is_missing():
    result = import_text(seed("000_21b53dec8a28bdd0.txt"), today=TODAY)
    assert "Did you read this?" not in result.body_markdown
    assert "Let me know" not in result.body_markdown
    assert "removes plagiarism" not in result.body_markdown
    assert not result.body_markdown.rstrip().endswith("---")
    assert {"title", "authors", "source"} <= set(result.missing)
    assert "title" not in result.front_matter and "authors" not in result.front_matter
    assert result.front_matter["status"] == "draft"
    # Rewritten by an assistant from somewhere: the relation is known, the outlet is not.
    assert result.front_matter["source"] == {"relation": "rewritten"}
    # One paragraph per line in the copy, not one run-on paragraph.
    assert result.body_markdown.count("\n\n") == 6
    reasons = {reason for _, reason in result.removed}
    assert reasons == {"chat-assistant reply", "related-links widget"}


# --- our own fixtures ----------------------------------------------------------------------


def test_crlf_byline_and_share_footer():
    result = run("crlf_byline_share.txt", existing_author_slugs=frozenset({"ada-lane"}))
    assert result.front_matter["title"] == "Night Ferry Returns for the Winter Season"
    assert result.front_matter["authors"] == ["ada-lane"]
    assert result.front_matter["source"] == {
        "name": "harbour-gazette",
        "url": "https://harbour-gazette.example/",
        "relation": "based-on",
    }
    assert "\r" not in result.body_markdown
    assert "Click to share" not in result.body_markdown and "Loading" not in result.body_markdown
    assert result.author_profile is None
    assert result.missing == ["date", "category"]


def test_bom_assistant_preface_about_the_author_and_originally_published_url():
    result = run("bom_preface_about_the_author.txt")
    assert result.front_matter["title"] == "Pier Repairs Finish Two Weeks Early"
    assert "authors" not in result.front_matter and result.author_profile is None
    assert result.front_matter["source"] == {
        "name": "lakeside-courier",
        "url": "https://www.lakeside-courier.example/news/pier-repairs",
        "author": "Nadia Brook",
        "relation": "republished",
    }
    assert "\ufeff" not in render_article(result)
    assert_clean(result.body_markdown)
    assert "About the author" not in result.body_markdown
    assert "The council said the early finish" in result.body_markdown


def test_latin1_related_lists_and_comment_form_are_removed():
    result = run("latin1_related_comments.txt")
    assert result.front_matter["title"] == "Café Rive Opens a Second Kitchen"
    assert result.front_matter["slug"] == "cafe-rive-opens-a-second-kitchen"
    assert_clean(result.body_markdown)
    for headline in ("Bakery wins regional prize", "Ferry timetable approved", "Name *", "Website"):
        assert headline not in result.body_markdown
    assert "The café opens at seven each morning." in result.body_markdown


def test_residue_hidden_mid_article_is_removed_and_markup_stays_text():
    result = run("hidden_residue_markup.txt")
    assert_clean(result.body_markdown)
    assert "Certainly" not in result.body_markdown
    assert "Copies will be sold" in result.body_markdown
    assert "<script>" not in result.body_markdown
    assert "&lt;script>" in result.body_markdown
    # A chat assistant's words in the copy: it was rewritten, and a "via" line does not change that.
    assert result.front_matter["source"] == {"name": "The Valley Post", "relation": "rewritten"}
    assert "source.url" in result.missing


def test_cp1252_copy_without_title_invents_none():
    result = run("cp1252_no_title.txt")
    assert "title" not in result.front_matter and "summary" not in result.front_matter
    assert "\u201cIt feels calmer now,\u201d" in result.body_markdown
    assert result.front_matter["source"] == {
        "name": "The Northshore Times",
        "relation": "republished",
    }
    assert result.missing == ["title", "date", "authors", "category", "summary", "source.url"]
    assert "Originally published" not in result.body_markdown


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_every_fixture_renders_valid_yaml_with_a_draft_status(name):
    result = run(name)
    front = front_matter_of(render_article(result))
    assert front["status"] == "draft"
    assert "date" not in front  # no date is found in copy; today's is not invented
    assert "date: not found in the copy; fill it in" in front["needs"]
    assert_clean(result.body_markdown)


# --- options and small helpers -------------------------------------------------------------


def test_given_values_win_over_found_ones_and_tags_are_stripped_from_them():
    result = run(
        "cp1252_no_title.txt",
        title="Crossing <b>makes</b> school walk safer",
        author="ada-lane",
        category="Local",
        source_url="northshore-times.example",
    )
    assert result.front_matter["title"] == "Crossing makes school walk safer"
    assert result.front_matter["authors"] == ["ada-lane"]
    assert result.front_matter["category"] == "Local"
    assert result.front_matter["source"]["url"] == "https://northshore-times.example/"
    assert "title" not in result.missing and "source.url" not in result.missing


def test_byline_without_profile_asks_for_one():
    result = run("crlf_byline_share.txt")
    assert "author profile content/authors/ada-lane.md" in result.missing


def test_decode_falls_back_and_normalises_newlines():
    assert decode("caf\u00e9\r\nbar".encode("utf-8-sig")) == "caf\u00e9\nbar"
    assert decode("caf\u00e9\rbar".encode("latin-1")) == "caf\u00e9\nbar"
    assert decode("\u201cquote\u201d".encode("cp1252")) == "\u201cquote\u201d"


def test_urls_and_outlet_names():
    assert normalise_url("www.2news.com") == "https://www.2news.com/"
    assert normalise_url("https://example.org/a/b") == "https://example.org/a/b"
    assert outlet_from_host("https://www.2news.com/") == "2news"
    assert outlet_from_host("https://news.lakeside.co.uk/") == "news.lakeside"


def test_title_needs_a_blank_line_after_it():
    result = import_text(
        b"Short line without stop\nstraight into the body text here.\n", today=TODAY
    )
    assert "title" not in result.front_matter


# --- writing ------------------------------------------------------------------------------


def test_write_import_writes_article_and_profile_but_never_overwrites(tmp_path):
    copy = (
        b"Pier Repairs Finish Two Weeks Early\n\nThe pier is open.\n\nMore text here.\n\n"
        b"About Nadia Brook\n\nNadia Brook writes about the harbour.\n"
    )
    result = import_text(copy, today=TODAY)
    written = write_import(result, tmp_path)
    article = tmp_path / "articles" / "2026" / "pier-repairs-finish-two-weeks-early.md"
    profile = tmp_path / "authors" / "nadia-brook.md"
    assert written == [article, profile]
    assert front_matter_of(profile.read_text())["name"] == "Nadia Brook"
    assert "- 'category: not found in the copy; fill it in'" in article.read_text()

    profile.write_text("---\nname: Nadia Brook\n---\nEdited by hand.\n")
    article.unlink()
    assert write_import(result, tmp_path) == [article]
    assert profile.read_text().endswith("Edited by hand.\n")

    with pytest.raises(ImportRefused, match="already exists; not overwritten"):
        write_import(result, tmp_path)


def test_untitled_copy_uses_the_fallback_slug(tmp_path):
    written = write_import(run("cp1252_no_title.txt"), tmp_path, fallback_slug="untitled-mill-lane")
    assert written == [tmp_path / "articles" / "2026" / "untitled-mill-lane.md"]


def test_import_files_reports_each_file_and_a_summary(tmp_path):
    console = Console(record=True, width=200)
    paths = [FIXTURES / "crlf_byline_share.txt", FIXTURES / "crlf_byline_share.txt"]
    outcomes = import_files(paths, content_dir=tmp_path, today=TODAY, console=console)
    assert outcomes[0].error is None
    assert "already exists" in outcomes[1].error
    output = console.export_text()
    assert "removed (share or comment footer): Share this:" in output
    assert "Import summary" in output
    assert "editor must fill in:" in output


def test_share_and_like_widgets_in_any_form_are_removed_and_reported():
    copy = (
        b"Harbour lights switched on\n\nThe lights along the quay were switched on at dusk.\n\n"
        b"Share this:\nTwitter\nFacebook\nLike Loading...\n"
        b"Click to share on Reddit (Opens in new window)\nEmail | Print\nWhatsApp, Telegram\n\n"
        b"Twitter users posted photos of the quay.\n"
    )
    result = import_text(copy, today=TODAY)
    assert result.body_markdown == (
        "The lights along the quay were switched on at dusk.\n\n"
        "Twitter users posted photos of the quay.\n"
    )
    assert [line for line, _ in result.removed] == [
        "Share this:", "Twitter", "Facebook", "Like Loading...",
        "Click to share on Reddit (Opens in new window)", "Email | Print", "WhatsApp, Telegram",
    ]  # fmt: skip


def test_summary_is_a_short_standfirst_cut_at_a_word_and_the_lede_stays():
    lede = "The council agreed on Monday " + "to spend more on the harbour wall " * 6 + "next year"
    copy = f"Harbour wall plan\n\n{lede}\n\nSecond paragraph.\n".encode()
    result = import_text(copy, today=TODAY)
    summary = result.front_matter["summary"]
    assert len(summary) <= 160 and summary.endswith(" on the\u2026")
    assert result.body_markdown.startswith(lede)


def test_source_url_does_not_flip_the_relation():
    copy = b"Sure! Here is the article:\n\nHarbour news\n\nThe quay opened.\n\nMore.\n"
    result = import_text(copy, today=TODAY, source_url="https://courier.example/quay")
    assert result.front_matter["source"]["relation"] == "rewritten"
    original = b"Quay news\n\nThe quay opened.\n\nMore.\n\nOriginally published by The Courier\n"
    result = import_text(original, today=TODAY, source_url="https://courier.example/quay")
    assert result.front_matter["source"] == {
        "name": "The Courier",
        "url": "https://courier.example/quay",
        "relation": "republished",
    }
