"""An unfinished raw-copy import (`needs:` in its front matter) never breaks anyone's build:
the build warns and skips it, `invoke lint` shows its problems, publish is not gated by it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from rich.console import Console

from content_lint import content_folders, exit_code, lint_paths
from newsroom.build import load_settings
from newsroom.importer import import_files
from newsroom.publish.command import lint_check
from tests.support import SETTINGS, Site, article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_unfinished_import_is_held_back_and_the_site_still_builds(tmp_path, caplog):
    site = Site(tmp_path)
    site.add_article("2026/ferry", article())
    outcomes = import_files(
        [FIXTURES / "cp1252_no_title.txt"],
        content_dir=site.content,
        today=date(2026, 11, 22),
        console=Console(file=io.StringIO()),
    )
    draft = outcomes[0].written[0]
    assert "needs:" in draft.read_text(encoding="utf-8")

    site.build()  # does not raise: the draft's missing title, date... are not build errors
    assert (site.output / "2026/11/ferry-timetable-approved/index.html").is_file()
    held = [r.getMessage() for r in caplog.records if "held back, not built" in r.getMessage()]
    assert len(held) == 1 and held[0].startswith(f"{draft}:")

    settings = load_settings(SETTINGS, site.settings())
    findings = lint_paths(content_folders(settings), settings)
    mine = [f for f in findings if f.path.endswith(draft.name)]
    assert mine and all(f.held for f in mine)
    assert exit_code(findings) == 1  # `invoke lint` shows them and fails
    needs = next(f for f in mine if f.message.startswith("needs:"))
    assert "left to do before this article can be published" in needs.message
    assert list(lint_check(settings)(site.output)) == []  # no gate for anyone else's publish


def test_a_finished_draft_without_needs_is_checked_as_before(tmp_path):
    site = Site(tmp_path)
    site.add_article("2026/broken", article(status="draft", category="Lcoal"))
    try:
        site.build()
    except Exception as failure:  # noqa: BLE001 - the build's own failure type
        assert "'Lcoal' is not a declared section" in str(failure)
    else:
        raise AssertionError("a draft with an error and no `needs` must still stop the build")
