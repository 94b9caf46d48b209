"""URLs that last: published URLs kept through retitles, redirects from old URLs, permanent
feed entry ids, and a warning for a published URL that is no longer built."""

from pelican import signals

from . import handlers
from .redirects import RedirectsGenerator


def add_redirects_generator(pelican):
    return RedirectsGenerator


def register():
    signals.initialized.connect(handlers.check_ledger)
    # Before parallel_render freezes article URLs at the same signal (PLUGINS order).
    signals.article_generator_pretaxonomy.connect(handlers.keep_article_urls)
    signals.page_generator_finalized.connect(handlers.keep_page_urls)
    signals.get_generators.connect(add_redirects_generator)
    signals.all_generators_finalized.connect(handlers.report_live_urls)
    signals.all_generators_finalized.connect(handlers.report_content_urls)
    signals.feed_generated.connect(handlers.use_permanent_entry_ids)
