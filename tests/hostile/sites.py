"""One site that carries every payload in every front-matter text field and in bodies.

Each text payload gets its own author profile, article and page, so a failure names the payload.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from newsroom.build import load_settings
from tests.hostile.payloads import BODY_PAYLOADS, TEXT_PAYLOADS
from tests.support import SETTINGS, Site, article, author

# Accepted by the URL checks (http, no spaces) yet full of markup: must be escaped in attributes.
MARKUP_URL = "https://outlet.example/story?q=\"><script>alert('HOSTILE9')</script>&x='"
START = datetime(2026, 9, 1, 8, 0)


def text_slug(index: int) -> str:
    return f"hostile-{index:02d}"


def body_slug(index: int) -> str:
    return f"body-{index:02d}"


def _published(index: int) -> datetime:
    # Text-payload articles are the newest, so they are the ones in the feeds (FEED_MAX_ITEMS).
    return START + timedelta(hours=index)


def _date(index: int) -> str:
    return _published(index).isoformat()


def _url(index: int, slug: str) -> str:
    return f"{_published(index):%Y}/{_published(index):%m}/{slug}/"


def text_url(index: int) -> str:
    return _url(index, text_slug(index))


def body_url(index: int) -> str:
    return _url(-1 - index, body_slug(index))


def section_name(index: int, value: str) -> str:
    return f"Section {index} {value}"


def hostile_sections() -> list[dict]:
    """Every payload's section, declared (SECTIONS), plus the body payloads' Local."""
    names = [section_name(i, value) for i, value in enumerate(TEXT_PAYLOADS.values())]
    return [{"name": name} for name in names] + [{"name": "Local"}]


def populate(site: Site) -> dict:
    """Write the hostile content; return {url: payload} for pages whose title is a payload."""
    site.write("images/photo.png", (site.content / "images/logo.png").read_bytes())
    pages = {}
    for index, (_, value) in enumerate(TEXT_PAYLOADS.items()):
        slug = text_slug(index)
        site.add_author(
            slug,
            author(name=value, role=value, location=value, links={"website": MARKUP_URL}),
            bio=value,
        )
        site.add_article(
            slug,
            article(
                title=value,
                slug=slug,
                date=_date(index),
                authors=[slug],
                # A name made only of markup makes no URL slug (a build error of its own, tested
                # elsewhere); the index keeps every category and tag its own page.
                category=section_name(index, value),
                tags=[f"Topic {index} {value}", "plain"],
                summary=value,
                dateline=value,
                image="images/photo.png",
                image_alt=value,
                image_caption=value,
                image_credit=value,
                canonical=MARKUP_URL if index == 0 else None,
                source={
                    "name": value,
                    "url": MARKUP_URL,
                    "title": value,
                    "author": value,
                    "relation": "rewritten",
                },
                corrections=[{"date": "2026-11-01", "text": value}],
            ),
            body=f"Body of hostile article {index}.",
        )
        site.add_page(slug, {"title": value, "summary": value, "slug": slug})
        pages[text_url(index)] = value
        pages[f"{slug}/"] = value
    for index, (_, value) in enumerate(BODY_PAYLOADS.items()):
        slug = body_slug(index)
        site.add_article(
            slug,
            article(title=f"Body payload {index}", slug=slug, date=_date(-1 - index)),
            body=f"Before the payload.\n\n{value}\n\nAfter the payload.",
        )
    return pages


def plugins_without_lint() -> list[str]:
    """The payloads are also lint errors (duplicate bodies, javascript: links) and the lint
    would stop the build before anything is written. These tests check the next line of
    defence: what the renderer does with such input when it does get through."""
    return [name for name in load_settings(SETTINGS)["PLUGINS"] if name != "content_lint"]
