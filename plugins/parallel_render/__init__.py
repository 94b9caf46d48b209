"""Render pages fast: Pelican's writer with the page writes spread over workers, each page
reused when its declared inputs are unchanged, and listings without Pelican's quadratic
membership tests."""

from pelican import signals

from newsroom_core.contents import CONTENT_LISTS
from newsroom_core.settings import SettingsError

from .listings import use_member_lists
from .urls import freeze_urls
from .writer import FlushWrites, ParallelWriter

# Setting: False hands every page to Pelican's own writer, one at a time, and the site comes
# out byte for byte the same (a test builds it both ways): this layer is speed, not features.
ENGINE_SETTING = "PAGE_ENGINE"


def engine_on(settings) -> bool:
    value = settings.get(ENGINE_SETTING, True)
    if not isinstance(value, bool):
        raise SettingsError(f"{ENGINE_SETTING}: expected True or False, got {value!r}")
    return value


def use_parallel_writer(pelican):
    return ParallelWriter if engine_on(pelican.settings) else None


def add_flush_generator(pelican):
    return FlushWrites if engine_on(pelican.settings) else None


def freeze_article_urls(generator):
    """Articles' URLs are final once they are read: the reader sets the slug, date, category,
    authors and language, and no plugin of ours changes them later. Frozen here, before the
    related stories, neighbours, shared-page check and writes each work every URL out again
    (a second and a half at 10,000 articles). A plugin that did change them after reading
    would have to run before this (article_generator_pretaxonomy)."""
    if not engine_on(generator.settings):
        return
    freeze_urls({name: getattr(generator, name, None) for name in CONTENT_LISTS})


def sort_static_files(generator):
    """Pelican lists static files in the order of a set (the linked ones joined with the ones
    found), which changes from one process to the next. The list is in every page's context:
    unsorted, a rebuild by a new `invoke build` found the site changed and rendered every page
    again whenever a site had two images or more."""
    generator.staticfiles.sort(key=lambda static: static.source_path)


def member_lists(generator):
    if engine_on(generator.settings):
        use_member_lists(generator)


def register():
    signals.get_writer.connect(use_parallel_writer)
    signals.get_generators.connect(add_flush_generator)
    signals.article_generator_pretaxonomy.connect(freeze_article_urls)
    signals.article_generator_finalized.connect(member_lists)
    signals.static_generator_finalized.connect(sort_static_files)
