"""The hostile site is built once per session; every test reads the same output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsroom.build import load_settings
from tests.hostile.sites import hostile_sections, plugins_without_lint, populate
from tests.support import SETTINGS, Site


@dataclass
class HostileBuild:
    site: Site
    output: Path
    payload_pages: dict  # url -> payload shown on that page
    embed_hosts: frozenset


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> HostileBuild:
    site = Site(tmp_path_factory.mktemp("hostile"))
    pages = populate(site)
    result = site.build(PLUGINS=plugins_without_lint(), SECTIONS=hostile_sections())
    return HostileBuild(site, result.output, pages, _embed_hosts())


def _embed_hosts() -> frozenset:
    return frozenset(h.lower() for h in load_settings(SETTINGS).get("EMBED_HOSTS", ()))
