"""reader_aids.word_count: what a reader would count as words in a story's text."""

from __future__ import annotations

import pytest

from reader_aids.aids import word_count


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>The ferry left at 22:40.</p>", 5),  # a time is one word
        ("<p>Rain \u2014 then sun</p>", 3),  # a dash alone is not a word
        ("<p>\u2014Yes, said the harbour-master</p>", 4),  # punctuation inside or before
        ("<p>One&nbsp;two &amp; three</p>", 3),  # entities are text, "&" is no word
        ("<p>snake_case _ __</p>", 1),  # an underscore alone is no letter
        ("<p>caf\u00e9 \u0663\u0664</p>", 2),  # letters and digits of any script
        ("<p>split<br>words</p><p>and<em>tags</em></p>", 4),  # tags separate words
        ("", 0),
        (None, 0),
    ],
)
def test_words_are_runs_of_text_with_a_letter_or_digit(html, words):
    assert word_count(html) == words
