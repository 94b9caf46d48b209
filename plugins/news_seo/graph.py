"""The JSON-LD @graph: Python dicts, linked by @id, serialised once by the caller."""

from __future__ import annotations

from newsroom_core.schema import as_datetime


def ids(base: str) -> dict:
    return {"website": f"{base}/#website", "organization": f"{base}/#organization"}


def website(site: dict) -> dict:
    node = {
        "@type": "WebSite",
        "@id": ids(site["base"])["website"],
        "url": f"{site['base']}/",
        "name": site["name"],
        "description": site["description"],
        "inLanguage": site["lang"],
        "publisher": {"@id": ids(site["base"])["organization"]},
    }
    if site.get("search_url"):
        node["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": site["search_url"]},
            "query-input": "required name=search_term_string",
        }
    return node


def organization(site: dict) -> dict:
    logo = site["logo"]
    return {
        "@type": "NewsMediaOrganization",
        "@id": ids(site["base"])["organization"],
        "name": site["name"],
        "url": f"{site['base']}/",
        "logo": {
            "@type": "ImageObject",
            "@id": f"{site['base']}/#logo",
            "url": logo["url"],
            "width": logo["width"],
            "height": logo["height"],
        },
        "sameAs": site["same_as"],
    }


def person(author, site: dict) -> dict:
    """The one Person shape, shared by article bylines and author pages."""
    profile = getattr(author, "profile", None)
    url = f"{site['base']}/{author.url}"
    node = {"@type": "Person", "@id": f"{url}#person", "name": author.name, "url": url}
    if profile:
        node["jobTitle"] = profile.role
        node["sameAs"] = [u for kind, u in profile.links.items() if kind != "email"]
        photo = author_photo(author)
        if photo:
            node["image"] = f"{site['base']}/{photo['url']}"
    return node


def author_photo(author):
    """The square avatar from the images plugin, else the photo author_profiles copied."""
    return getattr(author, "avatar", None) or getattr(author, "profile_photo", None)


def webpage(page_type: str, url: str, name: str, site: dict, *, description="", extra=None):
    node = {
        "@type": page_type,
        "@id": f"{url}#webpage",
        "url": url,
        "name": name,
        "description": description,
        "isPartOf": {"@id": ids(site["base"])["website"]},
        "inLanguage": site["lang"],
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    node.update(extra or {})
    return node


def breadcrumbs(url: str, trail: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "@id": f"{url}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": item_url}
            for i, (name, item_url) in enumerate(trail, start=1)
        ],
    }


def news_article(article, url: str, description: str, images: list, site: dict, cfg) -> dict:
    """NewsArticle (or the subtype in `article_type`) with every byline author."""
    headline = article.title
    if len(headline) > cfg["HEADLINE_MAX"]:
        headline = headline[: cfg["HEADLINE_MAX"] - 1].rstrip() + "…"
    modified = getattr(article, "modified", None) or article.date
    node = {
        "@type": getattr(article, "article_type", None) or "NewsArticle",
        "@id": f"{url}#article",
        "headline": headline,
        "description": description,
        "url": url,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [{"@id": person(a, site)["@id"]} for a in article.authors],
        "publisher": {"@id": ids(site["base"])["organization"]},
        "image": images,
        "mainEntityOfPage": {"@id": f"{url}#webpage"},
        "isPartOf": {"@id": f"{url}#webpage"},
        "articleSection": article.category.name,
        "wordCount": getattr(article, "word_count", None),  # reader_aids; dropped without it
        "copyrightYear": article.date.year,
        "copyrightHolder": {"@id": ids(site["base"])["organization"]},
        "keywords": [t.name for t in getattr(article, "tags", [])],
        "inLanguage": site["lang"],
        "isBasedOn": [based_on(c) for c in getattr(article, "credits", [])],
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": c["text"],
                "datePublished": as_datetime(c["date"]).date().isoformat(),
            }
            for c in getattr(article, "corrections", None) or []
        ],
    }
    return node


def based_on(credit) -> dict:
    """The original work. Its `name` is its own headline (`source.title`) or, without one,
    left out: the outlet's name is the publisher's, not the work's."""
    node = {
        "@type": "NewsArticle" if credit.relation == "republished" else "CreativeWork",
        "url": credit.url,
        "name": credit.title,
        "publisher": {"@type": "Organization", "name": credit.name, "url": _origin(credit.url)},
    }
    if credit.author:
        node["author"] = {"@type": "Person", "name": credit.author}
    if credit.date:
        node["datePublished"] = credit.date.isoformat()
    return node


def _origin(url: str) -> str:
    from urllib.parse import urlsplit  # noqa: PLC0415

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"
