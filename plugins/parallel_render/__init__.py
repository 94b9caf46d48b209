"""Render pages on every core: Pelican's writer, with the page writes spread over workers."""

from pelican import signals

from .writer import FlushWrites, ParallelWriter


def use_parallel_writer(pelican):
    return ParallelWriter


def add_flush_generator(pelican):
    return FlushWrites


def register():
    signals.get_writer.connect(use_parallel_writer)
    signals.get_generators.connect(add_flush_generator)
