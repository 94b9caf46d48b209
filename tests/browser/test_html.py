"""The Nu HTML Checker (vnu-jar) finds no error on any page of the published build."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.browser.conftest import require_node_module


def test_every_generated_page_is_valid_html(published_site):
    vnu = require_node_module("vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed (package default-jre-headless)")
    pages = sorted(published_site.output.rglob("*.html"))
    assert len(pages) >= 40
    completed = subprocess.run(
        [java, "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(completed.stderr or completed.stdout)
    root = published_site.output.as_uri()
    errors = [
        f"{m.get('url', '').removeprefix(root)}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == []
    assert completed.returncode == 0
