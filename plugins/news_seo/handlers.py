"""Signal handlers: a Jinja global that computes each page's head, site files at the end."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from jinja2 import pass_context

from newsroom_core.clock import build_now
from newsroom_core.contents import (
    CONTEXT_READS_SETTING,
    FEED_CONTEXT_READS_SETTING,
    receiver_name,
)
from newsroom_core.errors import BUILD_ERRORS
from newsroom_core.logo import site_logo
from newsroom_core.output import output_changes_at
from newsroom_core.settings import SettingsError, check_plugin_settings

from . import sitemaps
from .feeds import dress_feed
from .head import build_head
from .pages import page_info
from .settings import DEFAULTS, NEWS_LANGUAGE_PATTERN

logger = logging.getLogger(__name__)

# What `news_seo()` reads from a page's context (page_info and build_head), besides settings.
HEAD_CONTEXT_READS = [
    "article",
    "page",
    "author",
    "category",
    "tag",
    "period",
    "page_name",
    "output_file",
    "articles_page",
    "articles_previous_page",
    "articles_next_page",
    "dates",
    "corrections_list",
    "withdrawals_list",
    "outlets",
]


class _Build:
    """State of the current build: site identity and every page rendered so far."""

    site: dict = {}
    cfg: dict = {}
    heads: dict = {}  # output file -> (SeoHead, PageInfo)


def start_build(pelican):
    settings = pelican.settings
    _Build.cfg = check_plugin_settings("news_seo", settings, "NEWS_SEO", DEFAULTS)
    language = _Build.cfg["NEWS_LANGUAGE"]
    if not re.fullmatch(NEWS_LANGUAGE_PATTERN, language):
        raise SettingsError(
            "news_seo: NEWS_SEO['NEWS_LANGUAGE']: expected an ISO 639 code such as 'en' "
            f"(Google News takes no region; zh-cn and zh-tw only), got {language!r}"
        )
    _Build.site = _site_identity(settings)
    _Build.heads = {}
    settings.setdefault("JINJA_GLOBALS", {})["news_seo"] = news_seo
    settings.setdefault(CONTEXT_READS_SETTING, {})["news_seo"] = HEAD_CONTEXT_READS
    # dress_feed links each feed to its list page, found by slug among these.
    feed_reads = settings.setdefault(FEED_CONTEXT_READS_SETTING, {})
    feed_reads[receiver_name(dress_feed)] = ["categories", "authors", "tags"]


def _site_identity(settings) -> dict:
    siteurl = settings.get("SITEURL") or ""
    base = (siteurl if siteurl.startswith("http") else settings.get("SITE_BASE_URL", "")).rstrip(
        "/"
    )
    if not base.startswith("http"):
        raise SettingsError("news_seo: SITEURL or SITE_BASE_URL must be an absolute http(s) URL")
    # JSON-LD wants a raster logo: SITE_LOGO when it is a PNG, else SITE_LOGO_RASTER.
    logo = site_logo(settings).raster
    return {
        "base": base,
        "name": settings["SITENAME"],
        "description": settings.get("SITE_DESCRIPTION", ""),
        "lang": settings.get("DEFAULT_LANG", "en"),
        "logo": {"url": f"{base}/{logo.path}", "width": logo.width, "height": logo.height},
        "same_as": list(settings.get("SITE_SOCIAL", [])),
        "twitter_site": settings.get("TWITTER_SITE", ""),
        "feed_all": settings.get("FEED_ALL_ATOM"),
        "feed_category": settings.get("CATEGORY_FEED_ATOM"),
        "feed_author": settings.get("AUTHOR_FEED_ATOM"),
        "search_url": settings.get("SEARCH_URL_TEMPLATE", "").replace("{base}", base),
    }


@pass_context
def news_seo(ctx):
    """Called once per rendered page by base.html: `{% set seo = news_seo() %}`."""
    info = page_info(ctx)
    head = build_head(info, ctx, _Build.site, _Build.cfg)
    if ctx.get("output_file"):
        _Build.heads[ctx["output_file"]] = (_for_site_files(head), info)
    return head


def _for_site_files(head):
    """What the sitemaps and the end-of-build checks read; the page's tags and JSON-LD (most
    of a head's size) are dropped, since heads travel back from render workers and are kept
    with each page for the next build."""
    return replace(head, verification=[], feeds=[], open_graph=[], twitter=[], json_ld="", graph={})


def _heads_begin() -> None:
    _Build.heads = {}


def _heads_collect() -> list:
    """The heads a worker recorded, each page's object replaced by its id (see WorkerState)."""
    return [
        (name, head, replace(info, obj=None if info.obj is None else id(info.obj)))
        for name, (head, info) in _Build.heads.items()
    ]


def _heads_merge(entries: list, resolve) -> None:
    # The entries were unpickled for this merge alone: their infos are changed in place
    # (dataclasses.replace, once per page, was 1.5 s of a 10,000-article rebuild).
    for name, head, info in entries:
        if info.obj is not None:
            info.obj = resolve(info.obj)
        _Build.heads[name] = (head, info)


HEADS_IN_WORKERS = (_heads_begin, _heads_collect, _heads_merge)


def write_site_files(pelican):
    output = Path(pelican.settings["OUTPUT_PATH"])
    cfg, site = _Build.cfg, _Build.site
    public = [head for head, _ in _Build.heads.values() if head.indexable]
    files = sitemaps.sitemap_files(public, site["base"], cfg["SITEMAP_MAX_URLS"])
    articles = [
        info.obj
        for head, info in _Build.heads.values()
        if info.kind == "article" and head.indexable
    ]
    now = build_now(pelican.settings)
    recent = sitemaps.news_articles(articles, now, cfg["NEWS_WINDOW_HOURS"])
    if recent:  # the oldest leaves the news sitemap then
        output_changes_at(recent[-1].date + timedelta(hours=cfg["NEWS_WINDOW_HOURS"]))
    publication = cfg["NEWS_PUBLICATION_NAME"] or site["name"]
    entries = [
        sitemaps.news_entry(a, f"{site['base']}/{a.url}", publication, cfg["NEWS_LANGUAGE"])
        for a in recent
    ]
    files.update(sitemaps.news_sitemap_files(entries, cfg["NEWS_MAX_URLS"]))
    names = ["sitemap.xml"] + sorted(n for n in files if n.startswith("news-sitemap"))
    files["robots.txt"] = sitemaps.robots_txt(site["base"], names)
    for name, text in files.items():
        _write_if_changed(output / name, text)
    _check(_Build.heads, cfg)
    BUILD_ERRORS.raise_if_any()


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def _check(heads: dict, cfg) -> None:
    """What Google's validators would flag, as build errors; duplicates as warnings."""
    titles, descriptions = defaultdict(list), defaultdict(list)
    for output_file, (head, info) in sorted(heads.items()):
        if not head.indexable:
            continue
        titles[head.title].append(output_file)
        descriptions[head.description].append(output_file)
        if info.kind != "article":
            continue
        article = info.obj
        path = article.relative_source_path
        lead = getattr(article, "lead_image", None)
        if lead and lead.get("width", 0) * lead.get("height", 0) < cfg["MIN_IMAGE_PIXELS"]:
            BUILD_ERRORS.add(
                path,
                article.metadata.get("_lines", {}).get("image", 1),
                "image",
                f"lead image is {lead['width']}x{lead['height']}; search needs at least "
                f"{cfg['MIN_IMAGE_PIXELS']} pixels; use a larger original",
            )
        for author in article.authors:
            if getattr(author, "profile", None) is None:
                BUILD_ERRORS.add(
                    path, 1, "authors", f"author '{author.slug}' has no profile page URL"
                )
    for label, groups in (("title", titles), ("description", descriptions)):
        for value, files in groups.items():
            if len(files) > 1:
                logger.warning("news_seo: duplicate %s %r on %s", label, value, ", ".join(files))
