"""SEO metadata for every page: head tags, one linked JSON-LD graph, sitemaps, robots.txt."""

from pelican import signals

from newsroom_core.parallel import share_worker_state

from . import handlers


def register():
    # Pages rendered in parallel_render's workers record their heads there; bring them back.
    share_worker_state("news_seo heads", *handlers.HEADS_IN_WORKERS)
    signals.initialized.connect(handlers.start_build)
    signals.finalized.connect(handlers.write_site_files)
