"""`invoke sample --remove` on a copy of the repository's content: what is left builds, with
pelicanconf.py and publishconf.py, and says so on an empty front page."""

from __future__ import annotations

import json
import shutil

import pytest

from newsroom.build import load_settings
from newsroom.sample import SAMPLE_DOCUMENTS, SampleError, remove_sample
from tests.support import (
    BUILD_TIME,
    PUBLISH_SETTINGS,
    ROOT,
    SETTINGS,
    build,
    sample_names,
    soup,
)


def test_the_list_names_every_sample_document_in_the_repository():
    content = ROOT / "content"
    documents = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert documents == sorted(SAMPLE_DOCUMENTS)


@pytest.fixture
def content(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def test_removal_leaves_an_empty_site_that_builds(tmp_path, content):
    names = sample_names(content, SAMPLE_DOCUMENTS)
    overrides = {"PATH": str(content), "BUILD_TIME": BUILD_TIME}
    removed = remove_sample(load_settings(SETTINGS, overrides))
    assert "images/heron-count.jpg" in removed
    assert (content / "images" / "logo.png").is_file()  # SITE_LOGO
    for settings_file in (SETTINGS, PUBLISH_SETTINGS):
        output = tmp_path / settings_file.stem
        build(settings_file, output, overrides)
        front = soup(output, "/").main.get_text(" ", strip=True)
        assert "No stories yet" in front and 'invoke new article "Headline"' in front
        text = "\n".join(
            p.read_text(encoding="utf-8", errors="replace")
            for p in output.rglob("*")
            if p.is_file()
        )
        assert [name for name in names if name in text] == []


def test_live_sample_urls_are_refused_without_force(content):
    ledger = content / "url-ledger.json"
    entry = {
        "url": "2026/11/herons-record/",
        "source": "articles/2026/herons-record.md",
        "id": "tag:x,2026:1",
        "published": "2026-11-10T09:00:00+00:00",
    }
    ledger.write_text(json.dumps({"entries": [entry]}), encoding="utf-8")
    settings = load_settings(SETTINGS, {"PATH": str(content)})
    with pytest.raises(SampleError, match="these sample URLs went live: /2026/11/herons-record/"):
        remove_sample(settings)
    assert (content / "articles" / "2026" / "herons-record.md").is_file()
    remove_sample(settings, force=True)
    assert not (content / "articles" / "2026" / "herons-record.md").exists()
    assert "herons-record" not in ledger.read_text(encoding="utf-8")
