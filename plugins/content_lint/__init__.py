"""Content lint: residue, placeholders, attribution, near-duplicates, SEO lengths, links.

`lint_paths(paths, settings)` runs every rule without Pelican; `invoke lint` and the build call
it. The residue patterns in `residue.py` are shared with the importer (newsroom/importer.py).
"""

from __future__ import annotations

from .findings import ERROR, WARNING, Finding, exit_code, format_json, format_text
from .lint import content_folders, lint_documents, lint_paths, lint_with_site_links
from .site_links import missing_pages

__all__ = [
    "ERROR",
    "content_folders",
    "WARNING",
    "Finding",
    "exit_code",
    "format_json",
    "format_text",
    "lint_documents",
    "lint_paths",
    "lint_with_site_links",
    "missing_pages",
]


def register():
    """As a Pelican plugin: lint the content folder when the build starts. Errors join the
    build's error list (the build fails with every problem at once); warnings are logged."""
    from pelican import signals  # noqa: PLC0415

    from .build_hook import check_site_links, lint_content_folder  # noqa: PLC0415

    signals.initialized.connect(lint_content_folder)
    signals.finalized.connect(check_site_links)
