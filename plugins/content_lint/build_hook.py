"""Run the linter inside a build, so residue and placeholders stop `invoke build` too."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from newsroom_core.errors import BUILD_ERRORS
from newsroom_core.output import built_path
from newsroom_core.parallel import fork_pool, worker_count

from .cache import LintCache, cache_path
from .findings import ERROR
from .lint import content_folders, lint_with_site_links
from .settings import lint_options
from .site_links import RULE, missing_pages

logger = logging.getLogger(__name__)

# The front-matter reader reports structural errors itself, with the same wording.
REPORTED_BY_READER = {"front-matter"}


def lint_content_folder(pelican) -> None:
    """Lint while Pelican reads: in a forked worker when the site is big enough to be worth
    one. Its findings join the build's errors before the build decides whether to go on."""
    settings = pelican.settings
    cache_path(settings)  # a bad LINT_CACHE is a settings error here, not in the worker
    folders = content_folders(settings)
    files = sum(1 for folder in folders for _ in Path(folder).rglob("*.md"))
    setattr(pelican, SITE_LINKS, [])
    if worker_count(settings, files) < 2:
        _settle(pelican, _lint(folders, settings))
        return
    _Job.folders, _Job.settings = folders, settings
    pool = fork_pool(1)
    running = pool.submit(_lint_in_worker)
    pool.shutdown(wait=False)  # the job still runs; the worker leaves when it is done
    BUILD_ERRORS.add_pending(lambda: _settle(pelican, running.result()))


# The site links of this build, kept on its Pelican object from the lint to `finalized`.
SITE_LINKS = "newsroom_site_links"


def _settle(pelican, outcome) -> None:
    findings, links = outcome
    report(findings)
    setattr(pelican, SITE_LINKS, links)


def check_site_links(pelican) -> None:
    """At `finalized`, with every page written (parallel_render's workers included: they are
    done by now): each site link must name a file in the output, written by this build or
    kept in place from the last one (newsroom_core.output.built_path). Warnings."""
    BUILD_ERRORS.settle()
    settings = pelican.settings
    if RULE in lint_options(settings)["disabled_rules"]:
        return
    site_url = settings.get("SITEURL", "")
    exists = functools.partial(_built, settings)
    for finding in missing_pages(getattr(pelican, SITE_LINKS, ()), exists, site_url):
        logger.warning("%s", finding)


def _built(settings, relative: str) -> bool:
    return built_path(settings, relative).is_file()


class _Job:
    folders: list = []
    settings: dict = {}


def _lint_in_worker():
    return _lint(_Job.folders, _Job.settings)


def _lint(folders, settings):
    """The lint with the build's cache of each file's results (LINT_CACHE)."""
    cache = LintCache(cache_path(settings), settings)
    outcome = lint_with_site_links(folders, settings, cache)
    cache.save()
    return outcome


def report(findings) -> None:
    for finding in findings:
        if finding.rule in REPORTED_BY_READER:
            continue
        if finding.severity == ERROR and not finding.held:
            message = f"{finding.message} (fix: {finding.hint})"
            BUILD_ERRORS.add(finding.path, finding.line, finding.rule, message)
        else:
            logger.warning("%s", finding)
