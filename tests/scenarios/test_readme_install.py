"""The README's install is enough to publish: a virtualenv made from requirements.txt alone runs
`invoke publish --dry-run` on a copy of the project (its tasks.py, settings, plugins, theme)
with a small content folder, so nothing is built into this repository's .cache/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.support import BUILD_TIME, ROOT, Site, article

PROJECT_FILES = ("tasks.py", "pelicanconf.py", "publishconf.py", "requirements.txt")
PROJECT_FOLDERS = ("plugins", "newsroom", "theme")

pytestmark = pytest.mark.install


@pytest.fixture(scope="session")
def readme_venv(tmp_path_factory) -> Path:
    """One virtualenv per session, with requirements.txt and nothing else (pip's cache in the
    user's home keeps this to seconds after the first run)."""
    venv = tmp_path_factory.mktemp("readme-install") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "--disable-pip-version-check", "--quiet"]
    installed = subprocess.run(
        [*pip, "-r", str(ROOT / "requirements.txt")], capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stderr
    return venv


def project_copy(folder: Path) -> Site:
    """This project's code and settings in `folder`, with a one-article content folder."""
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, folder / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    site = Site(folder)
    site.add_article("ferry", article(), "The winter timetable starts on 1 December.")
    return site


def invoke(venv: Path, folder: Path, *arguments: str, **environment: str):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(folder),
        # The build's clock (newsroom_core.clock), so the article is not scheduled.
        "SOURCE_DATE_EPOCH": str(int(datetime.fromisoformat(BUILD_TIME).timestamp())),
        **environment,
    }
    return subprocess.run(
        [str(venv / "bin" / "invoke"), *arguments],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_publish_dry_run_works_from_requirements_txt_alone(readme_venv, tmp_path):
    project_copy(tmp_path)  # publishconf.py as it is: target rsync, and no server named
    result = invoke(readme_venv, tmp_path, "publish", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "publish: gate passed for " + str(tmp_path / ".cache" / "publish" / "site") in lines
    assert "  >f+++++++++ 2026/11/ferry-timetable-approved/index.html" in lines
    assert lines[-1] == (
        "publish: dry run, no target is set: PUBLISH['host']: required for target 'rsync'; "
        "set it in publishconf.py or the environment variable NEWS_DEPLOY_HOST"
    )
