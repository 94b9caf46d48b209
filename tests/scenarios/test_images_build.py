"""Whole Pelican builds in tmp_path with the images plugin and a tiny inline theme."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO / "scripts"))

import make_sample_images  # noqa: E402
from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from images import cards, handlers  # noqa: E402  (the same module Pelican loads as a plugin)
from images.errors import ImageErrors  # noqa: E402
from newsroom_core.signals import disconnect_all  # noqa: E402

ARTICLE_TEMPLATE = """\
{% set lead = article.lead_image %}
lead_src={{ lead.src if lead else '' }}
lead_size={{ lead.width if lead else '' }}x{{ lead.height if lead else '' }}
{% set webp = (lead.sources if lead else []) %}
lead_webp={% for s in webp %}{{ s.type }}|{{ s.srcset }}{% endfor %}{{ '' }}
lead_fallback={{ lead.fallback_srcset if lead else '' }}
lead_alt={{ lead.alt if lead else '' }}
{% set crops = lead.crops.items() if lead else [] %}
{% for name, c in crops %}crop_{{ name }}={{ c.url }}|{{ c.width }}x{{ c.height }}
{% endfor %}{% set og = article.og_image %}og={{ og.url }}|{{ og.width }}x{{ og.height }}
card={{ article.social_card.url if article.social_card else '' }}
avatar={{ article.author.avatar.srcset if article.author.avatar else '' }}
<main>{{ article.content }}</main>
"""

# A stand-in for the author-profile plugin: attaches `author.profile` the way it will.
FAKE_PROFILES = """\
from pelican import signals

def attach(generator):
    for article in generator.articles:
        for author in article.authors:
            if author.slug == "sample-reporter":
                author.profile = {"photo": "images/authors/sample-reporter.jpg"}

def register():
    signals.article_generator_finalized.connect(attach)
"""


def article(
    title,
    *,
    image=None,
    extra="",
    body="A short, made-up report for the test site.",
    author="Sample Reporter",
):
    lines = [
        f"Title: {title}",
        "Date: 2025-03-12 09:00",
        "Category: Local",
        f"Author: {author}",
    ]
    if image:
        lines.append(f"Image: {image}")
    lines += [line for line in extra.splitlines() if line]
    return "\n".join(lines) + "\n\n" + body + "\n"


def make_site(root: Path, articles: dict[str, str]) -> Path:
    content = root / "content"
    make_sample_images.make_samples(content / "images")
    (content / "articles").mkdir(parents=True)
    for name, text in articles.items():
        (content / "articles" / name).write_text(text)
    templates = root / "theme" / "templates"
    templates.mkdir(parents=True)
    (templates / "article.html").write_text(ARTICLE_TEMPLATE)
    (templates / "page.html").write_text("{{ page.content }}")
    (root / "test_plugins").mkdir()
    (root / "test_plugins" / "fake_profiles.py").write_text(FAKE_PROFILES)
    return content


def build(root: Path, **images_settings):
    off = {
        name: ""
        for name in ("TAG", "TAGS", "CATEGORY", "CATEGORIES", "AUTHOR", "AUTHORS", "ARCHIVES")
    }
    settings = read_settings(
        override={
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "THEME": str(root / "theme"),
            "PLUGIN_PATHS": [str(REPO / "plugins"), str(root / "test_plugins")],
            "PLUGINS": ["images", "fake_profiles"],
            "IMAGES": {"cache_dir": str(root / "cache"), **images_settings},
            "SITENAME": "The Example Gazette",
            "SITEURL": "",
            "TIMEZONE": "UTC",
            "ARTICLE_PATHS": ["articles"],
            "PAGE_PATHS": [],
            "STATIC_PATHS": ["images"],
            "DIRECT_TEMPLATES": [],
            "ARTICLE_URL": "{slug}.html",
            "ARTICLE_SAVE_AS": "{slug}.html",
            "FEED_ALL_ATOM": None,
            "CATEGORY_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
            "TRANSLATION_FEED_ATOM": None,
            "LOAD_CONTENT_CACHE": False,
            "CACHE_CONTENT": False,
            "DELETE_OUTPUT_DIRECTORY": True,
            **{f"{name}_SAVE_AS": value for name, value in off.items()},
        }
    )
    disconnect_all()
    Pelican(settings).run()


def fields(html: str) -> dict:
    return dict(re.findall(r"^(\w+)=(.*)$", html, flags=re.MULTILINE))


GOOD_SITE = {
    "pier.md": article(
        "Pier reopens after repairs",
        image="images/harbour-dawn.jpg",
        extra="Image_Alt: Boats at the harbour at dawn\nImage_Focus: 0.5,0.3",
    ),
    "market.md": article(
        "Market square gets new stalls",
        image="images/market-square.jpg",
        extra="Image_Alt: Stalls",
        body="Before.\n\n![Bus routes]({static}/images/transit-map.png)\n\n![Remote](https://example.org/x.jpg)\n",
    ),
    "vote.md": article(
        "Council votes on the new bus timetable after a long and noisy evening session"
    ),
    # An author with no profile photo: an initials avatar.
    "ferry.md": article("Ferry timetable moves to winter hours", author="Desk Editor"),
}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    make_site(root, GOOD_SITE)
    build(root)
    first = handlers.stats()
    return root, first


def test_lead_image_renditions_and_crops(good_site):
    root, _ = good_site
    page = fields((root / "output" / "pier-reopens-after-repairs.html").read_text())
    assert re.fullmatch(r"images/harbour-dawn-[0-9a-f]{8}-1600\.jpg", page["lead_src"])
    assert page["lead_size"] == "1600x1067"
    assert page["lead_alt"] == "Boats at the harbour at dawn"
    webp_type, webp_srcset = page["lead_webp"].split("|")
    assert webp_type == "image/webp"
    assert [w for _, w in re.findall(r"(\S+\.webp) (\d+)w", webp_srcset)] == [
        "480",
        "800",
        "1200",
        "1600",
    ]
    assert [w for _, w in re.findall(r"(\S+\.jpg) (\d+)w", page["lead_fallback"])] == [
        "480",
        "800",
        "1200",
        "1600",
    ]
    expected_crops = {
        "16x9": (1200, 675),
        "4x3": (1200, 900),
        "1x1": (1200, 1200),
        "og": (1200, 630),
    }
    for name, (width, height) in expected_crops.items():
        url, size = page[f"crop_{name}"].split("|")
        assert size == f"{width}x{height}"
        assert Image.open(root / "output" / url).size == (width, height)
    assert page["og"] == page["crop_og"]
    assert page["card"] == ""
    for url in re.findall(r"(\S+) \d+w", webp_srcset + ", " + page["lead_fallback"]):
        image = Image.open(root / "output" / url.lstrip("/"))
        assert image.format in ("WEBP", "JPEG")
        assert f"-{image.width}." in url


def test_rotated_photo_is_published_upright(good_site):
    root, _ = good_site
    page = fields((root / "output" / "market-square-gets-new-stalls.html").read_text())
    assert page["lead_size"] == "1600x960"


def test_body_images_become_pictures_and_remote_ones_stay(good_site):
    root, _ = good_site
    html = (root / "output" / "market-square-gets-new-stalls.html").read_text()
    main = BeautifulSoup(html, "html.parser").main
    picture = main.picture
    assert picture.source["type"] == "image/webp"
    img = picture.img
    assert (img["alt"], img["width"], img["height"]) == ("Bus routes", "1600", "978")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert re.fullmatch(r"/images/transit-map-[0-9a-f]{8}-1600\.png", img["src"])
    assert img["srcset"].count("w,") == 3
    assert Image.open(root / "output" / img["src"].lstrip("/")).mode == "RGBA"
    assert [i["src"] for i in main.find_all("img") if i.parent.name != "picture"] == [
        "https://example.org/x.jpg"
    ]


def test_no_output_file_carries_exif_gps(good_site):
    root, _ = good_site
    published = [p for p in (root / "output").rglob("*") if p.suffix in (".jpg", ".png", ".webp")]
    assert len(published) > 30
    for path in published:
        image = Image.open(path)
        assert not image.getexif().get_ifd(0x8825), path
        assert "exif" not in image.info, path
    # The originals (with their GPS tags) are not copied as static files.
    assert not (root / "output" / "images" / "harbour-dawn.jpg").exists()


def test_imageless_article_gets_a_social_card_whose_text_fits(good_site):
    root, _ = good_site
    page = fields(
        (
            root
            / "output"
            / "council-votes-on-the-new-bus-timetable-after-a-long-and-noisy-evening-session.html"
        ).read_text()
    )
    assert page["lead_src"] == ""
    url, size = page["og"].split("|")
    assert page["card"] == url and size == "1200x630"
    card = Image.open(root / "output" / url)
    assert (card.format, card.size) == ("PNG", (1200, 630))
    layout = cards.card_layout(
        "Council votes on the new bus timetable after a long and noisy evening session",
        "The Example Gazette",
        "Local",
        "Wed 12 March 2025",
    )
    assert all(
        b.bbox[0] >= 0 and b.bbox[2] <= 1200 and b.bbox[1] >= 0 and b.bbox[3] <= 630
        for b in layout.blocks
    )


def test_author_avatar_from_profile_photo(good_site):
    root, _ = good_site
    page = fields((root / "output" / "pier-reopens-after-repairs.html").read_text())
    urls = re.findall(r"(\S+) (\d+)w", page["avatar"])
    assert [w for _, w in urls] == ["96", "192", "400"]
    assert Image.open(root / "output" / urls[0][0].lstrip("/")).size == (96, 96)


def test_an_author_without_a_photo_gets_initials_from_the_cache(good_site):
    root, _ = good_site
    page = fields((root / "output" / "ferry-timetable-moves-to-winter-hours.html").read_text())
    urls = re.findall(r"(\S+) (\d+)w", page["avatar"])
    assert [w for _, w in urls] == ["96", "192", "400"]
    assert all("desk-editor-initials" in url for url, _ in urls)
    # The drawn initials are kept in the image cache like the photo's avatars, so the next
    # build neither draws nor encodes them (test_second_build_encodes_nothing).
    manifests = [json.loads(p.read_text()) for p in (root / "cache").glob("*/*/manifest.json")]
    avatar_sets = [m for m in manifests if {item["variant"] for item in m} == {"avatar"}]
    assert len(avatar_sets) == 2  # Sample Reporter's photo, Desk Editor's initials


def test_second_build_encodes_nothing(good_site):
    root, first = good_site
    assert first["encodes"] > 0
    before = sorted(p.name for p in (root / "output" / "images").iterdir())
    build(root)
    assert handlers.stats() == {"encodes": 0, "cache_hits": first["encodes"] + first["cache_hits"]}
    # The output folder was wiped and refilled from the cache with the same names.
    assert sorted(p.name for p in (root / "output" / "images").iterdir()) == before


def test_bad_images_are_path_line_errors(tmp_path):
    bad = {
        "missing.md": article("Missing", image="images/nope.jpg"),
        "corrupt.md": article("Corrupt", image="images/corrupt.jpg"),
        "unsupported.md": article("Unsupported", image="images/scan.bmp"),
        "huge.md": article("Huge", image="images/harbour-dawn.jpg"),
        "bomb.md": article("Bomb", image="images/bomb.png"),
        "small.md": article("Small", image="images/thumb.jpg"),
        "focus.md": article("Focus", image="images/thumb.jpg", extra="Image_Focus: top left"),
        "body.md": article("Body", body="Text.\n\n![Gone](/images/gone.png)\n"),
    }
    content = make_site(tmp_path, bad)
    (content / "images" / "corrupt.jpg").write_bytes(b"this is not a JPEG")
    Image.new("RGB", (8, 8)).save(content / "images" / "scan.bmp")
    Image.new("RGB", (300, 200), "teal").save(content / "images" / "thumb.jpg")
    Image.new("1", (10_000, 10_000)).save(content / "images" / "bomb.png")
    with pytest.raises(ImageErrors) as caught:
        build(tmp_path, max_pixels=3_500_000)
    assert [str(e) for e in caught.value.errors] == [
        "content/articles/body.md:8: body image: file not found: /images/gone.png"
        " (no file content/images/gone.png)",
        "content/articles/bomb.md:5: image: more than 89,478,485 pixels;"
        " refusing to decode a likely decompression bomb",
        "content/articles/corrupt.md:5: image:"
        " cannot decode the image; the file is corrupt or truncated",
        "content/articles/focus.md:6: image_focus:"
        " expected 'x,y' with two numbers from 0 to 1, got 'top left'",
        "content/articles/huge.md:5: image: 2400x1600 is 3,840,000 pixels,"
        " larger than IMAGES['max_pixels'] = 3,500,000",
        "content/articles/missing.md:5: image:"
        " file not found: images/nope.jpg (looked in content/)",
        "content/articles/small.md:5: image: 300x200 is too small for the 1x1 crop"
        " (200x200 = 40,000 pixels; at least 50,000 needed)",
        "content/articles/unsupported.md:5: image:"
        " unsupported format '.bmp'; use JPEG, PNG or WebP",
    ]


def test_unknown_setting_stops_the_build_with_a_suggestion(tmp_path):
    make_site(tmp_path, {"a.md": article("A")})
    with pytest.raises(
        ValueError, match=r"IMAGES: unknown key 'max_pixel' \(did you mean 'max_pixels'\?\)"
    ):
        build(tmp_path, max_pixel=5)
