"""`invoke publish` end to end with the sample-site settings: build with publishconf.py, gate,
lint with warnings as errors, deploy to a local release directory; and what stops it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsroom.build import build
from newsroom.publish.command import PublishFailed, publish_site, rollback_site
from tests.support import BUILD_TIME, PUBLISH_SETTINGS, ROOT, Site, article, files_in


def overrides(site: Site) -> dict:
    return {"PATH": str(site.content), "BUILD_TIME": BUILD_TIME}


def test_publish_builds_checks_and_deploys_a_release(tmp_path, target):
    site = Site(tmp_path / "site")
    site.add_article("ferry", article(), "The winter timetable starts on 1 December.")
    report = publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=None)
    page = target / "current" / "2026" / "11" / "ferry-timetable-approved" / "index.html"
    assert "The winter timetable starts" in page.read_text(encoding="utf-8")
    assert (page.parent / "index.html.gz").is_file()  # precompressed for the web server
    assert report.release_id and not report.dry_run


def test_a_lint_warning_stops_a_publish_and_nothing_is_uploaded(tmp_path, target):
    site = Site(tmp_path / "site")
    long_title = "Ferry timetable " + "approved after a very long and detailed debate " * 3
    site.add_article("ferry", article(title=long_title.strip()))
    with pytest.raises(PublishFailed) as failure:
        publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=None)
    assert "seo-title-length" in str(failure.value)
    assert "content/articles/ferry.md" in str(failure.value)
    assert list(target.rglob("*")) == []  # the lock was taken and given back; no upload


def test_a_build_error_stops_a_publish_before_the_gate(tmp_path, target):
    site = Site(tmp_path / "site")
    site.add_article("ferry", article(summary=None))
    with pytest.raises(PublishFailed) as failure:
        publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=None)
    message = str(failure.value)
    assert message.startswith("publish: the build failed with 1 error(s); nothing uploaded:")
    assert "ferry.md" in message and "summary" in message
    assert not target.exists()


def test_rollback_goes_back_one_release(tmp_path, target):
    site = Site(tmp_path / "site")
    path = site.add_article("ferry", article(), "First edition of the story.")
    publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=None)
    path.write_text(path.read_text().replace("First edition", "Second edition"))
    publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=None)
    page = target / "current" / "2026" / "11" / "ferry-timetable-approved" / "index.html"
    assert "Second edition" in page.read_text(encoding="utf-8")
    rollback_site(PUBLISH_SETTINGS, overrides=overrides(site), echo=None)
    assert "First edition" in page.read_text(encoding="utf-8")


def test_a_second_publish_renders_only_what_changed_and_ships_a_clean_build(tmp_path, target):
    site = Site(tmp_path / "site")
    for number in range(3):
        site.add_article(f"story-{number}", article(title=f"Harbour story {number}"))
    path = site.add_article("ferry", article(), "First edition of the story.")
    publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=None)
    path.write_text(path.read_text().replace("First edition", "Second edition"))
    lines = []
    publish_site(PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), echo=lines.append)
    built = next(line for line in lines if line.startswith("publish: built "))
    assert "(1 pages rendered," in built, built
    clean = build(
        PUBLISH_SETTINGS,
        tmp_path / "clean",
        {**overrides(site), "PAGE_CACHE": "", "CACHE_DIR": str(tmp_path / "clean-cache")},
    )
    compressed = (".gz", ".br")  # by the publish, after its build
    shipped = files_in(tmp_path / "work" / "site", leave_out=compressed)
    expected = files_in(clean.output)
    assert sorted(shipped) == sorted(expected)
    assert [name for name in shipped if shipped[name] != expected[name]] == []
    live = target / "current" / "2026" / "11" / "ferry-timetable-approved" / "index.html"
    assert "Second edition" in live.read_text(encoding="utf-8")


NO_HOST = (
    "publish: dry run, no target is set: PUBLISH['host']: required for target 'rsync'; "
    "set it in publishconf.py or the environment variable NEWS_DEPLOY_HOST"
)


@pytest.fixture
def no_host(monkeypatch):
    """publishconf.py as it is in the repository: target rsync, and no server named."""
    for name in ("NEWS_DEPLOY_TARGET", "NEWS_DEPLOY_HOST", "NEWS_DEPLOY_PATH"):
        monkeypatch.delenv(name, raising=False)


def test_a_dry_run_without_a_host_builds_gates_and_lists_the_upload(tmp_path, no_host):
    site = Site(tmp_path / "site")
    site.add_article("ferry", article(), "The winter timetable starts on 1 December.")
    printed = []
    report = publish_site(
        PUBLISH_SETTINGS,
        tmp_path / "work",
        overrides=overrides(site),
        dry_run=True,
        echo=printed.append,
    )
    lines = "\n".join(printed).splitlines()
    assert "publish: gate passed for " + str(tmp_path / "work" / "site") in lines
    assert "  >f+++++++++ 2026/11/ferry-timetable-approved/index.html" in lines
    assert "  >f+++++++++ 2026/11/ferry-timetable-approved/index.html.gz" in lines
    assert lines[-2].startswith(f"publish: would upload {report.files_transferred} files (")
    assert lines[-2].endswith(
        " bytes) and delete none, as a first release would: with no "
        "target there is no release to compare with"
    )
    assert lines[-1] == NO_HOST
    assert report.dry_run and report.release_id is None


def test_a_dry_run_without_a_host_still_stops_at_the_gate(tmp_path, no_host):
    site = Site(tmp_path / "site")
    long_title = "Ferry timetable " + "approved after a very long and detailed debate " * 3
    site.add_article("ferry", article(title=long_title.strip()))
    with pytest.raises(PublishFailed) as failure:
        publish_site(
            PUBLISH_SETTINGS, tmp_path / "work", overrides=overrides(site), dry_run=True, echo=None
        )
    assert "seo-title-length" in str(failure.value)


def test_invoke_publish_without_a_server_names_the_setting_to_set(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "publish: PUBLISH['host']: required for target 'rsync'; set it in publishconf.py or "
        "the environment variable NEWS_DEPLOY_HOST\n"
    )
