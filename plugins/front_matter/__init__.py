"""Read Markdown with YAML front matter, check it against the contract, fail loudly."""

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from . import handlers
from .prefetch import in_reading_order


def register():
    for generator in (ArticlesGenerator, PagesGenerator):
        if "get_files" not in vars(generator):  # once, however many builds register us
            generator.get_files = in_reading_order(generator.get_files)
    signals.initialized.connect(handlers.start_build)
    signals.readers_init.connect(handlers.use_news_reader)
    signals.article_generator_finalized.connect(handlers.order_sections)
    signals.article_generator_finalized.connect(handlers.report_scheduled)
    signals.all_generators_finalized.connect(handlers.stop_on_content_errors)
    signals.finalized.connect(handlers.stop_on_late_errors)
