"""The PUBLISH settings (validation, environment overrides) and the release helpers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsroom.publish.releases import (
    Switch,
    live_line,
    never_live,
    new_release_id,
    parse_history,
    parse_rsync_stats,
    previous_release,
    releases_to_prune,
    rollback_target,
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
    first = new_release_id([], now, "aaaaaa")
    second = new_release_id([first], now, "bbbbbb")
    assert (first, second) == ("20261122T101530Z-001-aaaaaa", "20261122T101530Z-002-bbbbbb")
    # A clock that stepped back still gives a later id.
    assert new_release_id([second], datetime(2026, 1, 1, tzinfo=UTC), "cccccc") == (
        "20261122T101530Z-003-cccccc"
    )
    assert new_release_id([second, ".incoming-x"], datetime(2027, 1, 1, tzinfo=UTC), "d" * 6) == (
        "20270101T000000Z-001-dddddd"
    )
    # Ids from before the random part still count, and sort with the new ones.
    assert new_release_id(["20261122T101530Z-004"], now, "eeeeee") == "20261122T101530Z-005-eeeeee"


def test_two_publishes_reading_the_same_releases_at_the_same_second_get_two_ids():
    now = datetime(2026, 11, 22, 10, 15, 30, tzinfo=UTC)
    ids = {new_release_id(["20261122T101530Z-001-aaaaaa"], now) for _ in range(50)}
    assert len(ids) == 50


def test_pruning_keeps_the_newest_and_the_protected_releases():
    ids = [f"20261122T10153{n}Z-001" for n in range(5)]
    assert releases_to_prune(ids, 2, {ids[-1]}) == ids[:3]
    assert releases_to_prune(ids, 2, {ids[0], ids[1]}) == ids[2:3]
    assert previous_release(ids, ids[2]) == ids[1]
    assert previous_release(ids, ids[0]) is None


def switches(*steps) -> list[Switch]:
    """("publish", "G1"), ("rollback", "G1") ... as history lines."""
    return [
        Switch(f"2026-11-22T10:00:0{i}Z", a, r, "-", "ed@desk") for i, (a, r) in enumerate(steps)
    ]


G = [f"20261122T10000{n}Z-001" for n in range(10)]


def test_rollback_goes_along_what_was_live_not_back_to_a_release_rolled_back_from():
    history = switches(("publish", G[8]), ("publish", G[9]), ("rollback", G[8]), ("publish", G[1]))
    # G1 is newer in the history though older by id; after it, rollback goes to G8, not G9.
    assert live_line(history) == [G[8], G[1]]
    assert rollback_target(history, G, G[1]) == G[8]
    assert rollback_target(history, G, G[8]) is None


def test_a_release_that_never_went_live_is_never_a_rollback_target():
    history = switches(("publish", G[1]), ("publish", G[2]))
    kept = [G[1], G[2], G[3]]  # G3: uploaded, then the switch failed
    assert rollback_target(history, kept, G[2]) == G[1]
    assert never_live(history, kept, G[2]) == [G[3]]
    assert never_live([], kept, G[2]) == []  # a target from before the history keeps all


def test_history_lines_cut_short_are_skipped():
    text = "\n".join(s.line() for s in switches(("publish", G[1]))) + "\n2026-11-22\tpub"
    assert [s.release for s in parse_history(text)] == [G[1]]


def test_list_settings_are_split_as_a_shell_would_from_the_environment():
    environ = {"NEWS_DEPLOY_SSH_OPTIONS": "-o 'ProxyJump=bastion.example' -o Port=22"}
    config = publish_settings({"PUBLISH": {"host": "h", "path": "/srv"}}, environ=environ)
    assert config["ssh_options"] == ["-o", "ProxyJump=bastion.example", "-o", "Port=22"]
    with pytest.raises(PublishSettingsError, match="NEWS_DEPLOY_RSYNC_OPTIONS: No closing"):
        publish_settings({"PUBLISH": {}}, environ={"NEWS_DEPLOY_RSYNC_OPTIONS": "--x='"})


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
