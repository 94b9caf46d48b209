"""Author profiles joined to Pelican's own Author objects, plus the /authors/ index."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.check_settings)
    signals.article_generator_finalized.connect(handlers.attach_profiles)
