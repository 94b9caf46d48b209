"""news_seo settings (`NEWS_SEO` in pelicanconf.py)."""

DEFAULTS = {
    "TITLE_PATTERN": "{title} | {site}",
    # Indexable pages only: noindex pages (drafts, 404, withdrawn, syndicated copies per policy)
    # get their own robots value, without these directives.
    "ROBOTS": "index, follow, max-snippet:-1, max-image-preview:large, max-video-preview:-1",
    # Verification tags: meta name → token, e.g. {"google-site-verification": "..."}.
    "VERIFICATION": {},
    "LOCALE": "en_GB",
    "NEWS_PUBLICATION_NAME": "",  # defaults to SITENAME
    "NEWS_LANGUAGE": "en",
    "NEWS_WINDOW_HOURS": 48,
    "NEWS_MAX_URLS": 1000,
    "SITEMAP_MAX_URLS": 50000,
    "HEADLINE_MAX": 110,
    "MIN_IMAGE_PIXELS": 50000,
}

# Google's news sitemap schema (sitemap-news 0.9): an ISO 639 code of two or three lower-case
# letters, or zh-cn / zh-tw; a region (en-GB) is rejected.
NEWS_LANGUAGE_PATTERN = r"zh-cn|zh-tw|[a-z]{2,3}"
