"""Read Markdown with YAML front matter, check it against the contract, fail loudly."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.start_build)
    signals.readers_init.connect(handlers.use_news_reader)
    signals.all_generators_finalized.connect(handlers.stop_on_content_errors)
    signals.finalized.connect(handlers.stop_on_late_errors)
