"""Draw the sample photos for the demo site with Pillow: no downloads, same bytes every run.

    python scripts/make_sample_images.py content/images

Writes landscape photos made of gradients, shapes and text, including one JPEG that carries
EXIF GPS tags (the pipeline must strip them) and one stored sideways with EXIF orientation 6
(the pipeline must turn it upright), a PNG with transparency and an author portrait.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = (
    Path(__file__).resolve().parent.parent / "plugins" / "images" / "fonts" / "DejaVuSans-Bold.ttf"
)
ORIENTATION = 0x0112
GPS_IFD = 0x8825


def gradient(size, top, bottom) -> Image.Image:
    """A vertical gradient from colour `top` to colour `bottom`."""
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size)


def label(draw, xy, text, size, fill):
    draw.text(xy, text, font=ImageFont.truetype(str(FONT), size), fill=fill)


def harbour_at_dawn() -> Image.Image:
    image = gradient((2400, 1600), (255, 183, 120), (40, 70, 130))
    draw = ImageDraw.Draw(image)
    draw.ellipse((1500, 380, 1900, 780), fill=(255, 226, 150))
    for row in range(12):
        y = 1000 + row * 50
        draw.rectangle((0, y, 2400, y + 18), fill=(30, 60 + row * 5, 110 + row * 6))
    draw.polygon([(300, 1000), (700, 1000), (620, 1120), (380, 1120)], fill=(60, 40, 40))
    label(draw, (120, 120), "Harbour at dawn (sample)", 96, (20, 30, 60))
    return image


def market_square() -> Image.Image:
    image = gradient((2000, 1200), (120, 190, 240), (235, 235, 225))
    draw = ImageDraw.Draw(image)
    for index in range(6):
        left = 150 + index * 300
        draw.rectangle((left, 600, left + 220, 1100), fill=(180 - index * 15, 90 + index * 20, 70))
        draw.polygon([(left - 20, 600), (left + 110, 480), (left + 240, 600)], fill=(120, 40, 40))
    label(draw, (120, 100), "UP: market square (sample)", 88, (20, 40, 80))
    return image


def transit_map() -> Image.Image:
    image = Image.new("RGBA", (1800, 1100), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(100, 900), (600, 400), (1200, 400), (1700, 150)], fill=(220, 40, 60, 255), width=28)
    draw.line([(100, 300), (900, 700), (1700, 900)], fill=(30, 120, 200, 255), width=28)
    for x, y in [(600, 400), (1200, 400), (900, 700)]:
        draw.ellipse(
            (x - 40, y - 40, x + 40, y + 40),
            fill=(255, 255, 255, 255),
            outline=(0, 0, 0, 255),
            width=8,
        )
    label(draw, (100, 60), "Night bus routes (sample)", 72, (20, 20, 20, 255))
    return image


def reporter_portrait() -> Image.Image:
    image = gradient((1600, 2000), (200, 215, 230), (90, 110, 140))
    draw = ImageDraw.Draw(image)
    draw.ellipse((550, 450, 1050, 1000), fill=(225, 190, 160))
    draw.pieslice((300, 1050, 1300, 2300), 180, 360, fill=(50, 70, 100))
    label(draw, (80, 80), "Portrait (sample)", 80, (30, 40, 60))
    return image


def gps_exif() -> Image.Exif:
    """A made-up position, in the shape a phone camera writes it."""
    exif = Image.Exif()
    exif[0x010F] = "Sample Camera Co."
    exif[GPS_IFD] = {
        1: "N",
        2: (52.0, 22.0, 5.5),
        3: "E",
        4: (4.0, 53.0, 30.25),
    }
    return exif


def sideways_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # viewers rotate 90 degrees clockwise to display
    return exif


def make_samples(folder) -> list[Path]:
    folder = Path(folder)
    (folder / "authors").mkdir(parents=True, exist_ok=True)
    written = []

    def save(image, name, **options):
        path = folder / name
        image.save(path, **options)
        written.append(path)

    save(harbour_at_dawn(), "harbour-dawn.jpg", quality=90, exif=gps_exif())
    # Stored rotated a quarter turn anticlockwise; orientation 6 turns it back upright.
    save(
        market_square().rotate(90, expand=True),
        "market-square.jpg",
        quality=90,
        exif=sideways_exif(),
    )
    save(transit_map(), "transit-map.png")
    save(reporter_portrait(), "authors/sample-reporter.jpg", quality=90)
    return written


def main(argv) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for path in make_samples(argv[0]):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
