"""Plain data for the theme (lead image, crops, avatars) and the one HTML rewrite: body
`<img>` tags that point at local images become `<picture>` elements with srcset."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from newsroom_core.links import candidates

from .processing import ACCEPTED_SUFFIXES, Encoded

# Pelican's link placeholders; `{static}/x` is relative to the content folder, `{static}x`
# to the file that contains the link (the same rule Pelican applies).
PELICAN_LINK_PREFIXES = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")


# URLs: `src` and `url` are site-relative paths ("images/x-1a2b3c4d-1600.jpg"), to be
# prefixed in templates as `{{ SITEURL }}/{{ ... }}` like Pelican's own `article.url`. A srcset
# holds several URLs and cannot be prefixed in a template, so it is built with `base`
# (SITEURL, or "" for root-relative "/images/..." URLs).


def srcset(published, base: str = "") -> str:
    return ", ".join(f"{base}/{path} {encoded.width}w" for encoded, path in published)


def picture_data(published: list[tuple[Encoded, str]], sizes: str, base: str = "") -> dict:
    """`published` is [(Encoded, path)] of one image's width renditions in any formats.
    The fallback (JPEG/PNG) at the largest width is `src`; WebP goes in `sources`."""
    fallback = [(e, path) for e, path in published if e.format != "webp"]
    webp = [(e, path) for e, path in published if e.format == "webp"]
    largest, largest_path = max(fallback, key=lambda pair: pair[0].width)
    return {
        "src": largest_path,
        "src_url": f"{base}/{largest_path}",
        "width": largest.width,
        "height": largest.height,
        "sources": [{"type": "image/webp", "srcset": srcset(webp, base)}] if webp else [],
        "fallback_srcset": srcset(fallback, base),
        "fallback_type": largest.mime_type,
        "sizes": sizes,
    }


def lead_image_data(picture: dict, metadata, crops: list[tuple[Encoded, str]]) -> dict:
    """The `article.lead_image` dict: picture data, the front-matter texts, and the crops
    (`kind` "search" for the JSON-LD list, "og" for og:image)."""
    return dict(
        picture,
        alt=str(metadata.get("image_alt") or ""),
        caption=str(metadata.get("image_caption") or ""),
        credit=str(metadata.get("image_credit") or ""),
        crops=crops_data(crops),
    )


def crops_data(crops: list[tuple[Encoded, str]]) -> dict:
    """{shape: image ref}; `kind` "search" for the JSON-LD list, "og" for og:image."""
    return {
        encoded.variant: dict(
            image_ref(encoded, path), kind="og" if encoded.variant == "og" else "search"
        )
        for encoded, path in crops
    }


def image_ref(encoded: Encoded, path: str) -> dict:
    return {
        "url": path,
        "width": encoded.width,
        "height": encoded.height,
        "type": encoded.mime_type,
    }


def avatar_data(published: list[tuple[Encoded, str]], alt: str = "", base: str = "") -> dict:
    """The largest square as `url`, every size in `srcset`."""
    largest, path = max(published, key=lambda pair: pair[0].width)
    return {
        "url": path,
        "width": largest.width,
        "height": largest.height,
        "srcset": srcset(published, base),
        "alt": alt,
    }


def local_image_path(src, source_path, content_root) -> Path | None:
    """The file a body `src` points at, or None when it is remote, inline or not a raster
    format we process (SVG and GIF stay as they are; Pelican links them)."""
    path = local_file_path(src, source_path, content_root)
    if path is None or path.suffix.lower() not in ACCEPTED_SUFFIXES:
        return None
    return path


def local_file_path(src, source_path, content_root) -> Path | None:
    """The local file a body `src` points at, in any format; None when remote or inline.

    Fallback order: a site path (`/images/x.jpg`) is from the content folder; a relative one
    from the Markdown file's folder -> from the content folder (newsroom_core.links); when
    neither exists, the first file tried."""
    if not src:
        return None
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    tried = tried_paths(src, source_path, content_root)
    found = next((path for path in tried if path.is_file()), tried[0] if tried else None)
    return found.resolve() if found else None


def tried_paths(src, source_path, content_root) -> list[Path]:
    """Every file a body `src` may mean, in the order they are tried."""
    path = unquote(urlsplit(src).path)
    if path.startswith("/"):
        return [Path(content_root) / path.lstrip("/")]
    return candidates(src, Path(source_path).parent, content_root)


def body_image_srcs(html: str) -> list[str]:
    """The `src` of every `<img>` in a body, in order."""
    if "<img" not in html.lower():
        return []
    return [img.get("src") for img in BeautifulSoup(html, "html.parser").find_all("img")]


def rewrite_body_images(html: str, picture_for) -> str:
    """Replace each `<img>` for which `picture_for(src)` returns picture data by a
    `<picture>`; returns `html` unchanged (same string) when nothing was replaced."""
    if "<img" not in html.lower():  # most bodies have no image: skip parsing them
        return html
    soup = BeautifulSoup(html, "html.parser")
    replaced = False
    for img in soup.find_all("img"):
        data = picture_for(img.get("src"))
        if data is None:
            continue
        picture = soup.new_tag("picture")
        for source in data["sources"]:
            picture.append(
                soup.new_tag(
                    "source",
                    attrs={
                        "type": source["type"],
                        "srcset": source["srcset"],
                        "sizes": data["sizes"],
                    },
                )
            )
        attrs = dict(img.attrs)
        attrs.update(
            src=data["src_url"],
            srcset=data["fallback_srcset"],
            sizes=data["sizes"],
            width=str(data["width"]),
            height=str(data["height"]),
            loading="lazy",
            decoding="async",
        )
        attrs.setdefault("alt", "")
        picture.append(soup.new_tag("img", attrs=attrs))
        img.replace_with(picture)
        replaced = True
    return str(soup) if replaced else html
