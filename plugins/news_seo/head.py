"""Everything a page's <head> says to search engines and social sites, as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

from newsroom_core.jsonld import dumps_for_script
from newsroom_core.schema import as_datetime

from . import graph
from .pages import PageInfo

_TAGS = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.S)


@dataclass
class SeoHead:
    title: str
    description: str
    canonical: str
    robots: str
    url: str  # this page's own absolute URL
    lastmod: str = ""
    verification: list = field(default_factory=list)
    feeds: list = field(default_factory=list)
    prev_url: str = ""
    next_url: str = ""
    open_graph: list = field(default_factory=list)
    twitter: list = field(default_factory=list)
    json_ld: str = ""
    graph: dict = field(default_factory=dict)
    images: list = field(default_factory=list)  # lead image URLs for the image sitemap
    author: str = ""  # <meta name="author">: the byline, on article pages

    @property
    def indexable(self) -> bool:
        return "noindex" not in self.robots and self.canonical == self.url


def plain(text: str) -> str:
    return " ".join(unescape(_TAGS.sub(" ", text or "")).split())


def describe(obj, site: dict) -> str:
    """Meta description, in this order: `summary` → first paragraph of the body → the site's
    description."""
    summary = plain(getattr(obj, "summary", "") or "") if obj is not None else ""
    if summary and "summary" in getattr(obj, "metadata", {}):
        return summary
    content = getattr(obj, "_content", "") if obj is not None else ""
    match = _PARAGRAPH.search(content or "")
    if match and plain(match.group(1)):
        return _clip(plain(match.group(1)), 160)
    return site["description"]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def build_head(info: PageInfo, ctx, site: dict, cfg: dict) -> SeoHead:
    url = f"{site['base']}/{info.url}"
    title, description, og_type = _identity(info, site)
    head = SeoHead(
        title=cfg["TITLE_PATTERN"].format(title=title, site=site["name"])
        if info.kind != "home" or info.page_number > 1
        else f"{site['name']}: {site['description']}",
        description=description,
        canonical=url,
        robots=cfg["ROBOTS"],
        url=url,
        verification=sorted(cfg["VERIFICATION"].items()),
    )
    _apply_policy(head, info, site)
    if info.kind == "404":
        # The 404 page is nobody's page to share or index: no canonical, Open Graph, Twitter
        # card or JSON-LD; only its title, description and robots.
        head.canonical = ""
        return head
    _pagination(head, ctx, site)
    head.feeds = _feeds(info, ctx, site)
    image = _og_image(info, site)
    head.open_graph = _open_graph(head, info, title, og_type, image, site, cfg)
    head.twitter = _twitter(info, image, site)
    head.graph = _graph(head, info, title, site, cfg, image)
    head.json_ld = dumps_for_script(head.graph)
    head.lastmod = _lastmod(info, ctx)
    if info.kind == "article" and getattr(info.obj, "lead_image", None):
        head.images = [image["url"]]
    if info.kind == "article":
        head.author = byline(info.obj)
    return head


def byline(article) -> str:
    """Every byline author's name, as the page's byline lists them."""
    return ", ".join(author.name for author in article.authors)


def _identity(info: PageInfo, site):
    """Title, description and og:type; a list's second and later pages say their number (a
    paginated author, section or tag front would otherwise repeat page one's title)."""
    title, description, og_type = _first_page_identity(info, site)
    if info.page_number > 1:
        title = f"{title}, page {info.page_number}"
        description = f"{description} Page {info.page_number}."
    return title, description, og_type


def _first_page_identity(info: PageInfo, site):
    obj, kind = info.obj, info.kind
    if kind in ("article", "page"):
        return obj.title, describe(obj, site), "article" if kind == "article" else "website"
    if kind == "author":
        profile = getattr(obj, "profile", None)
        role = f", {profile.role}" if profile and profile.role else ""
        bio = plain(profile.bio_lead_html) if profile else ""
        return obj.name, _clip(bio, 160) or f"Articles by {obj.name}{role}.", "profile"
    if kind == "category":
        # The section's description from SECTIONS, or a sentence naming it.
        fallback = f"Latest {obj.name} news from {site['name']}."
        described = getattr(obj, "description", "") or fallback
        return obj.name, described, "website"
    if kind == "tag":
        return f"Topic: {obj.name}", f"Articles about {obj.name} from {site['name']}.", "website"
    if kind == "archive":
        label = " ".join(str(p) for p in reversed(obj))
        return f"Archive {label}", f"Everything {site['name']} published in {label}.", "website"
    name = site["name"]
    listings = {
        "home": (name, site["description"]),
        "authors": ("Our authors", f"Every reporter and editor writing for {name}."),
        "sources": ("Sources we credit", f"Every outlet whose reporting {name} has credited."),
        "archives": ("Archives", f"Every article {name} has published, by date."),
        "categories": ("Sections", f"The sections of {name}."),
        "tags": ("Topics", f"Every topic {name} covers."),
        "404": ("Page not found", f"This page does not exist on {name}."),
        "corrections": ("Corrections", f"Every correction {name} has published, newest first."),
        "search": ("Search", f"Search every article published by {name}."),
    }
    title, description = listings.get(kind, (kind.title(), site["description"]))
    return title, description, "website"


def _apply_policy(head: SeoHead, info: PageInfo, site):
    """Robots and canonical: drafts, 404, withdrawn stories and syndicated copies per
    SYNDICATION_POLICY."""
    obj = info.obj
    if info.kind == "404" or getattr(obj, "status", "published") == "draft":
        head.robots = "noindex, nofollow"
        return
    if getattr(obj, "withdrawn", None):  # the notice answers old links; search forgets it
        head.robots = "noindex, follow"
        return
    if info.kind == "article":
        if getattr(obj, "canonical", None):
            head.canonical = obj.canonical
        policy = getattr(obj, "syndication_policy", "none")
        if policy == "noindex":
            head.robots = "noindex, follow"
        elif policy == "canonical":
            head.canonical = obj.original_url


def _pagination(head, ctx, site):
    page = ctx.get("articles_page")
    if not page:
        return
    if page.has_previous():
        head.prev_url = f"{site['base']}/{ctx['articles_previous_page'].url}"
    if page.has_next():
        head.next_url = f"{site['base']}/{ctx['articles_next_page'].url}"


def _feeds(info, ctx, site):
    feeds = []
    if site.get("feed_all"):
        feeds.append(
            {"title": f"{site['name']}: all articles", "href": f"{site['base']}/{site['feed_all']}"}
        )
    category = getattr(info.obj, "category", None) if info.kind == "article" else None
    if info.kind == "category":
        category = info.obj
    if category is not None and site.get("feed_category"):
        href = site["feed_category"].format(slug=category.slug)
        feeds.append(
            {"title": f"{site['name']}: {category.name}", "href": f"{site['base']}/{href}"}
        )
    if info.kind == "author" and site.get("feed_author"):
        href = site["feed_author"].format(slug=info.obj.slug)
        feeds.append(
            {"title": f"{site['name']}: {info.obj.name}", "href": f"{site['base']}/{href}"}
        )
    return feeds


def _og_image(info, site):
    """og:image: the article's 1200x630 crop or social card (images plugin) → the author photo
    → the site logo."""
    obj = info.obj
    og = getattr(obj, "og_image", None) if obj is not None else None
    if og:
        alt = getattr(obj, "image_alt", None) or obj.title
        return {
            "url": f"{site['base']}/{og['url']}",
            "width": og["width"],
            "height": og["height"],
            "alt": alt,
            "large": True,
        }
    photo = graph.author_photo(obj) if info.kind == "author" else None
    if photo:
        return {
            "url": f"{site['base']}/{photo['url']}",
            "width": photo["width"],
            "height": photo["height"],
            "alt": obj.profile.photo_alt,
            "large": False,
        }
    logo = site["logo"]
    return {**logo, "alt": f"{site['name']} logo", "large": False}


def _absolute_shapes(obj, site) -> list[dict]:
    """The content's search shapes (16x9, 4x3, 1x1) with absolute URLs; [] without them."""
    return [
        {"url": f"{site['base']}/{s['url']}", "width": s["width"], "height": s["height"]}
        for s in getattr(obj, "search_images", None) or []
    ]


def _open_graph(head, info, title, og_type, image, site, cfg):
    # og:image: the 1200x630 image first (what social sites show), then the search shapes.
    shapes = _absolute_shapes(info.obj, site) if info.kind in ("article", "page") else []
    tags = [
        ("og:site_name", site["name"]),
        ("og:type", og_type),
        ("og:title", title),
        ("og:description", head.description),
        ("og:url", head.canonical),
    ]
    for shown in [image, *shapes]:
        tags += [
            ("og:image", shown["url"]),
            ("og:image:width", str(shown["width"])),
            ("og:image:height", str(shown["height"])),
            ("og:image:alt", image["alt"]),
        ]
    tags.append(("og:locale", cfg["LOCALE"]))
    if info.kind == "article":
        article = info.obj
        modified = getattr(article, "modified", None) or article.date
        tags += [
            ("article:published_time", article.date.isoformat()),
            ("article:modified_time", modified.isoformat()),
            ("article:section", article.category.name),
        ]
        tags += [("article:tag", tag.name) for tag in getattr(article, "tags", [])]
        tags += [("article:author", f"{site['base']}/{a.url}") for a in article.authors]
    if info.kind == "author":
        tags.append(("profile:username", info.obj.slug))
    return tags


def _twitter(info, image, site):
    tags = [("twitter:card", "summary_large_image" if image.get("large") else "summary")]
    if site.get("twitter_site"):
        tags.append(("twitter:site", site["twitter_site"]))
    authors = getattr(info.obj, "authors", []) if info.kind == "article" else []
    if info.kind == "author":
        authors = [info.obj]
    handle = _x_handle(authors[0]) if authors else ""
    if handle:
        tags.append(("twitter:creator", handle))
    tags.append(("twitter:image", image["url"]))
    tags.append(("twitter:image:alt", image["alt"]))
    if info.kind == "article":
        # Yoast's two labelled rows, shown by Slack and other unfurlers.
        tags += [("twitter:label1", "Written by"), ("twitter:data1", byline(info.obj))]
        minutes = getattr(info.obj, "reading_minutes", None)  # reader_aids; absent without it
        if minutes:
            unit = "minute" if minutes == 1 else "minutes"
            tags += [
                ("twitter:label2", "Est. reading time"),
                ("twitter:data2", f"{minutes} {unit}"),
            ]
    return tags


def _x_handle(author) -> str:
    profile = getattr(author, "profile", None)
    url = profile.links.get("x", "") if profile else ""
    match = re.match(r"https?://(?:www\.)?(?:x|twitter)\.com/@?([A-Za-z0-9_]{1,15})/?$", url)
    return f"@{match.group(1)}" if match else ""


def _graph(head, info, title, site, cfg, image):
    nodes = [graph.website(site), graph.organization(site)]
    url = head.url
    home = (site["name"], f"{site['base']}/")
    kind, obj = info.kind, info.obj
    if kind == "article":
        trail = [home, (obj.category.name, f"{site['base']}/{obj.category.url}"), (title, url)]
        # image: the 16x9, 4x3 and 1x1 shapes (images plugin) -> the og:image alone.
        images = [{"@type": "ImageObject", **shape} for shape in _absolute_shapes(obj, site)] or [
            {
                "@type": "ImageObject",
                "url": image["url"],
                "width": image["width"],
                "height": image["height"],
            }
        ]
        nodes.append(graph.webpage("WebPage", url, title, site, description=head.description))
        nodes.append(graph.news_article(obj, url, head.description, images, site, cfg))
        nodes += [graph.person(a, site) for a in obj.authors]
    elif kind == "author":
        trail = [home, ("Authors", f"{site['base']}/authors/"), (obj.name, url)]
        person = graph.person(obj, site)
        profile = getattr(obj, "profile", None)
        if profile:
            person["description"] = plain(profile.bio_lead_html)
        nodes.append(
            graph.webpage(
                "ProfilePage",
                url,
                title,
                site,
                description=head.description,
                extra={"mainEntity": {"@id": person["@id"]}},
            )
        )
        nodes.append(person)
    else:
        trail = [home] if kind == "home" else [home, (title, url)]
        page_type = "WebPage" if kind == "page" else "CollectionPage"
        nodes.append(graph.webpage(page_type, url, title, site, description=head.description))
    nodes.append(graph.breadcrumbs(url, trail))
    return {"@context": "https://schema.org", "@graph": nodes}


def _lastmod(info, ctx) -> str:
    """The sitemap's lastmod: when what this page shows last changed. By page kind:
    article: `modified` -> `date`;
    page: `modified` (a build error without it on an indexable page: `_check`);
    author: the newest of the stories on the page (`modified` -> `date`) and the profile's
        `modified` (a new hire with no story yet needs the profile's `modified`);
    corrections: the newest correction or withdrawal date it lists;
    sources: the newest credited story it lists (`modified` -> `date`);
    other lists (home, section, tag, archives): the newest story on the page; pages that
        list no stories but stand for all of them (search, authors, sections, topics
        indexes): the site's newest story. A page showing nothing dated has none."""
    obj, kind = info.obj, info.kind
    if kind in ("article", "page"):
        stamp = getattr(obj, "modified", None) or getattr(obj, "date", None)
        return stamp.isoformat() if stamp else ""
    if kind == "corrections":
        shown = [c.date for c in ctx.get("corrections_list") or []]
        shown += [w.withdrawn["date"] for w in ctx.get("withdrawals_list") or []]
        newest = max((as_datetime(d) for d in shown), default=None)
        return newest.date().isoformat() if newest else ""
    if kind == "sources":
        items = [a for outlet in ctx.get("outlets") or [] for a in outlet.articles]
    elif ctx.get("articles_page"):
        items = list(ctx["articles_page"].object_list)
    else:
        items = list(ctx.get("dates") or [])[:1]
    dates = [getattr(a, "modified", None) or a.date for a in items]
    profile = getattr(obj, "profile", None) if kind == "author" else None
    if profile is not None and profile.modified:
        dates.append(profile.modified)
    return max(dates).isoformat() if dates else ""
