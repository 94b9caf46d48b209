"""Signal handlers for reader aids."""

from __future__ import annotations

from pathlib import Path

from newsroom_core.contents import OWN_PAGE_FIELDS_SETTING
from newsroom_core.errors import BUILD_ERRORS
from newsroom_core.settings import SettingsError, cache_dir, check_plugin_settings
from newsroom_core.urls import url_problem

from .aids import (
    all_corrections,
    all_withdrawals,
    byline_times,
    date_then_url,
    neighbours_in_category,
    reading_minutes,
    word_count,
)
from .archives import PELICAN_ARCHIVE_KEYS, write_period_archives
from .related import related_articles
from .search import index_site

DEFAULTS = {
    "RELATED_COUNT": 4,
    "RELATED_MIN_SCORE": 3.0,
    "WORDS_PER_MINUTE": 230,
    "CORRECTIONS_SAVE_AS": "corrections/index.html",
    "SEARCH_SAVE_AS": "search/index.html",
    "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",  # "" for none
    "YEAR_ARCHIVE_URL": "{date:%Y}/",
    "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html",  # "" for none
    "MONTH_ARCHIVE_URL": "{date:%Y}/{date:%m}/",
    "SEARCH_INDEX": True,  # run Pagefind over the written site
    "SEARCH_SHARD_SIZE": 1000,  # articles per search shard; an edit re-indexes one shard
    "COMMENTS_PROVIDER": "",  # "" (off) or "isso": a self-hosted comment server
    "COMMENTS_URL": "",  # the comment server's base URL, e.g. https://comments.example.org
}
COMMENT_PROVIDERS = ("", "isso")


def check_settings(pelican):
    cfg = check_plugin_settings("reader_aids", pelican.settings, "READER_AIDS", DEFAULTS)
    for key in PELICAN_ARCHIVE_KEYS:
        if pelican.settings.get(key):
            raise SettingsError(
                f"{key}: reader_aids writes the period archives; set "
                f"READER_AIDS[{key!r}] instead and leave {key} unset"
            )
    if cfg["SEARCH_SHARD_SIZE"] < 1:
        raise SettingsError(
            "reader_aids: READER_AIDS['SEARCH_SHARD_SIZE']: expected a whole number of articles "
            f"of at least 1, got {cfg['SEARCH_SHARD_SIZE']!r}"
        )
    if cfg["COMMENTS_PROVIDER"] not in COMMENT_PROVIDERS:
        raise SettingsError(
            f"reader_aids: READER_AIDS['COMMENTS_PROVIDER']: expected one of "
            f"'', 'isso', got {cfg['COMMENTS_PROVIDER']!r}"
        )
    if cfg["COMMENTS_PROVIDER"]:
        problem = url_problem(cfg["COMMENTS_URL"])
        if problem:
            raise SettingsError(f"reader_aids: READER_AIDS['COMMENTS_URL']: {problem}")
    # The byline of the story's own page shows them; no card does.
    pelican.settings.setdefault(OWN_PAGE_FIELDS_SETTING, []).extend(
        ["word_count", "reading_minutes"]
    )


def attach_reader_aids(generator):
    cfg = generator.settings["READER_AIDS"]
    published = generator.articles
    # Pelican works a URL out again on every access: once per story for both orders.
    order = {article: date_then_url(article) for article in published}
    related = related_articles(
        published, cfg["RELATED_COUNT"], cfg["RELATED_MIN_SCORE"], key=order.__getitem__
    )
    neighbours = neighbours_in_category(published, key=order.__getitem__)
    for article in published + generator.drafts + generator.hidden_articles:
        article.word_count = word_count(article._content)
        article.reading_minutes = reading_minutes(article.word_count, cfg["WORDS_PER_MINUTE"])
        article.related = related.get(article, [])
        article.byline_times = byline_times(article.date, getattr(article, "modified", None))
        article.previous_in_category, article.next_in_category = neighbours.get(
            article, (None, None)
        )
    generator.context["corrections_list"] = all_corrections(published)
    generator.context["withdrawals_list"] = all_withdrawals(generator.hidden_articles)
    generator.context["comments"] = {
        "provider": cfg["COMMENTS_PROVIDER"],
        "url": cfg["COMMENTS_URL"],
    }


def write_reader_pages(generator, writer):
    cfg = generator.settings["READER_AIDS"]
    write_period_archives(generator, writer, cfg)
    pages = (("corrections", cfg["CORRECTIONS_SAVE_AS"]), ("search", cfg["SEARCH_SAVE_AS"]))
    for template, save_as in pages:
        if save_as:
            writer.write_file(
                save_as,
                generator.get_template(template),
                generator.context,
                page_name=save_as.removesuffix("/index.html"),
                url=save_as.removesuffix("index.html"),
            )


def index_for_search(pelican):
    """Pagefind indexes only elements marked data-pagefind-body: published, indexable articles
    (the theme marks them), never drafts or noindex pages."""
    settings = pelican.settings
    if not settings["READER_AIDS"]["SEARCH_INDEX"]:
        return
    cache = cache_dir(settings) / "pagefind"
    problem = index_site(Path(settings["OUTPUT_PATH"]), settings, cache)
    if problem:
        BUILD_ERRORS.add("pagefind", 0, "search", f"indexing failed: {problem}")
