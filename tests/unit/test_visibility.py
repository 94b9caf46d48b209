"""The one decision of whether content is public, and whether a build writes files for it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from newsroom_core.visibility import has_own_files, is_public


def content(status="published", save_as="2026/11/story/index.html", **metadata):
    return SimpleNamespace(status=status, save_as=save_as, metadata=dict(metadata, status=status))


@pytest.mark.parametrize(
    ("item", "public"),
    [
        (content(), True),
        (content(status="Published"), True),
        (SimpleNamespace(metadata={}), True),  # Pelican's default status
        (content(status="draft"), False),
        (content(status="draft", scheduled=True), False),  # front_matter marks both
        (content(scheduled=True), False),
        (content(status="hidden"), False),  # withdrawn
    ],
)
def test_is_public(item, public):
    assert is_public(item) is public


def test_unpublished_content_has_files_only_where_the_build_renders_it():
    assert has_own_files(content())
    assert has_own_files(content(save_as=""))  # public, even without a page of its own
    assert has_own_files(content(status="draft", save_as="drafts/story/index.html"))  # preview
    assert not has_own_files(content(status="draft", save_as=""))  # publishconf.py
    assert not has_own_files(content(status="draft", save_as="", scheduled=True))
