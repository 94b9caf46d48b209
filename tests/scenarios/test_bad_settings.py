"""Every bad setting stops the build with one line naming the key and the fix, no traceback."""

from __future__ import annotations

import pytest

from tests.support import BuildFailed, article


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"IMAGES": {"max_pixel": 5}},
            "IMAGES: unknown key 'max_pixel' (did you mean 'max_pixels'?)",
        ),
        (
            {"NEWS_SEO": {"TITLE_PATERN": "x"}},
            "news_seo: NEWS_SEO['TITLE_PATERN']: unknown setting",
        ),
        (
            {"READER_AIDS": {"RELATED_COUNTS": 3}},
            "reader_aids: READER_AIDS['RELATED_COUNTS']: unknown",
        ),
        (
            {"CONTENT_LINT": {"shingle_word": 5}},
            "content_lint: CONTENT_LINT['shingle_word']: unknown",
        ),
        ({"SOURCE_CACHE": 7}, "SOURCE_CACHE: expected a path"),
        ({"PAGE_ENGINE": "yes"}, "PAGE_ENGINE: expected True or False, got 'yes'"),
        (
            {"DERIVED_FIELDS": ["og_image"]},
            "parallel_render: DERIVED_FIELDS: expected {field: [the fields it is made from]}",
        ),
        (
            {"DERIVED_FIELDS": {"byline": "authors"}},
            "parallel_render: DERIVED_FIELDS: expected {field: [the fields it is made from]}",
        ),
        (
            {"MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html"},
            "MONTH_ARCHIVE_SAVE_AS: reader_aids writes the period archives; set "
            "READER_AIDS['MONTH_ARCHIVE_SAVE_AS'] instead",
        ),
        ({"SECTIONS": "Local"}, "SECTIONS: expected a list of sections in pelicanconf.py"),
        (
            {"SITENAM": "The Ledger"},
            "pelicanconf.py: SITENAM is not a setting (did you mean SITENAME?)",
        ),
        (
            {"SITE_LOGOO": "images/logo.png"},
            "pelicanconf.py: SITE_LOGOO is not a setting (did you mean SITE_LOGO?)",
        ),
        ({"TIMEZOME": "UTC"}, "pelicanconf.py: TIMEZOME is not a setting (did you mean TIMEZONE?)"),
        ({"SITENAME": 42}, "pelicanconf.py: SITENAME: expected non-empty text, got 42 (int)"),
        (
            {"SITE_SOCIAL": "https://social.example/@ledger"},
            "pelicanconf.py: SITE_SOCIAL: expected a list of http(s) URLs",
        ),
        ({"SITE_LOGO": "images/gone.png"}, "SITE_LOGO: expected an image under content/"),
    ],
)
def test_a_bad_setting_is_one_line(site, overrides, message):
    site.add_article("story", article())
    with pytest.raises(BuildFailed) as failure:
        site.build(**overrides)
    (line,) = failure.value.messages
    assert line.startswith(message)
    assert "Traceback" not in line
