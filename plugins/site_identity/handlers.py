"""Signal handlers: settings checked at `initialized`."""

from __future__ import annotations

from newsroom_core.identity import check_identity_settings


def check_settings(pelican):
    """Misspelt or wrong-typed settings stop the build."""
    check_identity_settings(pelican.settings)
