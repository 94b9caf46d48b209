"""SEO metadata for every page: head tags, one linked JSON-LD graph, sitemaps, robots.txt,
and each feed's own id, alternate link and updated date."""

from pelican import signals

from newsroom_core.parallel import share_worker_state

from . import feeds, handlers


def register():
    # Pages rendered in parallel_render's workers record their heads there; bring them back.
    share_worker_state("news_seo heads", *handlers.HEADS_IN_WORKERS)
    signals.initialized.connect(handlers.start_build)
    signals.feed_generated.connect(feeds.dress_feed)
    signals.finalized.connect(handlers.write_site_files)
