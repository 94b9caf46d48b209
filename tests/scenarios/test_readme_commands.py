"""The README's commands, taken from its `sh` blocks: each is run here, walking the guide in a
git clone of this repository, or named with the test that runs it. A command the README gains
and this file does not know fails the first test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PIL import Image

from newsroom.sample import SAMPLE_DOCUMENTS
from tests.support import ROOT, document, front_matter, sample_names

README = ROOT / "README.md"
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
VENV_BIN = ".venv/bin/"

# Each command line of the README: run by the guide walk below, or by another test.
WALKED = {
    ".venv/bin/invoke sample --remove",
    '.venv/bin/invoke new author "Ada Lane"',
    '.venv/bin/invoke new article "Ferry fares frozen for 2027"',
    '.venv/bin/invoke new article "Harbour wall repaired" --author ada-lane --section Local',
    ".venv/bin/invoke lint",
}
ELSEWHERE = {
    "scripts/bootstrap.sh && .venv/bin/invoke build serve": (
        "bootstrap is what .ci/run starts with; the build is the session's sample build "
        "(tests/conftest.py); serving it: tests/browser"
    ),
    "scripts/bootstrap.sh --tests && .venv/bin/invoke test": "this is .ci/run",
    ".venv/bin/invoke livereload": "tests/browser/test_livereload.py",
    ".venv/bin/invoke publish --dry-run": "tests/scenarios/test_readme_install.py",
    "NEWS_DEPLOY_HOST=www.example NEWS_DEPLOY_USER=deploy .venv/bin/invoke publish": (
        "tests/publish/test_deploy.py (a real sshd on 127.0.0.1)"
    ),
    ".venv/bin/invoke releases": "tests/publish/test_settings_and_releases.py",
    ".venv/bin/invoke rollback": "tests/publish/test_settings_and_releases.py",
    ".venv/bin/invoke import --wordpress old-site.WordPress.2026-11-30.xml --uploads ./uploads": (
        "tests/scenarios/test_wordpress_import.py"
    ),
}

NEW_NAME = "The Marrow Bay Courier"
NEW_SECTIONS = '[{"name": "Local"}, {"name": "Harbour", "description": "Boats and tides."}]'


def readme_commands() -> list[str]:
    commands = []
    for block in SH_BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            line = line.split(" # ")[0].strip()
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def test_every_readme_command_is_run_by_a_test():
    unknown = [c for c in readme_commands() if c not in WALKED and c not in ELSEWHERE]
    assert unknown == [], "README commands no test runs; add them to this file"
    assert set(readme_commands()) >= WALKED, "commands walked here are no longer in the README"


def invoke(clone: Path, command: str) -> subprocess.CompletedProcess:
    """`command` in `clone`, with this environment's invoke for `.venv/bin/invoke`."""
    words = command.replace(VENV_BIN, str(Path(sys.executable).parent) + "/", 1)
    result = subprocess.run(
        words, shell=True, cwd=clone, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def run(clone: Path, command: str) -> subprocess.CompletedProcess:
    """A command from the README (the walk must not drift from what it says)."""
    assert command in WALKED
    return invoke(clone, command)


def set_identity(clone: Path) -> None:
    """What "Start a new newsroom" asks for: the name, the logo and the sections."""
    settings = clone / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    text = re.sub(r'^SITENAME = ".*"$', f'SITENAME = "{NEW_NAME}"', text, flags=re.MULTILINE)
    text = re.sub(
        r"^SECTIONS = \[.*?^\]$", f"SECTIONS = {NEW_SECTIONS}", text, flags=re.MULTILINE | re.DOTALL
    )
    text = re.sub(
        r'^SITE_LOGO = ".*"$', 'SITE_LOGO = "images/courier.png"', text, flags=re.MULTILINE
    )
    settings.write_text(text, encoding="utf-8")
    Image.new("RGB", (256, 256), (20, 90, 140)).save(clone / "content" / "images" / "courier.png")
    (clone / "content" / "images" / "logo.png").unlink()  # the sample paper's logo


def publish_story(path: Path) -> None:
    """The reporter writes the story and takes it out of draft."""
    front = front_matter(path)
    del front["status"]
    front["summary"] = "Crossings will cost the same next year, the harbour board said."
    text = "The harbour board voted on Tuesday to keep every ferry fare at this year's level."
    path.write_text(document(front, text), encoding="utf-8")


def test_the_guide_makes_a_new_newsroom_with_no_sample_left(tmp_path):
    clone = tmp_path / "site"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "config", "user.name", "Ada Lane"], check=True)
    run(clone, ".venv/bin/invoke sample --remove")
    set_identity(clone)
    run(clone, '.venv/bin/invoke new author "Ada Lane"')
    made = run(clone, '.venv/bin/invoke new article "Ferry fares frozen for 2027"')
    story = next((clone / "content" / "articles").rglob("ferry-fares-frozen-for-2027.md"))
    assert "/drafts/ferry-fares-frozen-for-2027/" in made.stdout
    assert front_matter(story)["authors"] in (
        "ada-lane",
        ["ada-lane"],
    )
    publish_story(story)
    run(
        clone,
        '.venv/bin/invoke new article "Harbour wall repaired" --author ada-lane --section Local',
    )  # stays a draft
    run(clone, ".venv/bin/invoke lint")
    invoke(clone, ".venv/bin/invoke build")  # "build serve" in the Quick start, less serve

    output = clone / "output"
    front = (output / "index.html").read_text(encoding="utf-8")
    assert NEW_NAME in front
    assert "courier" in front and "Ferry fares frozen for 2027" in front
    assert "Harbour wall repaired" not in front  # a draft
    assert (output / "category" / "local" / "index.html").is_file()  # the first section
    sample = ["Lakeside Ledger", *sample_names(ROOT / "content", SAMPLE_DOCUMENTS)]
    leftovers = {}
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            found = [name for name in sample if name in text]
            if found:
                leftovers[path.relative_to(output).as_posix()] = found
    assert leftovers == {}
    assert not (output / "images" / "logo.png").exists()
