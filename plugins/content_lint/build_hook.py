"""Run the linter inside a build, so residue and placeholders stop `invoke build` too."""

from __future__ import annotations

import logging

from newsroom_core.errors import BUILD_ERRORS

from .findings import ERROR
from .lint import content_folders, lint_paths

logger = logging.getLogger(__name__)

# The front-matter reader reports structural errors itself, with the same wording.
REPORTED_BY_READER = {"front-matter"}


def lint_content_folder(pelican) -> None:
    settings = pelican.settings
    for finding in lint_paths(content_folders(settings), settings):
        if finding.rule in REPORTED_BY_READER:
            continue
        if finding.severity == ERROR:
            message = f"{finding.message} (fix: {finding.hint})"
            BUILD_ERRORS.add(finding.path, finding.line, finding.rule, message)
        else:
            logger.warning("%s", finding)
