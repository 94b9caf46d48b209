"""The PUBLISH settings (validation, environment overrides) and the release helpers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsroom.publish.releases import (
    new_release_id,
    parse_rsync_stats,
    previous_release,
    releases_to_prune,
)
from newsroom.publish.settings import PublishSettingsError, publish_settings

RSYNC = {"target": "rsync", "host": "news.example", "path": "/srv/news"}


def test_defaults_fill_in_and_site_url_comes_from_siteurl():
    config = publish_settings({"PUBLISH": RSYNC, "SITEURL": "https://x.example"}, environ={})
    assert (config["port"], config["keep_releases"]) == (22, 5)
    assert config["site_url"] == "https://x.example"


def test_environment_overrides_settings():
    environ = {"NEWS_DEPLOY_HOST": "staging.example", "NEWS_DEPLOY_PORT": "2222"}
    config = publish_settings({"PUBLISH": RSYNC}, environ=environ)
    assert (config["host"], config["port"]) == ("staging.example", 2222)


@pytest.mark.parametrize(
    ("publish", "environ", "message"),
    [
        (
            {**RSYNC, "hots": "x"},
            {},
            "publish: PUBLISH['hots']: unknown setting (did you mean 'host'?); known settings: ",
        ),
        ({**RSYNC, "port": "22"}, {}, "publish: PUBLISH['port']: expected int, got str '22'"),
        ({**RSYNC, "compress": 1}, {}, "publish: PUBLISH['compress']: expected bool, got int 1"),
        (
            {**RSYNC, "target": "rsynk"},
            {},
            "publish: PUBLISH['target']: expected one of rsync, local, ghp-import, got 'rsynk' "
            "(did you mean 'rsync'?)",
        ),
        (
            {"target": "rsync", "path": "/srv"},
            {},
            "publish: PUBLISH['host']: required for target 'rsync'; set it in publishconf.py or "
            "the environment variable NEWS_DEPLOY_HOST",
        ),
        (RSYNC, {"NEWS_DEPLOY_PORT": "ssh"}, "publish: NEWS_DEPLOY_PORT: expected a whole number"),
        (
            {**RSYNC, "keep_releases": 1},
            {},
            "publish: PUBLISH['keep_releases']: expected at least 2 (rollback needs the previous "
            "release), got 1",
        ),
        ("rsync", {}, "publish: PUBLISH: expected a dict, got str 'rsync'"),
    ],
)
def test_bad_settings_name_the_key_expected_and_received(publish, environ, message):
    with pytest.raises(PublishSettingsError) as error:
        publish_settings({"PUBLISH": publish}, environ=environ)
    assert str(error.value).startswith(message)


def test_release_ids_sort_by_time_and_never_repeat():
    now = datetime(2026, 11, 22, 10, 15, 30, tzinfo=UTC)
    first = new_release_id([], now)
    second = new_release_id([first], now)
    assert (first, second) == ("20261122T101530Z-001", "20261122T101530Z-002")
    # A clock that stepped back still gives a later id.
    assert new_release_id([second], datetime(2026, 1, 1, tzinfo=UTC)) == "20261122T101530Z-003"
    assert new_release_id([second, ".incoming-x"], datetime(2027, 1, 1, tzinfo=UTC)) == (
        "20270101T000000Z-001"
    )


def test_pruning_keeps_the_newest_and_the_current_release():
    ids = [f"20261122T10153{n}Z-001" for n in range(5)]
    assert releases_to_prune(ids, 2, ids[-1]) == ids[:3]
    assert releases_to_prune(ids, 2, ids[0]) == ids[1:3]
    assert previous_release(ids, ids[2]) == ids[1]
    assert previous_release(ids, ids[0]) is None


def test_rsync_stats_are_read_with_thousands_separators():
    output = (
        "Number of regular files transferred: 1,203\n"
        "Total transferred file size: 5,003 bytes\n"
        "Total bytes sent: 1,234,567\n"
    )
    stats = parse_rsync_stats(output)
    assert (stats.files_transferred, stats.file_bytes_transferred, stats.bytes_sent) == (
        1203,
        5003,
        1234567,
    )
