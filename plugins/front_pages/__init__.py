"""The front page as an edition: a lead story, the top stories beside it, a block per
section and a "latest" list, chosen from `featured: true` in the front matter or, without
it, from the newest stories."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.check_settings)
    signals.article_generator_finalized.connect(handlers.attach_edition)
