"""Signal handlers: read the ledger, settle each item's URL, report what a publish records."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from newsroom_core.clock import build_now
from newsroom_core.contents import (
    CONTENT_LISTS,
    FEED_CONTEXT_READS_SETTING,
    SERVED_LISTS,
    receiver_name,
)
from newsroom_core.errors import BUILD_ERRORS, report_at
from newsroom_core.ledger import (
    LIVE_URLS_REPORT,
    Entry,
    gone_message,
    ledger_file,
    read_ledger,
    save_as_for,
)
from newsroom_core.output import CONTENT_URLS_REPORT, report

from .urls import place, tag_uri

logger = logging.getLogger(__name__)

LIVE_LISTS = ("articles", "pages")  # of SERVED_LISTS, those not withdrawn


def check_ledger(pelican):
    _, errors = read_ledger(ledger_file(pelican.settings))
    BUILD_ERRORS.extend(errors)
    # The context's articles are looked through only for the feed's own entries, whose ids
    # are in the entries' views: nothing else of the context shapes a feed's ids.
    reads = pelican.settings.setdefault(FEED_CONTEXT_READS_SETTING, {})
    reads[receiver_name(use_permanent_entry_ids)] = []


def keep_article_urls(generator):
    _settle(generator.settings, generator.articles + generator.hidden_articles)
    _settle(generator.settings, generator.translations + generator.hidden_translations)


def keep_page_urls(generator):
    _settle(generator.settings, generator.pages + generator.hidden_pages)
    _settle(generator.settings, generator.translations + generator.hidden_translations)


def _settle(settings, contents) -> None:
    """Each published or withdrawn item's URL, id and older URLs (drafts have no live URL)."""
    ledger, _ = read_ledger(ledger_file(settings))
    content_dir = Path(settings["PATH"])
    base = site_base(settings)
    for content in contents:
        source = content.relative_source_path
        built_url = content.url  # Pelican formats the URL pattern on every read: once here
        placement = place(
            source,
            built_url,
            bool(content.metadata.get("slug_from_title")),
            ledger,
            lambda url, c=content: tag_uri(base, url, getattr(c, "date", None)),
            lambda other: (content_dir / other).is_file(),
        )
        if placement.conflict is not None:
            _report_conflict(content, placement.conflict)
        # The settled URL is final: set as Pelican's own `url:` override, which its `url`
        # property returns as it is instead of working it out on each of a story's mentions.
        content.override_url = placement.url
        if placement.url != built_url:
            content.override_save_as = save_as_for(placement.url)
        content.entry_id = placement.entry_id
        content.moved_from = placement.moved_from + list(content.metadata.get("redirect_from", ()))


def _report_conflict(content, claimed: Entry) -> None:
    message = (
        f"/{claimed.url} went live as {claimed.source}, which still exists; "
        "give this story another title or a `slug:`"
    )
    report_at(content, "slug", message, "slug", "title")


def site_base(settings) -> str:
    """The absolute site URL: ids and redirects' canonicals are absolute."""
    siteurl = settings.get("SITEURL") or ""
    return siteurl if "://" in siteurl else settings.get("SITE_BASE_URL", "")


def report_live_urls(generators):
    """The ledger as it will be once this build is live: a publish writes it after the switch.
    Warns about ledger URLs this build no longer serves (a publish refuses them)."""
    settings = generators[0].settings
    ledger, _ = read_ledger(ledger_file(settings))
    live, served = [], set()
    for generator in generators:
        for name in SERVED_LISTS:
            for content in getattr(generator, name, None) or ():
                served.add(content.url)
                served.update(getattr(content, "moved_from", ()))
                if name in LIVE_LISTS:
                    live.append(content)
    for entry in ledger.entries:
        if entry.url not in served:
            logger.warning(gone_message(entry))
    now = build_now(settings).isoformat(timespec="seconds")
    new = [Entry(c.url, c.relative_source_path, c.entry_id, now) for c in live]
    report(LIVE_URLS_REPORT, ledger.with_entries(new))


def report_content_urls(generators):
    """Each source's URL in this build, drafts too: the live preview follows a retitled story
    to its new URL with it."""
    urls = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                urls[content.relative_source_path] = content.url
    report(CONTENT_URLS_REPORT, urls)


def use_permanent_entry_ids(context, feed):
    """Feed entries keep the id they first went out with, whatever the title is now."""
    ids = {article.url: article.entry_id for article in context.get("articles", ())}
    for item in feed.items:
        path = urlsplit(item["link"]).path.lstrip("/")
        if path in ids:
            item["unique_id"] = ids[path]
