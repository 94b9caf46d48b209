"""The settings a newsroom sets in pelicanconf.py, defined once: name, type, default, what it
does, an example. `invoke settings-doc` writes them into the README as a table; the
`site_identity` plugin checks them when a build starts (`check_identity_settings`).

A grouped row (NEWS_SEO, IMAGES, ...) is one plugin's settings dict: its keys, defaults and
checks live with that plugin (see `check_plugin_settings`); here it is only documented and known.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from pelican.settings import DEFAULT_CONFIG

from .schema import SYNDICATION_POLICIES
from .sections import declared_sections
from .settings import SettingsError
from .suggest import close_match

WHERE = "pelicanconf.py"


@dataclass(frozen=True)
class Setting:
    name: str
    kind: str  # what the README's Type column says
    default: object
    description: str
    example: str
    # None when the value is right, else what was expected instead, for the error;
    # no check: the key's owner checks it (a plugin's dict, PUBLISH, the caches ...).
    check: Callable[[object], str | None] | None = None
    group: str = "Identity"
    required: bool = False


def _text(value):
    return None if isinstance(value, str) and value.strip() else "non-empty text"


def _text_or_empty(value):
    return None if isinstance(value, str) else "text"


def _url_or_empty(value):
    if not isinstance(value, str) or (value and not re.match(r"https?://[^/\s]+", value)):
        return 'an http(s) URL such as "https://news.example", or ""'
    return None


def _image_path(value):
    if not isinstance(value, str) or not value.lower().endswith((".png", ".svg")):
        return 'a PNG or SVG file under content/, like "images/logo.png"'
    return None


def _png_or_empty(value):
    if not isinstance(value, str) or (value and not value.lower().endswith(".png")):
        return 'a PNG file under content/, like "images/logo.png", or ""'
    return None


def _timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, TypeError, ValueError):
        return 'an IANA time zone such as "Europe/London"'
    return None


def _language(value):
    ok = isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value)
    return None if ok else 'a language code such as "en" or "pt-BR"'


def _urls(value):
    ok = isinstance(value, (list, tuple)) and all(
        isinstance(v, str) and re.match(r"https?://[^/\s]+", v) for v in value
    )
    return None if ok else 'a list of http(s) URLs, like ["https://social.example/@us"]'


def _email_or_empty(value):
    ok = isinstance(value, str) and (not value or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value))
    return None if ok else 'an e-mail address such as "editor@news.example", or ""'


def _sections(value):
    declared_sections({"SECTIONS": value})  # raises with its own message
    return None


def _dict(value):
    return None if isinstance(value, dict) else "a dict"


def _plugin_dict(name: str, owner: str, description: str) -> Setting:
    return Setting(name, "dict", {}, f"{description} ({owner})", "", _dict, "Plugin options")


def _cache(name: str, what: str) -> Setting:
    return Setting(
        name, "path", None, f'{what}; unset: in CACHE_DIR; "": no cache', "", None, "Build"
    )


SETTINGS = (
    Setting(
        "SITENAME",
        "text",
        "",
        "The newsroom's name: masthead, page titles, feeds, JSON-LD Organization, social cards",
        '"The Lakeside Ledger"',
        _text,
        required=True,
    ),
    Setting(
        "SITE_DESCRIPTION",
        "text",
        "",
        "The tagline: front page description, the "
        "description of pages without their own, the Organization's description",
        '"Independent local news."',
        _text_or_empty,
    ),
    Setting(
        "SITE_LOGO",
        "path",
        "",
        "The logo, a PNG (at least 112x112) or an SVG under "
        "content/: masthead, Organization JSON-LD, favicons",
        '"images/logo.png"',
        _image_path,
        required=True,
    ),
    Setting(
        "SITE_LOGO_RASTER",
        "path",
        "",
        "A PNG of the logo (at least 112x112), required "
        "when SITE_LOGO is an SVG: JSON-LD and the favicons need pixels",
        '"images/logo.png"',
        _png_or_empty,
    ),
    Setting(
        "SITEURL",
        "URL",
        "",
        "The live site's address (publishconf.py); empty for relative links in local builds",
        '"https://news.example"',
        _url_or_empty,
    ),
    Setting(
        "SITE_BASE_URL",
        "URL",
        "",
        "Absolute base for canonical links, Open Graph and sitemaps when SITEURL is empty",
        '"http://127.0.0.1:8000"',
        _url_or_empty,
    ),
    Setting(
        "TIMEZONE",
        "time zone",
        "UTC",
        "Dates without an offset are in this zone",
        '"Europe/London"',
        _timezone,
    ),
    Setting(
        "DEFAULT_LANG",
        "language",
        "en",
        "The site's language: `<html lang>`, feeds, JSON-LD inLanguage",
        '"en"',
        _language,
    ),
    Setting(
        "SECTIONS",
        "list of sections",
        None,
        "The sections in navigation order; an "
        "article's category must be one (more in content/sections.yml)",
        '[{"name": "Local", "description": "Council and courts."}]',
        _sections,
        required=True,
    ),
    Setting(
        "SITE_SOCIAL",
        "list of URLs",
        [],
        "The newsroom's own profiles: Organization sameAs",
        '["https://social.example/@ledger"]',
        _urls,
    ),
    Setting(
        "TWITTER_SITE",
        "text",
        "",
        "The X/Twitter account for twitter:site",
        '"@ledger"',
        _text_or_empty,
    ),
    Setting(
        "EDITOR_EMAIL",
        "e-mail",
        "",
        "Where readers write to the editor about an article (the link under each one)",
        '"editor@news.example"',
        _email_or_empty,
    ),
    Setting(
        "SYNDICATION_POLICY",
        "policy",
        "noindex",
        "What republished copy does in search: "
        f"one of {', '.join(SYNDICATION_POLICIES)} (source_credits)",
        '"canonical"',
        None,
        "Publishing",
    ),
    Setting(
        "PUBLISH",
        "dict",
        {},
        "Where `invoke publish` deploys: target, host, path, "
        "keep_releases, ... (newsroom/publish/settings.py; NEWS_DEPLOY_* overrides)",
        '{"target": "rsync", "path": "/srv/news"}',
        None,
        "Publishing",
    ),
    Setting(
        "BUILD_TIME",
        "ISO 8601 time",
        None,
        "The build's clock (scheduling, news window); unset: SOURCE_DATE_EPOCH, then now",
        '"2026-11-22T12:00:00+00:00"',
        None,
        "Build",
    ),
    Setting(
        "CACHE_DIR",
        "path",
        ".cache",
        "Folder of every build cache, relative to the project folder",
        '".cache"',
        None,
        "Build",
    ),
    _cache("MARKUP_CACHE", "Rendered article bodies"),
    _cache("SOURCE_CACHE", "Each file's checked front matter"),
    _cache(
        "PAGE_CACHE", "Each page's inputs digest and files: a rebuild renders only changed pages"
    ),
    Setting(
        "PAGE_ENGINE",
        "bool",
        True,
        "Render pages on every core and reuse unchanged ones (parallel_render); False: "
        "Pelican's own writer, same bytes",
        "True",
        None,
        "Build",
    ),
    _cache("LINT_CACHE", "Each file's lint results"),
    Setting(
        "AUTHOR_PROFILES_PATH",
        "path",
        "authors",
        "Folder under content/ of the author profiles",
        '"authors"',
        None,
        "Content",
    ),
    Setting(
        "NEWSROOM_TYPOGRIFY",
        "bool",
        True,
        "Smart quotes and dashes in article bodies",
        "False",
        None,
        "Content",
    ),
    Setting(
        "SANITIZE_HTML",
        "bool",
        True,
        "Strip unsafe HTML from article bodies",
        "True",
        None,
        "Content",
    ),
    Setting(
        "EMBED_HOSTS",
        "list of hosts",
        [],
        "Hosts whose iframes survive sanitising",
        '["www.youtube-nocookie.com"]',
        None,
        "Content",
    ),
    Setting(
        "SEARCH_URL_TEMPLATE",
        "text",
        "",
        "Site search URL for the WebSite SearchAction; {base} is the site's address",
        '"{base}/search/?q={search_term_string}"',
        None,
        "Content",
    ),
    Setting(
        "LINK_LABELS",
        "dict",
        None,
        "Labels of author profile links, by kind (default: AUTHOR_PROFILES' LINK_LABELS)",
        '{"mastodon": "Mastodon"}',
        None,
        "Content",
    ),
    _plugin_dict("NEWS_SEO", "news_seo", "Titles, robots, verification, news sitemap"),
    _plugin_dict("IMAGES", "images", "Rendition widths, qualities, social card colours"),
    _plugin_dict("READER_AIDS", "reader_aids", "Related stories, reading time, search"),
    _plugin_dict("FRONT_PAGES", "front_pages", "Front page and section front counts"),
    _plugin_dict("AUTHOR_PROFILES", "author_profiles", "Author pages and link labels"),
    _plugin_dict("SOURCE_CREDITS", "source_credits", "Syndication policy, /sources/ page"),
    _plugin_dict("CONTENT_LINT", "content_lint", "Lint rules and thresholds"),
    _plugin_dict("BUILD_PARALLEL", "newsroom_core", "Render workers"),
)
SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}

# Pelican settings its code and themes read that are not in its DEFAULT_CONFIG: never a typo.
PELICAN_EXTRA_SETTINGS = frozenset(
    {
        "AUTHOR_FEED_ATOM_URL", "AUTHOR_FEED_RSS_URL", "AUTORELOAD_IGNORE_CACHE",
        "CATEGORY_FEED_ATOM_URL", "CATEGORY_FEED_RSS", "CATEGORY_FEED_RSS_URL",
        "DISQUS_SITENAME", "EXTRA_TEMPLATES_PATHS", "FEED_ALL_ATOM_URL", "FEED_ALL_RSS",
        "FEED_ALL_RSS_URL", "FEED_ATOM", "FEED_ATOM_URL", "FEED_DOMAIN", "FEED_RSS",
        "FEED_RSS_URL", "GITHUB_URL", "GOOGLE_ANALYTICS", "JINJA_EXTENSIONS", "LINKS",
        "LINKS_WIDGET_NAME", "LOG_FILTER", "MENUITEMS", "PAGINATED_DIRECT_TEMPLATES",
        "PLUGIN_PATH", "SITESUBTITLE", "SOCIAL", "SOCIAL_WIDGET_NAME", "STYLESHEET_URL",
        "TAG_FEED_ATOM", "TAG_FEED_ATOM_URL", "TAG_FEED_RSS", "TAG_FEED_RSS_URL",
        "TRANSLATION_FEED_ATOM_URL", "TRANSLATION_FEED_RSS", "TRANSLATION_FEED_RSS_URL",
        "TWITTER_USERNAME", "WRITE_SELECTED",
    }
)  # fmt: skip
# Set by the build itself (newsroom.build, the site_identity plugin), never by a newsroom.
DERIVED_SETTINGS = frozenset({"FINAL_OUTPUT_PATH", "SITE_IDENTITY"})
KNOWN_SETTINGS = frozenset(SETTINGS_BY_NAME) | frozenset(DEFAULT_CONFIG) | PELICAN_EXTRA_SETTINGS
# A name this close (difflib ratio) to a known one is a typo of it; looser would flag a
# newsroom's own settings (SOCIAL is 0.71 from SITE_SOCIAL).
TYPO_CUTOFF = 0.85


def check_identity_settings(settings) -> None:
    """Stop the build at the first misspelt top-level setting or wrong-typed value, with one
    line naming the key, what was expected and what was given."""
    # Pelican reads {NAME}_SAVE_AS and {NAME}_URL for each of its DIRECT_TEMPLATES.
    direct = {
        f"{template.upper()}{suffix}"
        for template in settings.get("DIRECT_TEMPLATES", ())
        for suffix in ("_SAVE_AS", "_URL")
    }
    for name in sorted(settings):
        if not name.isupper() or name in KNOWN_SETTINGS | DERIVED_SETTINGS | direct:
            continue
        close = close_match(name, KNOWN_SETTINGS, TYPO_CUTOFF)
        if close:
            raise SettingsError(f"{WHERE}: {name} is not a setting (did you mean {close}?)")
    for setting in SETTINGS:
        if setting.check is None or setting.name not in settings:
            continue
        value = settings[setting.name]
        expected = setting.check(value)
        if expected:
            raise SettingsError(
                f"{WHERE}: {setting.name}: expected {expected}, got {value!r} "
                f"({type(value).__name__})"
            )


TABLE_START = "<!-- settings-table:start -->"
TABLE_END = "<!-- settings-table:end -->"


def settings_table() -> str:
    """The Markdown table of SETTINGS, one row per setting, grouped as defined."""
    rows = [
        "| Setting | Group | Type | Default | What it does | Example |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for setting in SETTINGS:
        if setting.required:
            default = "required"
        else:
            default = "" if setting.default in ("", None) else f"`{setting.default!r}`"
        cells = (
            f"`{setting.name}`",
            setting.group,
            setting.kind,
            default,
            setting.description,
            f"`{setting.example}`" if setting.example else "",
        )
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def with_settings_table(readme: str) -> str:
    """`readme` with the text between the table markers replaced by `settings_table()`."""
    start, end = readme.find(TABLE_START), readme.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no {TABLE_START} ... {TABLE_END} markers")
    head = readme[: start + len(TABLE_START)]
    return f"{head}\n{settings_table()}{readme[end:]}"
