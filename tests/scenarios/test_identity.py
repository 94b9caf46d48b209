"""The newsroom's logo in the masthead, the JSON-LD and the favicons; SVG logos; settings
Pelican knows are never taken for typos."""

from __future__ import annotations

import io
import json

from PIL import Image

from tests.support import article, unreferenced_images

ARTICLE = "/2026/11/ferry-timetable-approved/"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">'
    '<rect width="240" height="60" fill="#14213d"/></svg>'
)


def organization(page) -> dict:
    script = page.find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    return next(node for node in graph if node["@type"] == "NewsMediaOrganization")


def test_the_logo_is_in_the_masthead_the_json_ld_and_the_favicons(site):
    site.add_article("story", article())
    site.build()
    page = site.page(ARTICLE)
    logo = page.select_one("header .site-name img.site-logo")
    assert logo["src"] == "/images/logo.png" and logo["alt"] == ""
    assert (logo["width"], logo["height"]) == ("512", "512")
    assert page.select_one("header .site-name").get_text(strip=True) == "The Lakeside Ledger"
    assert organization(page)["logo"]["url"] == "http://127.0.0.1:8000/images/logo.png"
    icons = {link["href"] for link in page.find_all("link", rel="icon")}
    assert icons == {"/favicon.ico"}
    assert page.find("link", rel="apple-touch-icon")["href"] == "/apple-touch-icon.png"
    with Image.open(site.output / "favicon.ico") as ico:
        assert (48, 48) in ico.info["sizes"]
    with Image.open(site.output / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180)
    assert unreferenced_images(site.output) == []


def test_favicons_are_the_same_bytes_every_build(site):
    site.add_article("story", article())
    site.build()
    first = (site.output / "favicon.ico").read_bytes()
    site.build()
    assert (site.output / "favicon.ico").read_bytes() == first


def test_an_svg_logo_is_shown_and_its_png_is_what_needs_pixels(site):
    site.write("images/mark.svg", SVG)
    png = io.BytesIO()
    Image.new("RGB", (480, 120), "#14213d").save(png, "PNG")
    site.write("images/mark.png", png.getvalue())
    site.add_article("story", article())
    site.build(SITE_LOGO="images/mark.svg", SITE_LOGO_RASTER="images/mark.png")
    page = site.page(ARTICLE)
    logo = page.select_one("header img.site-logo")
    assert (logo["src"], logo["width"], logo["height"]) == ("/images/mark.svg", "240", "60")
    json_logo = organization(page)["logo"]
    assert json_logo["url"].endswith("/images/mark.png")
    assert (json_logo["width"], json_logo["height"]) == (480, 120)
    svg_icon = page.find("link", rel="icon", type="image/svg+xml")
    assert svg_icon["href"] == "/images/mark.svg"
    with Image.open(site.output / "apple-touch-icon.png") as touch:
        assert touch.getpixel((90, 90)) == (0x14, 0x21, 0x3D)


def test_pelican_settings_outside_its_defaults_are_not_typos(site):
    site.add_article("story", article())
    site.build(SOCIAL=[("Mastodon", "https://social.example/@x")], LINKS=[], MY_NEWSROOM_FLAG=1)
