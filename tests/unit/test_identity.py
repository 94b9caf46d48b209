"""The identity settings: checks, the README's settings table, the logo and its favicons."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from newsroom_core.identity import (  # noqa: E402
    SETTINGS,
    TABLE_END,
    TABLE_START,
    check_identity_settings,
    settings_table,
    with_settings_table,
)
from newsroom_core.logo import favicon_files, site_logo, svg_size  # noqa: E402
from newsroom_core.settings import SettingsError  # noqa: E402

LOGO = ROOT / "content" / "images" / "logo.png"


def make_settings(**overrides) -> dict:
    base = {
        "SITENAME": "The Ledger",
        "SITE_DESCRIPTION": "News.",
        "SITE_LOGO": "images/logo.png",
        "TIMEZONE": "Europe/London",
        "DEFAULT_LANG": "en",
        "SECTIONS": [{"name": "Local"}],
        "SITE_SOCIAL": ["https://social.example/@ledger"],
        "EDITOR_EMAIL": "editor@ledger.example",
        "DIRECT_TEMPLATES": ["index", "archives"],
        "ARCHIVES_SAVE_AS": "archives/index.html",
    }
    base.update(overrides)
    return base


def error(**overrides) -> str:
    with pytest.raises(SettingsError) as failure:
        check_identity_settings(make_settings(**overrides))
    return str(failure.value)


def test_good_settings_pass():
    check_identity_settings(make_settings())


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("SITENAM", "SITENAME"),
        ("SITE_LOGOO", "SITE_LOGO"),
        ("TIMEZOME", "TIMEZONE"),
        ("DEFAULT_LANGUAGE", "DEFAULT_LANG"),
        ("SITE_URL", "SITEURL"),
        ("ARTICLE_SAVEAS", "ARTICLE_SAVE_AS"),  # Pelican's own
        ("NEWS_SE0", "NEWS_SEO"),
    ],
)
def test_a_misspelt_setting_names_the_one_meant(typo, meant):
    assert (
        error(**{typo: "x"}) == f"pelicanconf.py: {typo} is not a setting (did you mean {meant}?)"
    )


@pytest.mark.parametrize(
    "name",
    [
        "SOCIAL",  # Pelican themes' setting, 0.71 from SITE_SOCIAL
        "LINKS",
        "CATEGORY_FEED_ATOM_URL",  # Pelican's, not in its DEFAULT_CONFIG
        "ARCHIVES_SAVE_AS",  # a direct template's
        "FINAL_OUTPUT_PATH",  # the build's own
        "OUR_OWN_THING",  # far from every known name
        "lowercase_helper",
    ],
)
def test_legitimate_and_unrelated_names_pass(name):
    check_identity_settings(make_settings(**{name: "x"}))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SITENAME": 42}, "SITENAME: expected non-empty text, got 42 (int)"),
        ({"SITENAME": " "}, "SITENAME: expected non-empty text, got ' ' (str)"),
        ({"SITE_DESCRIPTION": None}, "SITE_DESCRIPTION: expected text, got None (NoneType)"),
        (
            {"SITE_LOGO": "images/logo.jpg"},
            'SITE_LOGO: expected a PNG or SVG file under content/, like "images/logo.png", '
            "got 'images/logo.jpg' (str)",
        ),
        (
            {"TIMEZONE": "Europe/Londn"},
            'TIMEZONE: expected an IANA time zone such as "Europe/London", '
            "got 'Europe/Londn' (str)",
        ),
        (
            {"DEFAULT_LANG": "English"},
            'DEFAULT_LANG: expected a language code such as "en" or "pt-BR", got \'English\' (str)',
        ),
        (
            {"SITE_SOCIAL": "https://social.example/@ledger"},
            'SITE_SOCIAL: expected a list of http(s) URLs, like ["https://social.example/@us"], '
            "got 'https://social.example/@ledger' (str)",
        ),
        (
            {"EDITOR_EMAIL": "editor"},
            'EDITOR_EMAIL: expected an e-mail address such as "editor@news.example", or "", '
            "got 'editor' (str)",
        ),
        (
            {"SITEURL": "lakeside.example"},
            'SITEURL: expected an http(s) URL such as "https://news.example", or "", '
            "got 'lakeside.example' (str)",
        ),
        ({"NEWS_SEO": []}, "NEWS_SEO: expected a dict, got [] (list)"),
    ],
)
def test_a_wrong_type_names_key_expected_and_given(overrides, message):
    assert error(**overrides) == f"pelicanconf.py: {message}"


def test_sections_are_checked_by_their_own_rules():
    assert error(SECTIONS="Local").startswith("SECTIONS: expected a list of sections")


def test_every_setting_is_defined_once_with_a_description():
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    assert all(setting.description and setting.kind for setting in SETTINGS)


def test_the_readme_table_is_what_the_definitions_generate():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == with_settings_table(readme), (
        "README.md's settings table differs from plugins/newsroom_core/identity.py: "
        "run `invoke settings-doc`"
    )


def test_the_table_has_a_row_per_setting_between_the_markers():
    table = settings_table()
    assert table.count("\n") == len(SETTINGS) + 2
    assert "| `SITENAME` | Identity | text | required |" in table
    updated = with_settings_table(f"intro\n{TABLE_START}\nold\n{TABLE_END}\nafter\n")
    assert updated == f"intro\n{TABLE_START}\n{table}{TABLE_END}\nafter\n"
    with pytest.raises(ValueError, match="markers"):
        with_settings_table("no markers")


def content_with(tmp_path, **files) -> dict:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return {"PATH": str(tmp_path)}


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 60">'
    b'<rect width="240" height="60"/></svg>'
)


def test_a_png_logo_is_its_own_raster(tmp_path):
    settings = content_with(tmp_path, **{"logo.png": LOGO.read_bytes()}) | {"SITE_LOGO": "logo.png"}
    logo = site_logo(settings)
    assert logo.shown == logo.raster
    assert (logo.shown.width, logo.shown.height, logo.shown.mime) == (512, 512, "image/png")


def test_an_svg_logo_needs_a_png_for_pixels(tmp_path):
    settings = content_with(tmp_path, **{"logo.svg": SVG, "logo.png": LOGO.read_bytes()})
    settings["SITE_LOGO"] = "logo.svg"
    with pytest.raises(SettingsError, match=r"^SITE_LOGO_RASTER: logo.svg is an SVG"):
        site_logo(settings)
    logo = site_logo(settings | {"SITE_LOGO_RASTER": "logo.png"})
    assert (logo.shown.path, logo.shown.width, logo.shown.height) == ("logo.svg", 240, 60)
    assert (logo.raster.path, logo.raster.mime) == ("logo.png", "image/png")


def test_a_small_or_missing_logo_is_refused(tmp_path):
    small = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(small, "PNG")
    settings = content_with(tmp_path, **{"small.png": small.getvalue()})
    with pytest.raises(SettingsError, match=r"^SITE_LOGO: Google requires at least 112x112"):
        site_logo(settings | {"SITE_LOGO": "small.png"})
    with pytest.raises(SettingsError, match=r"^SITE_LOGO: expected an image under content/"):
        site_logo(settings | {"SITE_LOGO": "gone.png"})


@pytest.mark.parametrize(
    ("svg", "size"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80px"/>', (300, 80)),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,120.4,40"/>', (120, 40)),
        (SVG, (240, 60)),
    ],
)
def test_svg_size(svg, size):
    assert svg_size(svg) == size


def test_svg_without_a_size_is_refused():
    with pytest.raises(SettingsError, match="needs width and height in px, or a viewBox"):
        svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="2em"/>')
    with pytest.raises(SettingsError, match="not a readable SVG"):
        svg_size(b"<svg")


def test_favicons_are_made_from_the_logo_the_same_way_every_time(tmp_path):
    wide = tmp_path / "wide.png"
    Image.new("RGBA", (400, 200), (200, 30, 30, 255)).save(wide)
    files = favicon_files(wide)
    assert files == favicon_files(wide)
    with Image.open(io.BytesIO(files["favicon.ico"])) as ico:
        assert ico.format == "ICO"
        assert sorted(ico.info["sizes"]) == [(16, 16), (32, 32), (48, 48)]
    with Image.open(io.BytesIO(files["apple-touch-icon.png"])) as apple:
        assert (apple.format, apple.size, apple.mode) == ("PNG", (180, 180), "RGB")
        assert apple.getpixel((90, 2)) == (255, 255, 255)  # padded square, opaque
        assert apple.getpixel((90, 90)) == (200, 30, 30)
