"""Run the linter inside a build, so residue and placeholders stop `invoke build` too."""

from __future__ import annotations

import logging
from pathlib import Path

from newsroom_core.errors import BUILD_ERRORS

from .findings import ERROR
from .lint import lint_paths

logger = logging.getLogger(__name__)

# The front-matter reader reports structural errors itself, with the same wording.
REPORTED_BY_READER = {"front-matter"}


def lint_content_folder(pelican) -> None:
    settings = pelican.settings
    content = Path(settings["PATH"])
    folders = [
        content / name
        for name in (
            *settings.get("ARTICLE_PATHS", []),
            *settings.get("PAGE_PATHS", []),
            settings.get("AUTHOR_PROFILES_PATH", "authors"),
        )
        if (content / name).is_dir()
    ]
    for finding in lint_paths(folders, settings):
        if finding.rule in REPORTED_BY_READER:
            continue
        if finding.severity == ERROR:
            message = f"{finding.message} (fix: {finding.hint})"
            BUILD_ERRORS.add(finding.path, finding.line, finding.rule, message)
        else:
            logger.warning("%s", finding)
