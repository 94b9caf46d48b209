"""The build keeps each file's lint results (LINT_CACHE): what it finds must be what a fresh
lint finds, whatever changed around an unchanged file."""

from __future__ import annotations

import shutil

import pytest

import content_lint.lint as lint_module
from tests.support import BuildFailed, article

STORY = " ".join(
    f"The harbour council met on day {n} and voted on the ferry timetable again." for n in range(30)
)


def failures(site) -> list[str]:
    with pytest.raises(BuildFailed) as failure:
        site.build()
    return failure.value.messages


def test_a_cached_lint_still_stops_the_build_until_the_file_is_fixed(site):
    body = "Councillors approved the timetable.\n\nLet me know if you need any refinements!"
    site.add_article("ferry", article(), body)
    first = [m for m in failures(site) if "residue-assistant" in m]
    assert first and (site.root / ".cache" / "lint.pickle").is_file()
    assert [m for m in failures(site) if "residue-assistant" in m] == first
    site.add_article("ferry", article(), "Councillors approved the timetable.")
    site.build()


def test_deleting_an_image_fails_an_unchanged_story_that_shows_it(site):
    shutil.copy(site.content / "images" / "logo.png", site.content / "images" / "pier.png")
    site.add_article("pier", article(), "![The pier]({static}/images/pier.png)\n\nIt reopened.")
    site.build()
    (site.content / "images" / "pier.png").unlink()
    (message,) = [m for m in failures(site) if "image-missing" in m]
    assert "content/articles/pier.md" in message and "pier.png" in message


def test_a_new_story_copying_a_cached_one_is_a_near_duplicate_of_it(site):
    site.add_article("ferry", article(), STORY)
    site.build()
    site.add_article("copy", article(title="Council votes on ferry times"), STORY)
    found = sorted(m for m in failures(site) if "near-duplicate" in m)
    assert len(found) == 2
    assert "content/articles/copy.md" in found[0] and "articles/ferry.md" in found[0]
    assert "content/articles/ferry.md" in found[1] and "articles/copy.md" in found[1]


def test_only_changed_files_go_through_the_rules_again(site, monkeypatch):
    site.add_article("ferry", article(), STORY)
    site.add_article("bus", article(title="Bus lane opens"), "The bus lane opened on Monday.")
    site.build()
    linted = []
    rules = lint_module.FILE_RULES
    monkeypatch.setattr(
        lint_module,
        "FILE_RULES",
        [lambda doc, settings: linted.append(doc.path) or []] + list(rules),
    )
    site.build()
    assert linted == []
    site.add_article("bus", article(title="Bus lane opens"), "The bus lane opened on Tuesday.")
    site.build()
    assert [path.rsplit("/", 1)[-1] for path in linted] == ["bus.md"]


def test_a_lint_cache_setting_that_is_not_a_path_is_a_settings_error(site):
    site.add_article("ferry", article())
    with pytest.raises(BuildFailed, match="LINT_CACHE: expected a path"):
        site.build(LINT_CACHE=7)
