"""Pure Pillow functions: open a source safely, normalise it, and encode renditions, search
crops and square avatars. Nothing here knows about Pelican; every function is deterministic
(same input bytes and settings -> same output bytes).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .errors import ImageError
from .settings import DEFAULTS

# Bump when a change here alters output bytes, so cached encodes are not reused.
PIPELINE_VERSION = "1"

ACCEPTED_FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
ACCEPTED_SUFFIXES = {suffix for suffixes in ACCEPTED_FORMATS.values() for suffix in suffixes}
MIME_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}

# Search crops for lead images: name -> target size. Google asks for >= 50,000 pixels.
CROP_TARGETS = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200), "og": (1200, 630)}
MIN_CROP_PIXELS = 50_000

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Encoded:
    """One encoded output image. `variant` is '' for width renditions, else the crop name.
    An output from the image cache has no `data` but the file it is `stored` in: a rebuild
    mostly finds last build's copy in place, and reading every cached image to write none of
    them took 1.9 s at 10,000 articles."""

    width: int
    height: int
    format: str  # "webp" | "jpeg" | "png"
    data: bytes | None
    variant: str = ""
    stored: Path | None = None

    def payload(self) -> bytes:
        return self.data if self.data is not None else self.stored.read_bytes()

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else self.stored.stat().st_size

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def open_source(src_path, max_pixels: int = DEFAULTS["max_pixels"]) -> Image.Image:
    """Open and fully decode an image, turning every way it can go wrong into an ImageError."""
    path = Path(src_path)

    def fail(message):
        return ImageError(path, 1, "image", message)

    if not path.is_file():
        raise fail(f"file not found: {path}")
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        suffix = path.suffix or "(no extension)"
        raise fail(f"unsupported format {suffix!r}; use JPEG, PNG or WebP")
    with warnings.catch_warnings():
        # Pillow only warns between 1x and 2x its pixel limit; a warning is a bomb to us too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
            if image.format not in ACCEPTED_FORMATS:
                raise fail(f"unsupported format {image.format}; use JPEG, PNG or WebP")
            width, height = image.size
            if width * height > max_pixels:
                raise fail(
                    f"{width}x{height} is {width * height:,} pixels, larger than "
                    f"IMAGES['max_pixels'] = {max_pixels:,}"
                )
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise fail(
                f"more than {Image.MAX_IMAGE_PIXELS:,} pixels; refusing to decode a likely "
                "decompression bomb"
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise fail("cannot decode the image; the file is corrupt or truncated") from None
    return image


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )


def normalise(image: Image.Image) -> Image.Image:
    """Orientation applied, colours in sRGB, mode RGB or RGBA, and no metadata at all.

    Order matters: EXIF orientation first (it lives in the metadata we are about to drop),
    then the ICC profile conversion (it needs the profile), then a fresh image without `info`.
    """
    icc = image.info.get("icc_profile")
    mode = "RGBA" if has_alpha(image) else "RGB"
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "CMYK"):
        image = image.convert(mode)
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source_profile, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable or mismatched profile: treat the pixels as sRGB already
    image = image.convert(mode)
    # frombytes builds an image with an empty `info`: no EXIF, GPS, XMP or ICC can survive.
    return Image.frombytes(mode, image.size, image.tobytes())


def load(src_path, max_pixels: int = DEFAULTS["max_pixels"]) -> Image.Image:
    return normalise(open_source(src_path, max_pixels))


def fallback_format(image: Image.Image) -> str:
    """JPEG for photos, PNG when transparency must survive."""
    return "png" if image.mode == "RGBA" else "jpeg"


def encode(image: Image.Image, fmt: str, settings=DEFAULTS) -> bytes:
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, "WEBP", quality=settings["webp_quality"], method=4)
    elif fmt == "jpeg":
        image.convert("RGB").save(
            buffer, "JPEG", quality=settings["jpeg_quality"], optimize=True, progressive=True
        )
    elif fmt == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return buffer.getvalue()


def target_widths(source_width: int, widths) -> list[int]:
    """The requested widths below the source width, plus the source width itself when it is
    narrower than the largest request: never upscale, but always give the full resolution."""
    chosen = {w for w in widths if w <= source_width}
    if source_width < max(widths):
        chosen.add(source_width)
    return sorted(chosen)


def resize_to_width(image: Image.Image, width: int) -> Image.Image:
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def renditions_of(image: Image.Image, widths, formats=None, settings=DEFAULTS) -> list[Encoded]:
    formats = formats or ("webp", fallback_format(image))
    outputs = []
    for width in target_widths(image.width, widths):
        resized = resize_to_width(image, width)
        for fmt in formats:
            outputs.append(
                Encoded(resized.width, resized.height, fmt, encode(resized, fmt, settings))
            )
    return outputs


def renditions(
    src_path, widths=DEFAULTS["widths"], formats=None, settings=DEFAULTS
) -> list[Encoded]:
    """Every width (never upscaled) in every format; formats default to WebP plus a fallback."""
    return renditions_of(load(src_path, settings["max_pixels"]), widths, formats, settings)


def parse_focus(value) -> tuple[float, float]:
    """`"0.5,0.3"`, `[0.5, 0.3]` or None (the centre) -> (x, y), each from 0 to 1."""
    if value is None or value == "":
        return (0.5, 0.5)
    parts = value.split(",") if isinstance(value, str) else value
    try:
        x, y = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise ValueError(f"expected 'x,y' with two numbers from 0 to 1, got {value!r}") from None
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise ValueError(f"expected 'x,y' with two numbers from 0 to 1, got {value!r}")
    return (x, y)


def crop_box(size, aspect, focus=(0.5, 0.5)) -> tuple[int, int, int, int]:
    """The largest box of the given aspect (w, h) inside `size`, centred on the focal point as
    far as the image edges allow."""
    width, height = size
    aspect_w, aspect_h = aspect
    box_w = min(width, height * aspect_w // aspect_h)
    box_h = min(height, round(box_w * aspect_h / aspect_w))
    left = round(focus[0] * width - box_w / 2)
    top = round(focus[1] * height - box_h / 2)
    left = min(max(left, 0), width - box_w)
    top = min(max(top, 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def crop_to(image: Image.Image, target, focus, variant: str, settings=DEFAULTS) -> Encoded:
    """Crop around the focus to the target's aspect; scale down to the target, never up."""
    box = crop_box(image.size, target, focus)
    region = image.crop(box)
    if region.width > target[0]:
        region = region.resize(target, Image.Resampling.LANCZOS)
    fmt = fallback_format(image)
    return Encoded(region.width, region.height, fmt, encode(region, fmt, settings), variant)


def search_crops_of(image: Image.Image, focus=(0.5, 0.5), settings=DEFAULTS) -> dict[str, Encoded]:
    crops = {}
    for name, target in CROP_TARGETS.items():
        left, top, right, bottom = crop_box(image.size, target, focus)
        pixels = (right - left) * (bottom - top)
        if pixels < MIN_CROP_PIXELS:
            raise ImageError(
                "",
                1,
                "image",
                f"{image.width}x{image.height} is too small for the {name} crop "
                f"({right - left}x{bottom - top} = {pixels:,} pixels; at least "
                f"{MIN_CROP_PIXELS:,} needed)",
            )
        crops[name] = crop_to(image, target, focus, name, settings)
    return crops


def search_crops(src_path, focus=(0.5, 0.5), settings=DEFAULTS) -> dict[str, Encoded]:
    """16x9, 4x3, 1x1 and the 1200x630 OG crop, each >= 50,000 pixels or an ImageError."""
    try:
        return search_crops_of(load(src_path, settings["max_pixels"]), focus, settings)
    except ImageError as error:
        raise error.located(src_path, 1, "image") from None


def avatars_of(
    image: Image.Image, sizes=DEFAULTS["avatar_sizes"], focus=(0.5, 0.5), settings=DEFAULTS
):
    """Square avatars around the focal point, one per size no larger than the square."""
    square = image.crop(crop_box(image.size, (1, 1), focus))
    fmt = fallback_format(image)
    outputs = []
    for size in target_widths(square.width, sizes):
        resized = (
            square.resize((size, size), Image.Resampling.LANCZOS)
            if size != square.width
            else square
        )
        outputs.append(Encoded(size, size, fmt, encode(resized, fmt, settings), "avatar"))
    return outputs


def avatars(src_path, sizes=DEFAULTS["avatar_sizes"], focus=(0.5, 0.5), settings=DEFAULTS):
    return avatars_of(load(src_path, settings["max_pixels"]), sizes, focus, settings)
