"""Publishing to a real sshd + nginx: what readers see before, during and after a deploy."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path

import pytest

from newsroom.publish import DeployError, GateFailed, publish, rollback
from tests.publish.sitegen import site_files, tree_bytes, write_site

FERRY_V1 = "The first ferry leaves at seven."
FERRY_V2 = "From Monday the first ferry leaves at half past six."


def build(root: Path, ferry_text: str = FERRY_V1, **extra) -> Path:
    """A fresh "build" (new files, new mtimes), as every publish starts from."""
    return write_site(root, {**site_files(ferry_text), **extra})


def served_text(server, path: str) -> str:
    status, _, body = server.get(path)
    assert status == 200, f"{path}: HTTP {status}"
    return body.decode()


def server_state(server) -> dict:
    """Every name under the deploy directory with its inode and mtime: any change shows."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(server.path):
        for name in dirnames + filenames:
            info = os.lstat(os.path.join(dirpath, name))
            state[os.path.join(dirpath, name)] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return state


def releases(server) -> list[str]:
    return sorted(os.listdir(server.path / "releases"))


def test_published_site_is_served_by_nginx_with_precompressed_pages(server, tmp_path):
    report = publish(build(tmp_path / "v1"), server.publish_settings(), echo=None)

    assert FERRY_V1 in served_text(server, "/news/ferry/")
    assert "Harbour Gazette" in served_text(server, "/")
    assert (server.path / "current").resolve() == server.path / "releases" / report.release_id
    status, headers, body = server.get("/news/ferry/", **{"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip"
    assert FERRY_V1 in gzip.decompress(body).decode()


def test_second_publish_after_editing_one_page_sends_only_that_page(server, tmp_path):
    first = publish(build(tmp_path / "v1"), server.publish_settings(), echo=None)
    second = publish(build(tmp_path / "v2", FERRY_V2), server.publish_settings(), echo=None)

    assert first.files_transferred == len(tree_bytes(tmp_path / "v1"))
    # The page and its .gz and .br siblings; every other file is hard-linked.
    assert second.files_transferred == 3
    assert 0 < second.deployed.stats.file_bytes_transferred < 3000
    assert FERRY_V2 in served_text(server, "/news/ferry/")
    old, new = (server.path / "releases" / r for r in (first.release_id, second.release_id))
    assert (old / "about/index.html").stat().st_ino == (new / "about/index.html").stat().st_ino
    assert (old / "news/ferry/index.html").read_text().count(FERRY_V1) == 1


def test_publish_that_fails_the_gate_uploads_nothing(server, tmp_path):
    publish(build(tmp_path / "v1"), server.publish_settings(), echo=None)
    before = server_state(server)
    broken = build(
        tmp_path / "broken",
        FERRY_V2,
        **{"about/index.html": site_files()["about/index.html"].replace("/news/ferry/", "/gone/")},
    )

    with pytest.raises(GateFailed) as failure:
        publish(broken, server.publish_settings(), echo=None)

    assert "about/index.html:11: broken link '/gone/': no file gone/index.html" in str(
        failure.value
    )
    assert server_state(server) == before
    assert FERRY_V1 in served_text(server, "/news/ferry/")


def dying_rsync(tmp_path: Path, server) -> Path:
    """A server-side rsync that is killed partway through the big file."""
    wrapper = tmp_path / "dying-rsync"
    wrapper.write_text(
        "#!/bin/sh\n"
        "exec 3<&0\n"  # a background job would otherwise get /dev/null as stdin
        'rsync "$@" <&3 3<&- &\n'
        "pid=$!\n"
        "for attempt in $(seq 200); do\n"
        f"  ls -a {server.path}/.incoming-*/media 2>/dev/null | grep -q big && break\n"
        "  sleep 0.05\n"
        "done\n"
        'kill -9 "$pid"\n'
        "exit 137\n"
    )
    wrapper.chmod(0o755)
    return wrapper


def test_killed_rsync_leaves_the_served_site_unchanged_and_the_next_publish_works(server, tmp_path):
    first = publish(build(tmp_path / "v1"), server.publish_settings(), echo=None)
    big = os.urandom(3_000_000)
    v2 = build(tmp_path / "v2", FERRY_V2, **{"media/big.bin": big})
    interrupted = server.publish_settings(
        rsync_path=str(dying_rsync(tmp_path, server)), rsync_options=["--bwlimit=1000"]
    )

    with pytest.raises(DeployError, match="rsync failed"):
        publish(v2, interrupted, echo=None)

    leftovers = list(server.path.glob(".incoming-*"))
    assert leftovers, "rsync was expected to have started the upload"
    assert releases(server) == [first.release_id]
    assert FERRY_V1 in served_text(server, "/news/ferry/")
    assert server.get("/media/big.bin")[0] == 404

    again = publish(v2, server.publish_settings(), echo=None)

    assert FERRY_V2 in served_text(server, "/news/ferry/")
    assert server.get("/media/big.bin")[2] == big
    assert not list(server.path.glob(".incoming-*"))
    assert releases(server) == [first.release_id, again.release_id]


def test_rollback_restores_the_previous_release_byte_for_byte(server, tmp_path):
    v1 = build(tmp_path / "v1")
    publish(v1, server.publish_settings(), echo=None)
    published_v1 = tree_bytes(v1)  # with the siblings publish wrote
    v2 = build(tmp_path / "v2", FERRY_V2, **{"theme/print.css": "main { margin: 0; }\n"})
    publish(v2, server.publish_settings(), echo=None)
    assert tree_bytes(server.path / "current") != published_v1

    result = rollback(server.publish_settings(), echo=None)

    assert tree_bytes(server.path / "current") == published_v1
    assert FERRY_V1 in served_text(server, "/news/ferry/")
    assert result.release_id == releases(server)[0]


def test_dry_run_reports_changes_and_changes_nothing(server, tmp_path):
    empty = server_state(server)
    report = publish(build(tmp_path / "v0"), server.publish_settings(), dry_run=True, echo=None)
    assert server_state(server) == empty
    assert report.files_transferred == len(tree_bytes(tmp_path / "v0"))

    publish(build(tmp_path / "v1"), server.publish_settings(), echo=None)
    before = server_state(server)
    report = publish(
        build(tmp_path / "v2", FERRY_V2), server.publish_settings(), dry_run=True, echo=None
    )

    assert server_state(server) == before
    assert FERRY_V1 in served_text(server, "/news/ferry/")
    changed = sorted(line.split()[-1] for line in report.deployed.changes)
    assert changed == [
        "news/ferry/index.html",
        "news/ferry/index.html.br",
        "news/ferry/index.html.gz",
    ]
    assert report.files_transferred == 3


def test_local_directory_target_keeps_the_last_releases(tmp_path):
    settings = {
        "SITEURL": "https://harbour-gazette.example",
        "PUBLISH": {"target": "local", "path": str(tmp_path / "www"), "keep_releases": 2},
    }
    ids = [
        publish(build(tmp_path / f"v{n}", f"Edition {n}."), settings, echo=None).release_id
        for n in range(3)
    ]

    assert sorted(os.listdir(tmp_path / "www" / "releases")) == ids[1:]
    assert "Edition 2." in (tmp_path / "www/current/news/ferry/index.html").read_text()
    rollback(settings, echo=None)
    assert "Edition 1." in (tmp_path / "www/current/news/ferry/index.html").read_text()
    with pytest.raises(DeployError, match="no kept release was live before"):
        rollback(settings, echo=None)


def test_github_pages_target_commits_the_site_to_the_branch(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    identity = (["config", "user.name", "Desk"], ["config", "user.email", "desk@x.example"])
    for command in (["init", "-q"], *identity):
        subprocess.run(["git", *command], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    settings = {
        "SITEURL": "https://harbour-gazette.example",
        "PUBLISH": {"target": "ghp-import", "ghp_push": False},
    }

    publish(build(tmp_path / "v1"), settings, echo=None)

    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {"index.html", "news/ferry/index.html.gz", ".nojekyll"} <= set(listed)
    with pytest.raises(DeployError, match="rollback is not available for ghp-import"):
        rollback(settings, echo=None)
