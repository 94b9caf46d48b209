"""The page engine (parallel_render) is speed, not features: with `PAGE_ENGINE = False` Pelican's
own writer renders every page, one at a time, and the site is byte for byte the same."""

from __future__ import annotations

import pytest

from tests.support import BUILD_TIME, PUBLISH_SETTINGS, BuildFailed, build, files_in

PARALLEL = {"WORKERS": 2, "MIN_ITEMS": 1}  # fork even for a handful of pages


def test_sample_site_without_the_engine_is_byte_identical(tmp_path):
    common = {"BUILD_TIME": BUILD_TIME, "BUILD_PARALLEL": PARALLEL}
    engine = build(PUBLISH_SETTINGS, tmp_path / "engine", common)
    # A second build through the engine reuses every page: still the same bytes.
    reused = build(PUBLISH_SETTINGS, tmp_path / "engine", common)
    pelican = build(PUBLISH_SETTINGS, tmp_path / "pelican", {**common, "PAGE_ENGINE": False})
    assert reused.report.get("pages rendered") == []
    assert "pages rendered" not in pelican.report  # Pelican's writer did the work
    ours, theirs = files_in(engine.output), files_in(pelican.output)
    assert len(ours) > 100
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_engine_setting_that_is_not_a_boolean_is_a_settings_error(tmp_path):
    with pytest.raises(BuildFailed, match="PAGE_ENGINE: expected True or False, got 'no'"):
        build(PUBLISH_SETTINGS, tmp_path / "out", {"BUILD_TIME": BUILD_TIME, "PAGE_ENGINE": "no"})
