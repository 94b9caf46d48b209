"""Fixtures for the browser quality gates: the published sample site served by nginx the way
production serves it (tests/servers.py: HTTPS, HTTP/2, precompressed siblings, cache headers),
and one headless Debian Chromium driven by Playwright."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.build import load_settings
from newsroom.quality import CHROMIUM, LAUNCH_ARGS, NODE_MODULES
from tests.servers import serve_site
from tests.support import PUBLISH_SETTINGS

NPM_HINT = "run `npm ci` at the repository root (scripts/bootstrap.sh --tests does)"


def require_chromium() -> str:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    return CHROMIUM


def require_node_module(relative: str) -> Path:
    path = NODE_MODULES / relative
    if not path.exists():
        pytest.skip(f"node_modules/{relative} is missing: {NPM_HINT}")
    return path


@pytest.fixture(scope="session")
def served_site(published_site, tmp_path_factory):
    origin = load_settings(PUBLISH_SETTINGS)["SITEURL"]
    home = tmp_path_factory.mktemp("browser-server")
    with serve_site(published_site.output, home, origin) as site:
        yield site


@pytest.fixture(scope="module")
def browser(served_site):
    """Headless Chromium that resolves the site's host name to our nginx."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=LAUNCH_ARGS + served_site.chrome_args
        )
        yield chromium
        chromium.close()
