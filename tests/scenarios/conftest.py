"""Fixtures shared by the scenario tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def target(tmp_path, monkeypatch):
    """Deploy to a folder on this machine instead of the configured server."""
    www = tmp_path / "www"
    monkeypatch.setenv("NEWS_DEPLOY_TARGET", "local")
    monkeypatch.setenv("NEWS_DEPLOY_PATH", str(www))
    return www
