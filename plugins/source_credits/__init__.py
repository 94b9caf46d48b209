"""Credit every outlet we republish or rewrite: on the page, in feeds, in structured data."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.check_settings)
    signals.article_generator_finalized.connect(handlers.attach_credits)
    signals.article_writer_finalized.connect(handlers.write_sources_page)
    signals.feed_generated.connect(handlers.credit_feed_entries)
