"""Pure-function tests for the images plugin: renditions, crops, avatars, cards, errors."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops, ImageCms, ImageColor, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import make_sample_images  # noqa: E402

from images import cards, markup, processing  # noqa: E402
from images.cache import ImageCache, cache_key  # noqa: E402
from images.errors import ImageError  # noqa: E402
from images.handlers import _plain_text  # noqa: E402
from images.settings import DEFAULTS, ImagesSettingsError, problems, resolve  # noqa: E402


def make_settings(**overrides):
    return resolve(overrides)


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    folder = tmp_path_factory.mktemp("samples")
    make_sample_images.make_samples(folder)
    return folder


def decoded(encoded):
    return Image.open(io.BytesIO(encoded.data))


def assert_no_metadata(encoded):
    image = decoded(encoded)
    assert not image.getexif(), f"EXIF left in a {encoded.format} output"
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile"):
        assert key not in image.info, f"{key} left in a {encoded.format} output"


def png_header_only(width, height) -> bytes:
    """A PNG that claims a size but holds almost no data: a decompression bomb's shape."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


# --- sample generator ------------------------------------------------------------------


def test_sample_images_are_deterministic_and_carry_the_metadata_to_strip(samples, tmp_path):
    again = make_sample_images.make_samples(tmp_path)
    for path in again:
        assert path.read_bytes() == (samples / path.relative_to(tmp_path)).read_bytes()
    gps = Image.open(samples / "harbour-dawn.jpg").getexif().get_ifd(0x8825)
    assert gps[1] == "N"
    sideways = Image.open(samples / "market-square.jpg")
    assert sideways.getexif()[0x0112] == 6 and sideways.width < sideways.height
    for path in again:
        assert 1600 <= Image.open(path).width <= 2400 or path.name == "market-square.jpg"


# --- renditions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_width", "expected"),
    [
        (2400, [480, 800, 1200, 1600]),
        (1000, [480, 800, 1000]),
        (300, [300]),
        (1600, [480, 800, 1200, 1600]),
    ],
)
def test_target_widths_never_upscale(source_width, expected):
    assert processing.target_widths(source_width, (480, 800, 1200, 1600)) == expected


def test_photo_renditions_are_webp_and_jpeg_at_every_width(samples):
    outputs = processing.renditions(samples / "harbour-dawn.jpg")
    assert [(o.width, o.format) for o in outputs] == [
        (w, f) for w in (480, 800, 1200, 1600) for f in ("webp", "jpeg")
    ]
    for output in outputs:
        image = decoded(output)
        assert image.format == output.format.upper()
        assert (
            image.size
            == (output.width, output.height)
            == (output.width, round(output.width * 1600 / 2400))
        )


def test_transparent_png_falls_back_to_png_and_keeps_alpha(samples):
    outputs = processing.renditions(samples / "transit-map.png", widths=(480,))
    assert [o.format for o in outputs] == ["webp", "png"]
    assert all(decoded(o).mode == "RGBA" for o in outputs)


def test_exif_orientation_is_applied_before_resizing(samples):
    outputs = processing.renditions(samples / "market-square.jpg", widths=(800,))
    image = decoded(outputs[0])
    assert image.size == (800, 480)  # stored 1200x2000 sideways, shown 2000x1200
    # The sky (light blue) is at the top once upright; the stored file has it at the left.
    assert image.getpixel((400, 5))[2] > 200


def test_gps_exif_and_icc_profiles_never_reach_an_output(samples, tmp_path):
    source = tmp_path / "with-profile.jpg"
    srgb_bytes = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.open(samples / "harbour-dawn.jpg").save(
        source, exif=make_sample_images.gps_exif(), icc_profile=srgb_bytes, quality=90
    )
    assert Image.open(source).info.get("icc_profile")
    outputs = processing.renditions(source, widths=(480, 1600))
    outputs += processing.search_crops(source).values()
    outputs += processing.avatars(source)
    for output in outputs:
        assert_no_metadata(output)


def test_same_input_gives_same_bytes(samples):
    first = processing.renditions(samples / "transit-map.png", widths=(480,))
    second = processing.renditions(samples / "transit-map.png", widths=(480,))
    assert [o.data for o in first] == [o.data for o in second]


# --- crops and avatars -----------------------------------------------------------------


def test_search_crops_have_their_aspect_and_enough_pixels(samples):
    crops = processing.search_crops(samples / "harbour-dawn.jpg", (0.5, 0.3))
    assert {name: (c.width, c.height) for name, c in crops.items()} == {
        "16x9": (1200, 675),
        "4x3": (1200, 900),
        "1x1": (1200, 1200),
        "og": (1200, 630),
    }
    for crop in crops.values():
        assert decoded(crop).size == (crop.width, crop.height)
        assert crop.width * crop.height >= 50_000


def test_crops_of_a_small_source_are_not_upscaled(tmp_path):
    source = tmp_path / "small.jpg"
    Image.new("RGB", (640, 480), "teal").save(source)
    crops = processing.search_crops(source)
    assert (crops["16x9"].width, crops["16x9"].height) == (640, 360)
    assert (crops["1x1"].width, crops["1x1"].height) == (480, 480)


def test_a_source_too_small_for_the_crops_is_an_error(tmp_path):
    source = tmp_path / "thumb.jpg"
    Image.new("RGB", (300, 200), "teal").save(source)
    with pytest.raises(ImageError) as caught:
        processing.search_crops(source)
    assert str(caught.value) == (
        f"{source}:1: image: 300x200 is too small for the 1x1 crop "
        "(200x200 = 40,000 pixels; at least 50,000 needed)"
    )


def test_crop_box_follows_the_focal_point_and_stays_inside():
    assert processing.crop_box((2400, 1600), (16, 9), (0.5, 0.5)) == (0, 125, 2400, 1475)
    assert processing.crop_box((2400, 1600), (16, 9), (0.5, 0.0)) == (0, 0, 2400, 1350)
    assert processing.crop_box((2400, 1600), (1, 1), (1.0, 0.5)) == (800, 0, 2400, 1600)
    assert processing.crop_box((2400, 1600), (1, 1), (0.25, 0.5)) == (0, 0, 1600, 1600)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, (0.5, 0.5)), ("", (0.5, 0.5)), ("0.5,0.3", (0.5, 0.3)), ([0.2, 1], (0.2, 1.0))],
)
def test_focus_accepts_text_list_or_nothing(value, expected):
    assert processing.parse_focus(value) == expected


@pytest.mark.parametrize("value", ["left", "0.5", "2,0.5", [1, 2, 3], 7])
def test_focus_rejects_anything_else(value):
    with pytest.raises(ValueError) as caught:
        processing.parse_focus(value)
    assert str(caught.value) == f"expected 'x,y' with two numbers from 0 to 1, got {value!r}"


def test_avatars_are_squares_at_each_size(samples):
    outputs = processing.avatars(
        samples / "authors" / "sample-reporter.jpg", (96, 192, 400), (0.5, 0.35)
    )
    assert [(decoded(o).size, o.format) for o in outputs] == [
        ((s, s), "jpeg") for s in (96, 192, 400)
    ]


# --- social cards ----------------------------------------------------------------------

LONG_TITLE = (
    "Ferry operators, harbour council and the regional transport board spend a third "
    "weekend arguing over a timetable that nobody on the island has yet managed to read"
)


@pytest.mark.parametrize("title", ["Pier reopens", LONG_TITLE, "Unbreakable" * 12, LONG_TITLE * 3])
def test_card_text_stays_inside_the_card(title):
    layout = cards.card_layout(title, "The Example Gazette", "Local news", "12 March 2025")
    width, height = cards.CARD_SIZE
    for block in layout.blocks:
        left, top, right, bottom = block.bbox
        assert left >= cards.MARGIN and right <= width - cards.MARGIN, block.text
        assert top > 0 and bottom < height, block.text
    assert len(layout.headline_lines) <= DEFAULTS["card_max_lines"]


def test_a_long_headline_shrinks_and_a_too_long_one_ends_with_an_ellipsis():
    short = cards.card_layout("Pier reopens", "Site", "News", "")
    long = cards.card_layout(LONG_TITLE, "Site", "News", "")
    longest = cards.card_layout(LONG_TITLE * 3, "Site", "News", "")
    assert short.headline_size > long.headline_size
    assert not long.headline_lines[-1].endswith(cards.ELLIPSIS)
    assert longest.headline_lines[-1].endswith(cards.ELLIPSIS)


def test_social_card_is_a_deterministic_1200x630_png():
    first = cards.social_card("Pier reopens", "The Example Gazette", "Local news", "12 March 2025")
    second = cards.social_card("Pier reopens", "The Example Gazette", "Local news", "12 March 2025")
    assert first.data == second.data
    image = decoded(first)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len(image.getcolors(1_000_000)) > 2  # text was drawn, not just the background


def _whole_card(layout):
    """The card drawn the plain way: a card-sized coverage mask per ink, mapped to palette
    indices, the accent winning where both inks cover a pixel."""
    masks = {ink: Image.new("L", layout.size, 0) for ink in cards.INKS}
    pens = {ink: ImageDraw.Draw(mask) for ink, mask in masks.items()}
    pens["card_accent"].rectangle((0, 0, cards.ACCENT_BAR_WIDTH - 1, layout.size[1]), fill=255)
    for block in layout.blocks:
        face = cards.font(block.font_path, block.font_size)
        pens[block.colour_key].text(block.xy, block.text, font=face, fill=255, anchor="la")
    mapped = [masks[ink].point(cards.COVERAGE_TO_INDEX[ink]) for ink in cards.INKS]
    return ImageChops.lighter(*mapped).tobytes()


@pytest.mark.parametrize(
    "title, site, category",
    [
        ("Pier reopens", "The Example Gazette", "Local news"),
        (LONG_TITLE, "", "Ågjpqy " * 12),  # long lines, descenders, a truncated kicker
        ("gjpqy Ågjpqy ÉÇ " * 20, "gjpqy" * 30, ""),  # lines whose ink boxes touch
        ("Wide W" * 40, "Site", "Kicker"),  # a word broken by characters
        ("", "", ""),
    ],
)
def test_cards_drawn_region_by_region_match_a_whole_card_drawing(title, site, category):
    layout = cards.card_layout(title, site, category, "12 March 2025")
    assert cards.draw_card(layout).tobytes() == _whole_card(layout)


@pytest.mark.parametrize(
    "title, site, category",
    [
        ("Pier reopens", "The Example Gazette", "Local news"),
        (LONG_TITLE, "", "Ågjpqy " * 12),
        ("gjpqy Ågjpqy ÉÇ " * 20, "gjpqy" * 30, ""),
        ("", "", ""),
    ],
)
def test_taller_cards_made_by_padding_are_the_cards_drawn_at_that_size(title, site, category):
    """social_cards draws the text once and pads it; each shape's PNG is byte for byte the
    card laid out and drawn at that shape's size."""
    args = (title, site, category, "12 March 2025")
    for encoded in cards.social_cards(*args):
        size = processing.CROP_TARGETS[encoded.variant]
        drawn = cards.social_card(*args, size=size, variant=encoded.variant)
        assert encoded.data == drawn.data, encoded.variant


# --- errors ----------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(ImageError) as caught:
        processing.load(tmp_path / "nope.jpg")
    assert caught.value.message == f"file not found: {tmp_path / 'nope.jpg'}"


def test_unsupported_extension(tmp_path):
    path = tmp_path / "scan.bmp"
    Image.new("RGB", (10, 10)).save(path)
    with pytest.raises(ImageError) as caught:
        processing.load(path)
    assert caught.value.message == "unsupported format '.bmp'; use JPEG, PNG or WebP"


def test_unsupported_format_behind_a_jpeg_name(tmp_path):
    path = tmp_path / "scan.jpg"
    Image.new("RGB", (10, 10)).save(path, "BMP")
    with pytest.raises(ImageError) as caught:
        processing.load(path)
    assert caught.value.message == "unsupported format BMP; use JPEG, PNG or WebP"


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupt_file(samples, tmp_path, damage):
    path = tmp_path / "broken.jpg"
    good = (samples / "harbour-dawn.jpg").read_bytes()
    path.write_bytes(b"not an image at all" if damage == "garbage" else good[: len(good) // 2])
    with pytest.raises(ImageError) as caught:
        processing.load(path)
    assert caught.value.message == "cannot decode the image; the file is corrupt or truncated"


def test_larger_than_max_pixels(samples):
    with pytest.raises(ImageError) as caught:
        processing.load(samples / "harbour-dawn.jpg", max_pixels=1_000_000)
    assert caught.value.message == (
        "2400x1600 is 3,840,000 pixels, larger than IMAGES['max_pixels'] = 1,000,000"
    )


@pytest.mark.parametrize(
    "side", [10_000, 20_000]
)  # Pillow warns above 89M pixels, fails above 179M
def test_decompression_bomb(tmp_path, side):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(side, side))
    with pytest.raises(ImageError) as caught:
        processing.load(path, max_pixels=10**10)
    assert caught.value.message == (
        f"more than {Image.MAX_IMAGE_PIXELS:,} pixels;"
        " refusing to decode a likely decompression bomb"
    )


def test_error_reads_like_a_compiler_error():
    error = ImageError("content/images/x.jpg", 1, "image", "file not found").located(
        "content/articles/a.md", 6, "image"
    )
    assert str(error) == "content/articles/a.md:6: image: file not found"


# --- settings --------------------------------------------------------------------------


def test_settings_defaults_and_overrides():
    assert make_settings() == {
        **DEFAULTS,
        "widths": (480, 800, 1200, 1600),
        "avatar_sizes": (96, 192, 400),
    }
    assert make_settings(widths=[800, 480, 800])["widths"] == (480, 800)


def test_settings_problems_name_key_expected_and_got():
    assert problems(
        {"max_pixel": 5, "widths": [], "jpeg_quality": "high", "card_accent": "glow"}
    ) == [
        "IMAGES: unknown key 'max_pixel' (did you mean 'max_pixels'?)",
        "IMAGES['widths']: expected a non-empty list of positive integers, got []",
        "IMAGES['jpeg_quality']: expected an integer from 1 to 100, got 'high'",
        "IMAGES['card_accent']: expected a colour such as '#14213d', got 'glow'",
    ]
    assert problems(["widths"]) == ["IMAGES: expected a dict, got list"]
    with pytest.raises(ImagesSettingsError, match="unknown key 'colour'$"):
        resolve({"colour": 1})


# --- cache and markup ------------------------------------------------------------------


def test_cache_encodes_once_per_key(tmp_path):
    calls = []

    def make():
        calls.append(1)
        return [processing.Encoded(1, 1, "png", b"x", "")]

    key = cache_key("abc", "renditions", {"widths": [480]})
    first = ImageCache(tmp_path)
    assert first.fetch(key, make)[0].payload() == b"x"
    second = ImageCache(tmp_path)
    assert second.fetch(key, make)[0].payload() == b"x"
    assert (len(calls), first.encodes, second.encodes, second.hits) == (1, 1, 0, 1)
    assert cache_key("abc", "renditions", {"widths": [800]}) != key


def test_body_img_becomes_picture_with_srcset_and_dimensions():
    webp = processing.Encoded(480, 320, "webp", b"")
    jpeg = processing.Encoded(480, 320, "jpeg", b"")
    published = [(webp, "images/a-1-480.webp"), (jpeg, "images/a-1-480.jpg")]
    data = markup.picture_data(published, "100vw", "https://news.example")
    assert (data["src"], data["width"], data["height"]) == ("images/a-1-480.jpg", 480, 320)
    html = '<p><img alt="Pier" src="{static}/images/a.jpg"/> <img src="https://example.org/b.jpg"/></p>'
    out = markup.rewrite_body_images(
        html, lambda src: data if src.endswith("a.jpg") and "example" not in src else None
    )
    assert out == (
        '<p><picture><source sizes="100vw" '
        'srcset="https://news.example/images/a-1-480.webp 480w" type="image/webp"/>'
        '<img alt="Pier" decoding="async" height="320" loading="lazy" sizes="100vw" '
        'src="https://news.example/images/a-1-480.jpg" '
        'srcset="https://news.example/images/a-1-480.jpg 480w" width="480"/></picture> '
        '<img src="https://example.org/b.jpg"/></p>'
    )
    assert markup.rewrite_body_images("<p>x<br>y</p>", lambda src: None) == "<p>x<br>y</p>"


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("{static}/images/a.jpg", "content/images/a.jpg"),
        ("/images/a.jpg", "content/images/a.jpg"),
        ("../images/a.jpg", "content/images/a.jpg"),
        ("a%20b.png", "content/articles/a b.png"),
        ("https://example.org/a.jpg", None),
        ("//cdn.example.org/a.jpg", None),
        ("data:image/png;base64,AAAA", None),
        ("/images/diagram.svg", None),
        ("", None),
    ],
)
def test_local_image_path(tmp_path, src, expected):
    found = markup.local_image_path(src, tmp_path / "content/articles/x.md", tmp_path / "content")
    assert found == (None if expected is None else (tmp_path / expected).resolve())


def test_social_card_colours_are_the_settings_colours_and_blends_of_them():
    encoded = cards.social_card("Pier reopens", "The Example Gazette", "Local news", "12 March")
    image = decoded(encoded).convert("RGB")
    keys = ("card_background", "card_foreground", "card_accent")
    background, foreground, accent = (ImageColor.getrgb(DEFAULTS[k]) for k in keys)
    assert image.getpixel((5, 300)) == accent  # the accent bar
    assert image.getpixel((1150, 600)) == background
    colours = {colour: count for count, colour in image.getcolors(1_000_000)}
    assert colours[foreground] > 1000 and colours[accent] > 1000  # headline, bar and kicker

    def between(colour, ink):
        channels = zip(background, colour, ink, strict=True)
        return all(min(b, i) <= c <= max(b, i) for b, c, i in channels)

    # Every other colour is antialiasing between the background and one of the inks.
    assert all(between(c, foreground) or between(c, accent) for c in colours)


@pytest.mark.parametrize(
    "title",
    [
        "Harbour ferry resumes — at last",
        "Council <em>approves</em> budget",
        "Fish &amp; chips shop reopens",
        "Line one\r\nline two",
        "   ",
        "\t",
        "",
        "Quotes \"and\" 'apostrophes' > arrows",
    ],
)
def test_card_titles_read_as_the_html_parser_reads_them(title):
    assert _plain_text(title) == BeautifulSoup(title, "html.parser").get_text()


def test_social_cards_come_in_every_shape_with_the_same_look():
    """The 16x9, 4x3 and 1x1 cards are the 1200x630 card with more background above and
    below: their middle 630 rows are the og card, pixel for pixel."""
    args = ("Pier reopens after a winter of repairs", "The Example Gazette", "Local", "12 March")
    drawn = cards.social_cards(*args)
    assert [(e.variant, e.width, e.height) for e in drawn] == [
        ("16x9", 1200, 675),
        ("4x3", 1200, 900),
        ("1x1", 1200, 1200),
        ("og", 1200, 630),
    ]
    assert [e.data for e in drawn] == [e.data for e in cards.social_cards(*args)]  # determinism
    og = decoded(drawn[-1]).convert("RGB")
    assert drawn[-1].data == cards.social_card(*args).data  # the og card is today's card
    for encoded in drawn[:-1]:
        image = decoded(encoded).convert("RGB")
        top = (image.height - 630) // 2
        middle = image.crop((0, top, 1200, top + 630))
        assert ImageChops.difference(middle, og).getbbox() is None, encoded.variant
        background = image.getpixel((600, 2))
        assert background == og.getpixel((600, 2)), encoded.variant
