"""Render pages fast: Pelican's writer with the page writes spread over workers, and listings
without Pelican's quadratic membership tests."""

from pelican import signals

from .listings import index_listings
from .writer import FlushWrites, ParallelWriter


def use_parallel_writer(pelican):
    return ParallelWriter


def add_flush_generator(pelican):
    return FlushWrites


def register():
    signals.get_writer.connect(use_parallel_writer)
    signals.get_generators.connect(add_flush_generator)
    signals.article_generator_finalized.connect(index_listings)
