"""The build runs the content linter: residue a reader must never see stops `invoke build`."""

from __future__ import annotations

import pytest

from tests.support import BuildFailed, article


def test_chat_assistant_reply_in_an_article_fails_the_build(site):
    body = "Councillors approved the timetable.\n\nLet me know if you need any refinements!"
    site.add_article("ferry", article(), body)
    with pytest.raises(BuildFailed) as failure:
        site.build()
    (message,) = [m for m in failure.value.messages if "residue-assistant" in m]
    assert message.split(": ")[0].endswith("content/articles/ferry.md:11")
    assert not site.output.exists()  # nothing half-written


def test_placeholder_text_fails_the_build(site):
    site.add_article("ferry", article(), "The vote was [TK] to 2.")
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert any("placeholder" in m for m in failure.value.messages)


def test_a_lint_warning_is_reported_but_does_not_stop_a_local_build(site):
    site.add_article("ferry", article(title="Ferry " + "timetable " * 12))
    result = site.build()
    assert any("seo-title-length" in w for w in result.warnings)
    assert (result.output / "index.html").is_file()
