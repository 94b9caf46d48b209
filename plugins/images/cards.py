"""Generated social cards for articles without a lead image: the 1200x630 Open Graph card and
the 16x9, 4x3 and 1x1 shapes Google's Article guidelines ask for (CROP_TARGETS, the same
shapes a photo is cropped to), each 1200 px wide and drawn the same way.

`card_layout` decides where every piece of text goes (pure arithmetic on font metrics), so a
test can check that every text box stays inside the card; `social_card` only draws it.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from .processing import CROP_TARGETS, Encoded
from .settings import DEFAULTS

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
FONTS = (REGULAR_FONT, BOLD_FONT)

CARD_SIZE = CROP_TARGETS["og"]  # the layout's design size; taller shapes centre it
MARGIN = 72
HEADLINE_TOP = 190
HEADLINE_BOTTOM = 520  # the date line sits below this
HEADLINE_SIZES = range(72, 31, -4)  # largest first; shrink until the headline fits
LINE_SPACING = 1.18
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class TextBlock:
    text: str
    font_path: str
    font_size: int
    xy: tuple[int, int]
    bbox: tuple[int, int, int, int]  # left, top, right, bottom on the card
    colour_key: str  # which settings colour to draw it in


@dataclass(frozen=True)
class CardLayout:
    size: tuple[int, int]
    headline_size: int
    headline_lines: tuple[str, ...]
    blocks: tuple[TextBlock, ...]


@cache
def font(path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def font_digest() -> str:
    """Part of the cache key: a different font must not reuse old cards."""
    stamps = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in FONTS)
    return _font_digest(stamps)


@cache
def _font_digest(stamps) -> str:  # hashed once per font version, not once per card
    digest = hashlib.sha256()
    for path, _, _ in stamps:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def wrap(
    text: str, face: ImageFont.FreeTypeFont, max_width: int, limit: int | None = None
) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line is broken by characters.
    With `limit`, stop once more than `limit` lines are known: the caller only needs to see
    that the text overflows, and a very long title would otherwise cost a measure per word."""
    lines, current = [], ""
    for word in text.split():
        if limit is not None and len(lines) > limit:
            return lines
        candidate = f"{current} {word}".strip()
        if face.getlength(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while face.getlength(current) > max_width:
            if limit is not None and len(lines) > limit:
                return lines
            cut = 1
            while cut < len(current) and face.getlength(current[: cut + 1]) <= max_width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def truncate(lines: list[str], max_lines: int, face, max_width: int) -> list[str]:
    """Keep `max_lines` lines, ending the last with an ellipsis that fits."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and face.getlength(last + ELLIPSIS) > max_width:
        last = last[:-1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept


def fit_headline(title: str, max_lines: int, max_width: int, max_height: int):
    """Fallback order: the largest size whose wrapped lines fit both the line count and the
    height -> the smallest size, truncated to `max_lines` with an ellipsis."""
    for size in HEADLINE_SIZES:
        face = font(BOLD_FONT, size)
        lines = wrap(title, face, max_width, limit=max_lines)
        if len(lines) <= max_lines and len(lines) * size * LINE_SPACING <= max_height:
            return size, lines
    size = HEADLINE_SIZES[-1]
    face = font(BOLD_FONT, size)
    fitting_lines = min(max_lines, int(max_height // (size * LINE_SPACING)))
    lines = wrap(title, face, max_width, limit=fitting_lines)
    return size, truncate(lines, fitting_lines, face, max_width)


def _block(text, font_path, size, xy, colour_key) -> TextBlock:
    left, top, right, bottom = _ink_box(text, font_path, size)
    x, y = xy
    return TextBlock(
        text, str(font_path), size, xy, (x + left, y + top, x + right, y + bottom), colour_key
    )


@lru_cache(maxsize=4096)
def _ink_box(text: str, font_path, size: int) -> tuple[int, int, int, int]:
    """Where `text` puts ink, from its origin. Every card repeats the site name, one of a few
    categories and dates: each is measured once."""
    return font(font_path, size).getbbox(text, anchor="la")


@lru_cache(maxsize=1024)
def _one_line(text: str, font_path, size: int, max_width: int) -> tuple[str, ...]:
    """`text` on one line, truncated with an ellipsis if it does not fit (the site name, the
    kicker: the same few on every card, so each is worked out once)."""
    face = font(font_path, size)
    return tuple(truncate(wrap(text, face, max_width), 1, face, max_width))


def card_layout(
    title, site_name, category, date_text, settings=DEFAULTS, size=CARD_SIZE
) -> CardLayout:
    """The 1200x630 design, centred vertically on a card of `size` (as wide, at least as
    tall): every shape shows the same text at the same size, only the margins above and
    below grow."""
    width, height = size
    top = (height - CARD_SIZE[1]) // 2
    text_width = width - 2 * MARGIN
    blocks = []
    # The small lines are single-line by design; truncate rather than let them overflow.
    site = _one_line(site_name or "", BOLD_FONT, 34, text_width)
    if site:
        blocks.append(_block(site[0], BOLD_FONT, 34, (MARGIN, top + 64), "card_foreground"))
    kicker_lines = _one_line((category or "").upper(), BOLD_FONT, 26, text_width)
    if kicker_lines:
        blocks.append(_block(kicker_lines[0], BOLD_FONT, 26, (MARGIN, top + 140), "card_accent"))
    font_size, lines = fit_headline(
        title or "", settings["card_max_lines"], text_width, HEADLINE_BOTTOM - HEADLINE_TOP
    )
    for index, line in enumerate(lines):
        y = top + HEADLINE_TOP + round(index * font_size * LINE_SPACING)
        blocks.append(_block(line, BOLD_FONT, font_size, (MARGIN, y), "card_foreground"))
    if date_text:
        blocks.append(_block(date_text, REGULAR_FONT, 28, (MARGIN, top + 548), "card_foreground"))
    return CardLayout(size, font_size, tuple(lines), tuple(blocks))


INKS = ("card_foreground", "card_accent")
DRAWING = "palette-2"  # part of the cache key: cards drawn another way must not be reused
ACCENT_BAR_WIDTH = 17  # the accent stripe down the left edge, in pixels
# Around a block's measured ink box: antialiasing may reach a pixel past what getbbox reports.
REGION_PAD = 4
# Coverage (0-255) of each ink -> palette index: 0-127 blend the background into the
# foreground, 128-255 into the accent (no ink stays the background, 0).
COVERAGE_TO_INDEX = {
    "card_foreground": [coverage >> 1 for coverage in range(256)],
    "card_accent": [128 + (coverage >> 1) if coverage else 0 for coverage in range(256)],
}


def draw_card(layout: CardLayout, settings=DEFAULTS) -> Image.Image:
    """The card as a palette image: a card has three colours, and text antialiased between
    them. Palette entries 0-127 blend the background into the foreground, 128-255 into the
    accent. Within one level of the same card drawn in RGB, at a third of the encoding time
    and half the bytes.

    Only the text's regions are drawn: each ink's coverage is drawn as a grayscale mask the
    size of its blocks (blocks of one ink whose boxes overlap share a mask, so their coverage
    adds up as it would on one card-sized mask), mapped to palette indices and laid onto the
    card, the accent winning where both inks cover a pixel. Card-sized masks were 3 ms of a
    card's 8; the pixels are the same (a test draws both ways)."""
    card = Image.new("L", layout.size, 0)
    card.paste(255, (0, 0, ACCENT_BAR_WIDTH, layout.size[1]))  # accent at full coverage
    for ink, box, blocks in _ink_regions(layout):
        left, top = box[0], box[1]
        mask = Image.new("L", (box[2] - left, box[3] - top), 0)
        pen = ImageDraw.Draw(mask)
        for block in blocks:
            face = font(block.font_path, block.font_size)
            xy = (block.xy[0] - left, block.xy[1] - top)
            pen.text(xy, block.text, font=face, fill=255, anchor="la")
        inked = mask.point(COVERAGE_TO_INDEX[ink])
        card.paste(ImageChops.lighter(card.crop(box), inked), box)
    card.putpalette(_palette(settings))  # makes it a palette image
    return card


def _ink_regions(layout: CardLayout) -> list[tuple[str, tuple, list[TextBlock]]]:
    """(ink, box on the card, its blocks in drawing order): each block's padded ink box,
    merged with every other box of its ink that it comes to overlap."""
    width, height = layout.size
    regions: list[tuple[str, tuple, list]] = []
    for block in layout.blocks:
        left, top, right, bottom = block.bbox
        box = (
            max(0, left - REGION_PAD),
            max(0, top - REGION_PAD),
            min(width, right + REGION_PAD),
            min(height, bottom + REGION_PAD),
        )
        if box[0] >= box[2] or box[1] >= box[3]:
            continue  # no ink on the card
        blocks = [block]
        merged = True
        while merged:  # a grown box may reach a region it missed before
            merged = False
            for other in regions:
                if other[0] == block.colour_key and _overlap(other[1], box):
                    regions.remove(other)
                    box = _union(box, other[1])
                    blocks = other[2] + blocks
                    merged = True
                    break
        regions.append((block.colour_key, box, blocks))
    order = {id(block): index for index, block in enumerate(layout.blocks)}
    return [(ink, box, sorted(blocks, key=lambda b: order[id(b)])) for ink, box, blocks in regions]


def _overlap(first: tuple, second: tuple) -> bool:
    return (
        first[0] < second[2]
        and second[0] < first[2]
        and first[1] < second[3]
        and second[1] < first[3]
    )


def _union(first: tuple, second: tuple) -> tuple:
    return (
        min(first[0], second[0]),
        min(first[1], second[1]),
        max(first[2], second[2]),
        max(first[3], second[3]),
    )


def _palette(settings) -> list[int]:
    return list(_palette_of(settings["card_background"], *(settings[ink] for ink in INKS)))


@cache
def _palette_of(background_colour: str, *ink_colours: str) -> tuple[int, ...]:
    """Worked out once per colour scheme, not once per card (half a millisecond each)."""
    background = ImageColor.getrgb(background_colour)
    palette = []
    for ink_colour in ink_colours:
        colour = ImageColor.getrgb(ink_colour)
        pairs = list(zip(background, colour, strict=True))
        for level in range(128):
            palette += [round(b + (c - b) * level / 127) for b, c in pairs]
    return tuple(palette)


def social_cards(title, site_name, category, date_text, settings=DEFAULTS) -> list[Encoded]:
    """The card in every CROP_TARGETS shape, each named (`variant`) by its shape. The text is
    drawn once, on the 1200x630 card; a taller shape is that card with more background above
    and below (`padded`: the same pixels as drawing its own layout, at a third of the cost)."""
    layout = card_layout(title, site_name, category, date_text, settings)
    card = draw_card(layout, settings)
    return [_encoded(padded(card, size), variant) for variant, size in CROP_TARGETS.items()]


def social_card(
    title, site_name, category, date_text, settings=DEFAULTS, size=CARD_SIZE, variant=""
) -> Encoded:
    """A PNG card (1200x630 unless `size` says otherwise): site name, category, headline
    wrapped to fit, date."""
    layout = card_layout(title, site_name, category, date_text, settings, size)
    return _encoded(draw_card(layout, settings), variant)


def padded(card: Image.Image, size: tuple[int, int]) -> Image.Image:
    """`card` (CARD_SIZE) centred on a card of `size`, as wide and at least as tall: the
    new rows are background with the accent stripe down the left edge."""
    if size == card.size:
        return card
    height = size[1]
    shaped = Image.new("P", size, 0)
    shaped.paste(255, (0, 0, ACCENT_BAR_WIDTH, height))  # the accent at full coverage
    shaped.paste(card, (0, (height - card.height) // 2))  # palette indices, copied as they are
    shaped.putpalette(card.getpalette())
    return shaped


def _encoded(image: Image.Image, variant: str) -> Encoded:
    buffer = io.BytesIO()
    # zlib level 3: a flat palette card encodes in 3.8 ms instead of 8.4 (level 6) or 54 (9),
    # for 24 KB instead of 19. Only crawlers fetch cards (og:image); a cold build draws one
    # for every story without a photo, so this was a fifth of a cold 10,000-article build.
    image.save(buffer, "PNG", compress_level=3)
    return Encoded(image.width, image.height, "png", buffer.getvalue(), variant)


# Initials avatars: dark enough for white letters at 4.5:1 or more.
AVATAR_COLOURS = ("#0b5cad", "#7a3e9d", "#1f6f50", "#a3372c", "#6b5b00", "#3d4f7a")


def initials(name: str) -> str:
    """The first letter of the first and the last word: "Ada van Okafor" -> "AO"."""
    words = [w for w in name.split() if w[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def initials_avatar(name: str, slug: str, size: int) -> Image.Image:
    """A square of a colour picked by the slug, the initials centred in white."""
    pick = int(hashlib.sha256(slug.encode("utf-8")).hexdigest(), 16) % len(AVATAR_COLOURS)
    image = Image.new("RGB", (size, size), AVATAR_COLOURS[pick])
    draw = ImageDraw.Draw(image)
    draw.text(
        (size / 2, size / 2),
        initials(name),
        fill="#ffffff",
        font=font(BOLD_FONT, round(size * 0.42)),
        anchor="mm",
    )
    return image
