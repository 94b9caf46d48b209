"""Render pages fast: Pelican's writer with the page writes spread over workers, and listings and
period archives without Pelican's quadratic membership tests."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from .listings import LISTINGS, linear_listing_dates, linear_period_archives
from .writer import FlushWrites, ParallelWriter


def use_parallel_writer(pelican):
    return ParallelWriter


def add_flush_generator(pelican):
    return FlushWrites


def register():
    # Patches, not signals: the archives are built inside generate_context, the listings'
    # dates inside generate_pages. Output unchanged.
    ArticlesGenerator._build_period_archives = linear_period_archives(
        ArticlesGenerator._build_period_archives
    )
    for name, listings_of in LISTINGS.items():
        method = getattr(ArticlesGenerator, name)
        setattr(ArticlesGenerator, name, linear_listing_dates(method, listings_of))
    signals.get_writer.connect(use_parallel_writer)
    signals.get_generators.connect(add_flush_generator)
