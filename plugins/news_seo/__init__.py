"""SEO metadata for every page: head tags, one linked JSON-LD graph, sitemaps, robots.txt."""

from pelican import signals

from . import handlers


def register():
    signals.initialized.connect(handlers.start_build)
    signals.finalized.connect(handlers.write_site_files)
