"""`invoke import --wordpress` on our own WXR fixture: the site builds, old URLs redirect,
and importing again changes nothing."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from newsroom.build import load_settings
from newsroom.publish.command import lint_check
from newsroom.wordpress.command import import_wordpress
from newsroom.wordpress.report import figures
from newsroom_core.sections import sections_from_file
from tests.support import PUBLISH_SETTINGS, SETTINGS, Site, build

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wordpress"
EXPORT = FIXTURES / "ledger-archive.wxr.xml"
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
BASE_SECTIONS = load_settings(SETTINGS)["SECTIONS"]


def run_import(site: Site, export: Path = EXPORT):
    console = Console(file=io.StringIO(), width=200)
    plan, result = import_wordpress(
        export,
        content_dir=site.content,
        declared=[s["name"] for s in BASE_SECTIONS],
        uploads=FIXTURES / "uploads",
        now=NOW,
        console=console,
    )
    return plan, result, console.file.getvalue()


def sections(site: Site) -> list:
    return BASE_SECTIONS + sections_from_file(site.content / "sections.yml")


def snapshot(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("wordpress"))
    plan, result, report = run_import(site)
    site.build(SECTIONS=sections(site))
    published = site.root / "published"
    build(PUBLISH_SETTINGS, published, site.settings(SECTIONS=sections(site)))
    return site, plan, result, report, published


def test_the_figures_for_our_fixture(imported):
    _, plan, result, _, _ = imported
    numbers = figures(plan, result)
    assert numbers["by_type"] == {
        ("page", "draft"): 1, ("page", "published"): 2, ("post", "draft"): 6,
        ("post", "not imported"): 2, ("post", "published"): 3, ("post", "scheduled"): 1,
        ("post", "duplicate"): 1,
    }  # fmt: skip
    assert (numbers["redirects"], numbers["unreachable"], numbers["remote"]) == (4, 1, 1)
    assert numbers["sections_added"] == ["Harbour", "Town Hall"]
    assert numbers["written"] == 16 and numbers["images_copied"] == 1


def test_report_names_every_drafted_and_skipped_item_and_why(imported):
    report = imported[3]
    for line in (
        "post 105 Staff party seating plan → (no file): not imported",
        "not imported because private on WordPress",
        "draft because password-protected on WordPress: never published in full here",
        "draft because unknown author 'ghostwriter': not among the export's authors",
        "old URL not redirected: https://old.lakeside-ledger.example/?p=113",
        "remote attachment (not in --uploads): "
        "https://old.lakeside-ledger.example/wp-content/uploads/2020/07/buns.jpg",
        "ignored: 2 attachment (used by posts), 1 custom_css, 2 nav_menu_item",
    ):
        assert line in report


def test_published_items_build_and_old_permalinks_redirect(imported):
    _, _, _, _, published = imported
    assert (published / "2019/03/ferry-pier-reopens/index.html").is_file()
    assert (published / "contact/index.html").is_file()
    for old, new in (
        ("2019/03/04/ferry-pier-reopens", "/2019/03/ferry-pier-reopens/"),
        ("2020/07/café-alund-bake-off", "/2020/07/cafe-alund-bake-off/"),
        ("about/contact", "/contact/"),
        ("2019/03/05/ferry-pier-open-again", "/2019/03/ferry-pier-reopens/"),
    ):
        page = (published / old / "index.html").read_text(encoding="utf-8")
        assert f'rel="canonical" href="https://lakeside-ledger.example{new}"' in page
        assert f"/{old}/ {new} 301" in (published / "_redirects").read_text(encoding="utf-8")


def test_drafts_and_protected_text_never_reach_the_published_site(imported):
    _, _, _, _, published = imported
    text = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in published.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    )
    assert "subscribers only" not in text
    assert "Notes for the bus story" not in text
    assert "COMMENT TEXT" not in text
    assert "[gallery" not in text and "wp:paragraph" not in text


def test_lead_image_from_the_featured_image(imported):
    site = imported[0]
    page = site.page("2019/03/ferry-pier-reopens/")
    assert page.find("img", alt="The rebuilt north pier at dawn") is not None


def test_importing_again_changes_nothing(tmp_path):
    site = Site(tmp_path)
    run_import(site)
    before = snapshot(site.content)
    _, result, _ = run_import(site)
    assert snapshot(site.content) == before
    assert result.written == [] and len(result.kept) == 13


def test_a_newer_export_adds_only_what_is_new_and_keeps_editors_changes(tmp_path):
    site = Site(tmp_path)
    run_import(site)
    edited = site.content / "articles/2019/ferry-pier-reopens.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("eleven weeks", "11 weeks"))
    newer = tmp_path / "newer.xml"
    extra = (
        "<item><title>Regatta date set</title>"
        "<link>https://old.lakeside-ledger.example/2024/05/regatta-date/</link>"
        "<dc:creator>mbrook</dc:creator><content:encoded><![CDATA[<p>The regatta will be "
        "held on the first Saturday of June, the sailing club said on Tuesday.</p>]]>"
        "</content:encoded><wp:post_id>120</wp:post_id>"
        "<wp:post_date>2024-05-07 10:00:00</wp:post_date>"
        "<wp:post_date_gmt>2024-05-07 09:00:00</wp:post_date_gmt>"
        "<wp:post_name>regatta-date</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type>"
        '<category domain="category" nicename="harbour">Harbour</category></item>\n</channel>'
    )
    newer.write_text(EXPORT.read_text(encoding="utf-8").replace("</channel>", extra))
    before = snapshot(site.content)
    _, result, _ = run_import(site, newer)
    after = snapshot(site.content)
    assert result.written == ["articles/2024/regatta-date.md"]
    changed = sorted(k for k in after if before.get(k) != after[k])
    assert changed == ["articles/2024/regatta-date.md", "wordpress-import.json"]
    assert "11 weeks" in edited.read_text(encoding="utf-8")
    assert (site.content / "sections.yml").read_text(encoding="utf-8").count("Harbour") == 1


def test_problem_drafts_are_held_and_the_publish_lint_gate_passes(imported):
    site, _, _, _, published = imported
    lido = (site.content / "articles/2023/council-lido-vote.md").read_text(encoding="utf-8")
    assert "needs:\n- broken markup (" in lido
    plain_draft = site.content / "articles/2023/school-run-parking.md"
    assert "needs:" not in plain_draft.read_text(encoding="utf-8")
    settings = load_settings(PUBLISH_SETTINGS, site.settings(SECTIONS=sections(site)))
    assert list(lint_check(settings)(published)) == []
