"""What readers expect beyond the article: related stories, previous/next in the section,
reading time, the corrections page, archives by month, comments and search."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.check_settings)
    signals.article_generator_finalized.connect(handlers.attach_reader_aids)
    signals.article_writer_finalized.connect(handlers.write_reader_pages)
    signals.finalized.connect(handlers.index_for_search)
