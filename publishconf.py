"""Settings for the live site (`invoke publish`): absolute URLs, no drafts, no scheduled items."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402, F403

SITEURL = "https://lakeside-ledger.example"
SITE_BASE_URL = SITEURL
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
# Drafts and scheduled articles are never written in a published build.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
