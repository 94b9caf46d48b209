"""Settings for local builds (`invoke build`). `publishconf.py` extends these for the live site."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Our plugins and their shared contract package live in plugins/; put it on the path once.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from newsroom_core.sections import SECTIONS_FILE, sections_from_file  # noqa: E402

SITENAME = "The Lakeside Ledger"
SITE_DESCRIPTION = "Independent local and world news, credited, corrected and clearly sourced."
SITEURL = ""
# Absolute base for canonical links, Open Graph and sitemaps when SITEURL is relative (local).
SITE_BASE_URL = "http://127.0.0.1:8000"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
LOCALE = ("en_GB.UTF-8", "C.UTF-8", "C")
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = str(ROOT / "content")
OUTPUT_PATH = str(ROOT / "output")
THEME = str(ROOT / "theme")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]
IGNORE_FILES = [".#*", "*.tmp"]
AUTHOR_PROFILES_PATH = "authors"
# The sections, in navigation order. An article's `category:` must be one of these names (a
# case variant is read as the declared name); `slug` defaults to one made from the name.
SECTIONS = [
    {"name": "Local", "description": "Council, courts, schools and streets around the lake."},
    {"name": "World", "description": "International news, credited to the outlets that broke it."},
    {"name": "Business", "description": "Shops, jobs, harbours and the regional economy."},
    {"name": "Science", "description": "Weather, wildlife and research from the region."},
    {"name": "Culture", "description": "Music, books, festivals and the people behind them."},
]
# Sections the WordPress importer brought in (`invoke import --wordpress`) are declared in
# content/sections.yml, a YAML list of {name, slug?, description?}; edit them there.
SECTIONS += sections_from_file(ROOT / "content" / SECTIONS_FILE)

PLUGIN_PATHS = [str(ROOT / "plugins")]
# Fixed order: site_identity checks the settings (a misspelt key stops the build first) and
# writes the favicons; front_matter reads and checks, content_lint lints the sources; the others
# enrich; news_seo reads what they set; stable_urls keeps published URLs (before
# parallel_render freezes them); parallel_render renders the pages on every core.
PLUGINS = [
    "site_identity",
    "front_matter",
    "content_lint",
    "author_profiles",
    "images",
    "source_credits",
    "reader_aids",
    "front_pages",
    "news_seo",
    "stable_urls",
    "parallel_render",
]

# Markup: our reader renders, sanitises and typogrifies the body only. Pelican's own
# TYPOGRIFY would also rewrite titles that reach <title>, og:title and JSON-LD.
TYPOGRIFY = False
NEWSROOM_TYPOGRIFY = True
SANITIZE_HTML = True
EMBED_HOSTS = ["www.youtube-nocookie.com", "player.vimeo.com"]
MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "extension_configs": {},
    "output_format": "html5",
}
# Every cache of the build lives in CACHE_DIR (relative to the folder holding content/), each
# in a file of its own; each can be moved or turned off ("") with its own setting:
#   MARKUP_CACHE  rendered bodies (keyed on the body, the markup settings, library versions)
#   SOURCE_CACHE  each file's checked front matter: a rebuild checks only the changed files
#   PAGE_CACHE    what each page read (parallel_render): a rebuild renders only changed pages
#   LINT_CACHE    each file's lint results;  IMAGES["cache_dir"]  renditions and cards
CACHE_DIR = ".cache"
# Summaries are plain text (the reader escapes them), not Markdown with {filename} links: no
# link rewriting over every summary before writing (4.7 s at 10,000 articles).
FORMATTED_FIELDS = []
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Pretty URLs ending in '/'.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
# Archives by year and month: reader_aids writes them (READER_AIDS["YEAR_ARCHIVE_SAVE_AS"],
# "MONTH_ARCHIVE_SAVE_AS", and their _URL keys; defaults /2026/ and /2026/11/).
# One language: a second story with another's slug is an error, never its "translation".
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
DIRECT_TEMPLATES = ["index", "authors", "categories", "tags", "archives", "404"]
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
INDEX_SAVE_AS = "index.html"
INDEX_URL = ""

# Feeds: site, per category and per author (Atom), with full content.
FEED_DOMAIN = SITE_BASE_URL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/author/{slug}.atom.xml"
AUTHOR_FEED_RSS = None
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TAG_FEED_ATOM = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 50

# Output is deterministic; local builds also preview drafts under the unlinked /drafts/ path.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_SOURCES = False
WITH_FUTURE_DATES = True  # scheduling uses the build clock in front_matter instead
SUMMARY_MAX_LENGTH = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Site identity (README, Settings lists every key): the logo is the masthead's, the
# Organization's in JSON-LD, the social cards' and the favicons'. An SVG logo also needs
# SITE_LOGO_RASTER, a PNG of at least 112x112.
SITE_LOGO = "images/logo.png"
SITE_SOCIAL = ["https://social.example/@lakesideledger"]
TWITTER_SITE = "@lakesideledger"
EDITOR_EMAIL = "editor@lakeside-ledger.example"
# What republished copy (a source with `relation: republished`) does in search engines:
# "noindex" keeps it out, "canonical" points them at the original, "none" does neither.
# One story may choose otherwise with `policy:` in its `source:`.
SYNDICATION_POLICY = "noindex"
MENUITEMS = []
