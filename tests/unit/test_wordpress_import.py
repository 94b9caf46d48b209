"""The WordPress importer's pure parts: the export read, bodies converted, items planned."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from newsroom.wordpress import dates
from newsroom.wordpress.body import to_markdown
from newsroom.wordpress.names import cut_at_word, standfirst
from newsroom.wordpress.plan import plan_import
from newsroom.wordpress.shortcodes import Media, expand, parse_attrs
from newsroom.wordpress.uploads import Uploads
from newsroom.wordpress.wxr import ExportError, read_export
from newsroom_core.sections import sections_from_file
from newsroom_core.settings import SettingsError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress"
EXPORT = FIXTURES / "ledger-archive.wxr.xml"
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
DECLARED = ["Local", "World", "Business", "Science", "Culture"]


@pytest.fixture(scope="module")
def plan():
    return plan_import(
        read_export(EXPORT), declared=DECLARED, now=NOW, uploads_dir=FIXTURES / "uploads"
    )


def entry(plan, wp_id):
    return next(e for e in plan.entries if e.wp_id == wp_id)


def front(plan, path):
    return yaml.safe_load(plan.files[path].split("---\n")[1])


def convert(html, media=None, uploads=None):
    notes, problems = [], []
    uploads = uploads or Uploads("https://old.example", None)
    markdown = to_markdown(html, "1", media or Media(), uploads, notes, problems)
    return markdown, notes, problems


# --- the export --------------------------------------------------------------------------


def test_export_is_read_with_authors_categories_and_every_item():
    export = read_export(EXPORT)
    assert export.site_url == "https://old.lakeside-ledger.example"
    assert export.authors["jlind"].display_name == "Jö Lindqvist-Åberg"
    assert export.categories["harbour"].description == "Boats, piers and the people who work them."
    assert len(export.items) == 21


def test_a_file_that_is_not_an_export_names_file_and_line(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<rss>\n<channel>\n<item>\n</rss>\n")
    with pytest.raises(ExportError, match=r"broken.xml:4: not well-formed XML"):
        read_export(broken)
    plain = tmp_path / "feed.xml"
    plain.write_text("<rss><channel><title>x</title></channel></rss>")
    with pytest.raises(ExportError, match=r"feed.xml:1: not a WordPress export"):
        read_export(plain)


# --- items by outcome --------------------------------------------------------------------


def test_outcomes_by_type_and_reasons(plan):
    outcomes = {e.wp_id: e.outcome for e in plan.entries}
    assert outcomes == {
        "101": "published", "112": "duplicate", "102": "published", "113": "published",
        "103": "draft",
        "104": "scheduled", "105": "not imported", "106": "not imported", "107": "draft",
        "108": "draft", "109": "draft", "110": "draft", "111": "draft", "301": "published",
        "302": "published", "303": "draft",
    }  # fmt: skip
    assert entry(plan, "105").reasons == ["private on WordPress"]
    assert entry(plan, "112").reasons == [
        "90% of its text matches WordPress item 101 (articles/2019/ferry-pier-reopens.md); "
        "not imported, its old URL redirects there"
    ]
    assert entry(plan, "106").reasons == ["in the trash on WordPress"]
    assert entry(plan, "107").reasons == [
        "password-protected on WordPress: never published in full here"
    ]
    assert entry(plan, "108").reasons == ["no title (a placeholder title was written)"]
    assert entry(plan, "109").reasons == [
        "unknown author 'ghostwriter': not among the export's authors"
    ]
    assert entry(plan, "110").reasons == [
        "broken markup (expected-closing-tag-but-got-eof, unexpected-end-tag); "
        "check the converted text"
    ]
    assert plan.ignored == {"attachment (used by posts)": 2, "nav_menu_item": 2, "custom_css": 1}


def test_private_and_trashed_posts_write_no_file(plan):
    assert not any("staff-party" in path or "old-test-post" in path for path in plan.files)


def test_published_post_front_matter(plan):
    assert front(plan, "articles/2019/ferry-pier-reopens.md") == {
        "title": "Ferry pier reopens after winter storm repairs",
        "date": "2019-03-04T10:15:00+01:00",
        "modified": "2019-03-05T08:00:00+01:00",
        "authors": ["mira-brook"],
        "category": "Harbour",  # Yoast's primary category, though Town Hall is listed first
        "tags": ["Town Hall", "ferries"],
        "summary": "The north pier at Marrow Bay is open again after eleven weeks of repairs.",
        "image": "images/wordpress/2019/03/pier.jpg",
        "image_alt": "The rebuilt north pier at dawn",
        "image_caption": "The rebuilt pier at dawn.",
        "image_credit": "Mira Brook",
        "slug": "ferry-pier-reopens",
        "redirect_from": ["/2019/03/04/ferry-pier-reopens/", "/2019/03/05/ferry-pier-open-again/"],
    }


def test_comments_never_reach_the_body(plan):
    assert "COMMENT TEXT" not in "".join(plan.files.values())


def test_password_protected_post_is_a_draft(plan):
    assert front(plan, "articles/2022/harbour-budget-briefing.md")["status"] == "draft"


def test_future_post_is_scheduled_with_its_date_and_a_passed_one_is_a_draft():
    export = read_export(EXPORT)
    ahead = plan_import(export, declared=DECLARED, now=NOW)
    assert front(ahead, "articles/2027/winter-ferry-timetable.md")["scheduled"] is True
    assert "status" not in front(ahead, "articles/2027/winter-ferry-timetable.md")
    later = plan_import(export, declared=DECLARED, now=datetime(2027, 2, 1, tzinfo=UTC))
    meta = front(later, "articles/2027/winter-ferry-timetable.md")
    assert meta["status"] == "draft" and "scheduled" not in meta
    assert entry(later, "104").reasons == [
        "was scheduled for 2027-01-15T07:00:00+00:00, which has passed"
    ]


def test_draft_without_utc_time_keeps_its_local_time_naive(plan):
    meta = front(plan, "articles/2021/draft-the-new-bus-timetable.md")
    assert meta["date"] == "2021-09-01T12:00:00"
    assert meta["status"] == "draft"


def test_categories_become_sections_declared_once_and_case_folded_to_declared_ones(plan):
    assert plan.sections == [
        {"name": "Harbour", "description": "Boats, piers and the people who work them."},
        {"name": "Town Hall"},
    ]
    assert front(plan, "articles/2020/cafe-alund-bake-off.md")["category"] == "Culture"


def test_authors_get_profiles_by_display_name_with_their_bio(plan):
    assert plan.files["authors/mira-brook.md"] == (
        "---\nname: Mira Brook\n---\n"
        "Mira Brook covered the harbour and the town hall for eleven years.\n"
    )
    assert plan.files["authors/jo-lindqvist-aberg.md"] == "---\nname: Jö Lindqvist-Åberg\n---\n"


def test_redirects_from_old_permalinks_and_query_links_reported(plan):
    redirects = {e.wp_id: e.redirects for e in plan.entries if e.redirects}
    assert redirects == {
        "101": ["/2019/03/04/ferry-pier-reopens/", "/2019/03/05/ferry-pier-open-again/"],
        "102": ["/2020/07/café-alund-bake-off/"],
        "302": ["/about/contact/"],
    }
    assert entry(plan, "113").unreachable == ["https://old.lakeside-ledger.example/?p=113"]
    assert entry(plan, "301").redirects == []  # /about/ is still /about/


def test_an_old_path_that_is_now_another_items_url_is_reported_not_redirected():
    export = read_export(EXPORT)
    contact = next(i for i in export.items if i.post_id == "302")
    contact.link = "https://old.lakeside-ledger.example/about/"  # the About page's URL now
    plan = plan_import(export, declared=DECLARED, now=NOW)
    assert entry(plan, "302").redirects == []
    assert entry(plan, "302").unreachable == ["/about/ (now the URL of WordPress item 301)"]
    assert "redirect_from" not in front(plan, "pages/contact.md")


def test_attachments_copied_from_uploads_or_reported_remote(plan):
    assert plan.copies == {
        "images/wordpress/2019/03/pier.jpg": FIXTURES / "uploads" / "2019" / "03" / "pier.jpg"
    }
    assert plan.remote == [
        "https://old.lakeside-ledger.example/wp-content/uploads/2020/07/buns.jpg"
    ]


def test_without_uploads_the_featured_image_is_not_a_lead_image():
    plan = plan_import(read_export(EXPORT), declared=DECLARED, now=NOW)
    assert "image" not in front(plan, "articles/2019/ferry-pier-reopens.md")
    assert (
        "featured image https://old.lakeside-ledger.example/wp-content/uploads/2019/03/pier.jpg"
        " is remote; not a lead image" in entry(plan, "101").notes
    )


# --- bodies ------------------------------------------------------------------------------


def test_block_comments_and_more_tags_are_removed():
    markdown, _, _ = convert(
        "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph --><!--more-->"
    )
    assert markdown == "One.\n"


def test_caption_becomes_image_and_caption():
    markdown, _, _ = convert(
        '[caption id="a" width="300"]<img src="https://x.example/a.jpg" alt="A heron"> '
        "A heron on the pier[/caption]"
    )
    assert markdown == "![A heron](https://x.example/a.jpg)\n\n*A heron on the pier*\n"


def test_gallery_audio_video_embed_and_unknown_shortcodes():
    media = Media(by_id={"7": ("https://x.example/b.jpg", "Buns")})
    markdown, notes, _ = convert(
        '[gallery ids="7,8"]\n\n[audio mp3="https://x.example/a.mp3"]\n\n'
        '[video mp4="https://x.example/v.mp4"][/video]\n\n[embed]https://v.example/1[/embed]\n\n'
        '[poll id="3"]Vote[/poll] [[kept]]',
        media,
    )
    assert markdown == (
        "![Buns](https://x.example/b.jpg)\n\n"
        "[Listen: https://x.example/a.mp3](https://x.example/a.mp3)\n\n"
        "[Watch: https://x.example/v.mp4](https://x.example/v.mp4)\n\n"
        "[Embedded media: https://v.example/1](https://v.example/1)\n\n"
        "Vote [kept]\n"
    )
    assert notes == [
        "[gallery]: attachment 8 is not in the export; left out",
        "[listen] became a link to https://x.example/a.mp3",
        "[watch] became a link to https://x.example/v.mp4",
        "[embedded media] became a link to https://v.example/1",
        "shortcode [poll] has no equivalent here; dropped (its text kept)",
        "image https://x.example/b.jpg is remote (not in --uploads); linked as it is",
    ]


def test_what_the_sanitiser_drops_becomes_a_link_or_a_note():
    markdown, notes, _ = convert(
        '<iframe src="https://maps.example/e"></iframe><audio><source src="https://x.example/a.ogg">'
        "</audio><script>track()</script><p>Text &lt;b&gt; stays text.</p>"
    )
    assert markdown == (
        "[Embedded content: https://maps.example/e](https://maps.example/e)\n\n"
        "[Listen: https://x.example/a.ogg](https://x.example/a.ogg)\n\n"
        "Text &lt;b> stays text.\n"
    )
    assert notes == [
        "<iframe> became a link to https://maps.example/e",
        "<audio> became a link to https://x.example/a.ogg",
        "<script> dropped",
    ]


def test_classic_editor_text_gets_paragraphs_and_line_breaks():
    markdown, _, problems = convert("First line\nsecond line\n\nNew paragraph.")
    assert markdown == "First line  \nsecond line\n\nNew paragraph.\n"
    assert problems == []


def test_shortcode_attributes_in_every_quoting():
    assert parse_attrs(' a="1" b=\'2\' c=3 "four" five') == {
        "a": "1", "b": "2", "c": "3", "3": "four", "4": "five",
    }  # fmt: skip
    assert expand("[[gallery]]", "1", Media(), []) == "[gallery]"


# --- names and dates ---------------------------------------------------------------------


def test_standfirst_is_plain_text_cut_at_a_word():
    assert standfirst("<p>Short <em>one</em>.</p>\n\nSecond.") == "Short one."
    text = "word " * 50
    cut = cut_at_word(text.strip(), 160)
    assert len(cut) <= 160 and cut.endswith("word\u2026")
    assert standfirst("![x](y.jpg)\n\n**Bold** [link](https://x)") == "Bold link"


def test_dates_keep_the_offset_between_local_and_utc():
    assert dates.iso(dates.with_offset("2020-07-18 16:40:00", "2020-07-18 15:40:00")) == (
        "2020-07-18T16:40:00+01:00"
    )
    assert dates.iso(dates.with_offset("2020-01-02 03:00:00", "2020-01-02 08:30:00")) == (
        "2020-01-02T03:00:00-05:30"
    )
    assert dates.with_offset("0000-00-00 00:00:00", "0000-00-00 00:00:00") is None


# --- content/sections.yml ----------------------------------------------------------------


def test_sections_file_is_read_and_its_mistakes_name_file_and_line(tmp_path):
    path = tmp_path / "sections.yml"
    assert sections_from_file(path) == []
    path.write_text("- name: Harbour\n  description: Boats.\n- Town Hall\n")
    assert sections_from_file(path) == [
        {"name": "Harbour", "description": "Boats."},
        {"name": "Town Hall"},
    ]
    path.write_text("- name: Harbour\n- nmae: Town Hall\n")
    with pytest.raises(SettingsError) as caught:
        sections_from_file(path)
    assert str(caught.value) == (
        f"{path}:2: unknown key 'nmae' (did you mean 'name'?); known keys: name, slug, description"
    )
    path.write_text("- name: [unclosed\n")
    with pytest.raises(SettingsError, match=rf"{path}:2: not valid YAML"):
        sections_from_file(path)


def test_an_existing_file_of_the_same_name_is_never_taken():
    plan = plan_import(
        read_export(EXPORT),
        declared=DECLARED,
        now=NOW,
        taken={"pages/about.md", "pages/contact.md"},
    )
    assert "pages/about-301.md" in plan.files and "pages/about.md" not in plan.files
    assert entry(plan, "301").unreachable == ["/about/ (now the URL of pages/about.md)"]
    assert entry(plan, "302").redirects == ["/about/contact/"]
    assert entry(plan, "302").url == "/contact-302/"


def test_links_to_the_old_site_point_at_the_new_urls(plan):
    body = plan.files["articles/2021/library-hours.md"].split("---\n", 2)[2]
    assert body.endswith(
        "It is a short walk from the [reopened pier](/2019/03/ferry-pier-reopens/#photos); see "
        "also [the bake-off](/2020/07/cafe-alund-bake-off/) and "
        "[a report elsewhere](https://elsewhere.example/2019/03/04/ferry-pier-reopens/).\n"
    )


def test_a_list_straight_after_a_line_of_text_is_not_broken_markup():
    markdown, _, problems = convert("Before the list:\n<ul><li>one</li></ul>\n\nAfter.")
    assert problems == []
    assert "- one" in markdown
