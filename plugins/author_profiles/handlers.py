"""Attach `author.profile` to every Author object and give every profile a page."""

from __future__ import annotations

from pathlib import Path

from pelican.urlwrappers import Author
from PIL import Image

from newsroom_core.profiles import load_profiles
from newsroom_core.settings import check_plugin_settings

DEFAULTS = {
    "LINK_LABELS": {
        "website": "Website",
        "x": "X",
        "mastodon": "Mastodon",
        "bluesky": "Bluesky",
        "linkedin": "LinkedIn",
        "github": "GitHub",
        "email": "Email",
    },
}


def check_settings(pelican):
    check_plugin_settings("author_profiles", pelican.settings, "AUTHOR_PROFILES", DEFAULTS)
    pelican.settings.setdefault("LINK_LABELS", pelican.settings["AUTHOR_PROFILES"]["LINK_LABELS"])


def attach_profiles(generator):
    """Pelican makes one Author per article (equal by slug): enrich each of them, and add
    authors with no published article yet so that a new hire has a page on day one."""
    settings = generator.settings
    profiles, _ = load_profiles(settings)  # errors are reported by front_matter
    listed = {author.slug: author for author, _ in generator.authors}
    for slug, profile in profiles.items():
        if slug not in listed:
            author = Author(profile.name, settings)
            author.slug = slug
            generator.authors.append((author, []))
    generator.authors.sort(key=lambda pair: (pair[0].name.lower(), pair[0].slug))
    counts = {author.slug: len(articles) for author, articles in generator.authors}
    everyone = [a for a, _ in generator.authors]
    for item in generator.articles + generator.drafts:
        everyone.extend(item.authors)
    # Each photo's size is read once per build (Pelican makes an Author per article), not
    # kept between builds: a live preview sees a photo replaced by one of another size.
    photos = {
        slug: _photo_info(profile.photo, settings)
        for slug, profile in profiles.items()
        if profile.photo
    }
    for author in everyone:
        _enrich(author, profiles.get(author.slug), counts.get(author.slug, 0), photos)
    generator.context["authors"] = generator.authors
    # Authors without a published story are listed apart, under their own heading.
    generator.context["author_index"] = [a for a, items in generator.authors if items]
    generator.context["author_index_unpublished"] = [
        a for a, items in generator.authors if not items
    ]


def _enrich(author, profile, article_count, photos: dict):
    author.profile = profile
    author.article_count = article_count
    if profile and author.slug in photos and not getattr(author, "profile_photo", None):
        author.profile_photo = photos[author.slug]


def _photo_info(photo: str, settings) -> dict:
    """URL and pixel size of the photo as copied by Pelican, so <img> has width and height
    (the images plugin replaces this with square avatars when it runs)."""
    with Image.open(Path(settings["PATH"]) / photo) as image:
        width, height = image.size
    return {"url": photo, "width": width, "height": height}
