"""Render pages fast: Pelican's writer with the page writes spread over workers, and listings and
period archives without Pelican's quadratic membership tests."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from .listings import index_listings, linear_period_archives
from .writer import FlushWrites, ParallelWriter


def use_parallel_writer(pelican):
    return ParallelWriter


def add_flush_generator(pelican):
    return FlushWrites


def register():
    # A patch, not a signal: the archives are built inside generate_context. Output unchanged.
    ArticlesGenerator._build_period_archives = linear_period_archives(
        ArticlesGenerator._build_period_archives
    )
    signals.get_writer.connect(use_parallel_writer)
    signals.get_generators.connect(add_flush_generator)
    signals.article_generator_finalized.connect(index_listings)
