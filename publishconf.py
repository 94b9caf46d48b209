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

# Where `invoke publish` deploys (newsroom/publish/settings.py lists every key). The server is
# not in the repository: set NEWS_DEPLOY_HOST, NEWS_DEPLOY_USER (and NEWS_DEPLOY_PORT,
# NEWS_DEPLOY_IDENTITY_FILE) in the environment; any key can be overridden that way.
PUBLISH = {
    "target": "rsync",
    "path": "/srv/lakeside-ledger",
    "keep_releases": 5,
    "ssh_options": ["-o", "StrictHostKeyChecking=accept-new"],
}
