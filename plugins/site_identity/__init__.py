"""The newsroom's identity: checks the identity settings (and every top-level setting's
spelling) when a build starts, tells the theme about the logo, writes the favicons."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.check_settings)
    signals.finalized.connect(handlers.write_favicons)
