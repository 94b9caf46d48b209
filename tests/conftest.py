"""Session fixtures: the sample site is built once per test session, both ways."""

from __future__ import annotations

import pytest

from tests.support import (
    BUILD_TIME,
    PUBLISH_SETTINGS,
    PUBLISHED_OVERRIDES,
    ROOT,
    SETTINGS,
    Site,
    build,
)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The sample content built with publishconf.py, as readers get it (PUBLISHED_OVERRIDES:
    small search shards)."""
    output = tmp_path_factory.mktemp("published") / "output"
    caches = {"CACHE_DIR": str(output.parent / "cache")}  # never the repository's .cache
    result = build(PUBLISH_SETTINGS, output, PUBLISHED_OVERRIDES | caches)
    return result


@pytest.fixture(scope="session")
def local_site(tmp_path_factory):
    """The sample content built with pelicanconf.py (drafts previewed under /drafts/)."""
    output = tmp_path_factory.mktemp("local") / "output"
    return build(SETTINGS, output, {"BUILD_TIME": BUILD_TIME, "CACHE_DIR": str(output.parent)})


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


@pytest.fixture(scope="session")
def content_root():
    return ROOT / "content"
