"""Signal handlers for source credits."""

from __future__ import annotations

import logging

from newsroom_core.contents import FEED_CONTEXT_READS_SETTING, receiver_name
from newsroom_core.schema import SYNDICATION_POLICIES
from newsroom_core.settings import SettingsError, check_plugin_settings

from .credits import credits_for, outlets_index, syndication

logger = logging.getLogger(__name__)

DEFAULTS = {"SYNDICATION_POLICY": "noindex", "SOURCES_SAVE_AS": "sources/index.html"}


def check_settings(pelican):
    settings = pelican.settings
    # The policy is a top-level setting (documented in the README); allow it in the dict too.
    if "SYNDICATION_POLICY" in settings:
        settings.setdefault("SOURCE_CREDITS", {}).setdefault(
            "SYNDICATION_POLICY", settings["SYNDICATION_POLICY"]
        )
    merged = check_plugin_settings("source_credits", settings, "SOURCE_CREDITS", DEFAULTS)
    if merged["SYNDICATION_POLICY"] not in SYNDICATION_POLICIES:
        raise SettingsError(
            "source_credits: SYNDICATION_POLICY: expected one of "
            f"{', '.join(SYNDICATION_POLICIES)}, got {merged['SYNDICATION_POLICY']!r}"
        )
    # A feed's credit lines are its own entries' credits, which are in the entries' views.
    settings.setdefault(FEED_CONTEXT_READS_SETTING, {})[receiver_name(credit_feed_entries)] = []


def attach_credits(generator):
    policy = generator.settings["SOURCE_CREDITS"]["SYNDICATION_POLICY"]
    for article in generator.articles + generator.drafts:
        article.credits = credits_for(article.metadata, policy)
        article.syndication_policy, article.original_url = syndication(article.credits)
        article.is_republished = any(c.relation == "republished" for c in article.credits)
    outlets = outlets_index(generator.articles)
    for outlet in outlets:
        if len(outlet.spellings) > 1:
            logger.warning(
                "source_credits: %s is credited as %s; use one spelling (lint: source-name)",
                outlet.host,
                " and ".join(repr(s) for s in outlet.spellings),
            )
    generator.context["outlets"] = outlets


def write_sources_page(generator, writer):
    save_as = generator.settings["SOURCE_CREDITS"]["SOURCES_SAVE_AS"]
    if not save_as:
        return
    writer.write_file(
        save_as,
        generator.get_template("sources"),
        generator.context,
        outlets=generator.context.get("outlets", []),
        page_name=save_as.removesuffix("/index.html"),
        url=save_as.removesuffix("index.html"),
        template_name="sources",
    )


def credit_feed_entries(context, feed):
    """Feeds carry the credit line in each entry (readers of feeds see no page footer)."""
    site = (context.get("SITEURL") or "").rstrip("/")
    # Feeds carry published articles only (drafts have credits too, but no feed).
    credited = {a.url: a.credits for a in context.get("articles") or () if a.credits}
    for item in feed.items:
        url = item["link"].removeprefix(site).lstrip("/")
        credits = credited.get(url)
        if not credits:
            continue
        lines = "".join(f'<p class="source-credit">{c.sentence}</p>' for c in credits)
        if item.get("content"):
            item["content"] = item["content"] + lines
        item["description"] = (item.get("description") or "") + lines
