"""Bodies are rendered by one Markdown per configuration: nothing of one story may reach the
next (footnotes, abbreviations), and the output is what a fresh Markdown gives."""

from __future__ import annotations

from newsroom_core import markup

SETTINGS = {"MARKDOWN": {}, "NEWSROOM_TYPOGRIFY": False}


def test_one_storys_footnotes_and_abbreviations_never_reach_the_next():
    first = markup.render_markdown(
        "The HTML vote passed.[^1]\n\n[^1]: By six votes.\n\n*[HTML]: Harbour Town Meeting Line",
        SETTINGS,
    )
    second = markup.render_markdown("The ferry vote passed.[^a]\n\n[^a]: By two.", SETTINGS)
    assert "By six votes" in first and "<abbr" in first
    assert "By six votes" not in second and "abbr" not in second
    assert 'id="fn:a"' in second and "By two" in second


def test_a_shared_markdown_renders_as_a_fresh_one():
    body = "# Pier\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: Note."
    fresh = markup._new_markdown({}).convert(body)
    markup.render_markdown("Warm-up story.[^n]\n\n[^n]: Other.", SETTINGS)
    assert markup.render_markdown(body, SETTINGS) == markup.sanitize(fresh, SETTINGS)
