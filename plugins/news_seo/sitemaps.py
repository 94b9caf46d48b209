"""sitemap.xml (an index past 50,000 URLs), the Google News sitemap and robots.txt."""

from __future__ import annotations

from datetime import timedelta
from xml.sax.saxutils import escape

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
IMAGE_NS = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def url_entry(head) -> str:
    parts = [f"<url><loc>{escape(head.url)}</loc>"]
    if head.lastmod:
        parts.append(f"<lastmod>{escape(head.lastmod)}</lastmod>")
    for image_url in head.images:
        parts.append(f"<image:image><image:loc>{escape(image_url)}</image:loc></image:image>")
    parts.append("</url>")
    return "".join(parts)


def urlset(entries: list[str], extra_ns: str = "") -> str:
    ns = f"{SITEMAP_NS} {extra_ns}".strip()
    body = "\n".join(entries)
    return f"{HEADER}<urlset {ns}>\n{body}{chr(10) if body else ''}</urlset>\n"


def sitemap_files(heads: list, base: str, max_urls: int) -> dict[str, str]:
    """{file name: XML}. One urlset, or an index over numbered urlsets past `max_urls`."""
    entries = [url_entry(h) for h in sorted(heads, key=lambda h: h.url)]
    if len(entries) <= max_urls:
        return {"sitemap.xml": urlset(entries, IMAGE_NS)}
    files, refs = {}, []
    for number, part in enumerate(chunks(entries, max_urls), start=1):
        name = f"sitemap-{number}.xml"
        files[name] = urlset(part, IMAGE_NS)
        refs.append(f"<sitemap><loc>{escape(base)}/{name}</loc></sitemap>")
    index = "\n".join(refs)
    files["sitemap.xml"] = f"{HEADER}<sitemapindex {SITEMAP_NS}>\n{index}\n</sitemapindex>\n"
    return files


def news_articles(articles, now, window_hours: int) -> list:
    """Public, non-syndicated articles published within the window before `now`, newest first."""
    start = now - timedelta(hours=window_hours)
    recent = [
        a for a in articles if start <= a.date <= now and not getattr(a, "is_republished", False)
    ]
    return sorted(recent, key=lambda a: (a.date, a.url), reverse=True)


def news_entry(article, url: str, publication: str, language: str) -> str:
    return (
        f"<url><loc>{escape(url)}</loc><news:news><news:publication>"
        f"<news:name>{escape(publication)}</news:name><news:language>{escape(language)}</news:language>"
        f"</news:publication><news:publication_date>{article.date.isoformat()}</news:publication_date>"
        f"<news:title>{escape(article.title)}</news:title></news:news></url>"
    )


def news_sitemap_files(entries: list[str], max_urls: int) -> dict[str, str]:
    """news-sitemap.xml, then news-sitemap-2.xml... at most `max_urls` each; empty is valid."""
    files = {}
    for number, part in enumerate(chunks(entries, max_urls), start=1):
        name = "news-sitemap.xml" if number == 1 else f"news-sitemap-{number}.xml"
        files[name] = urlset(part, NEWS_NS)
    return files


def robots_txt(base: str, sitemap_names: list[str]) -> str:
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {base}/{name}" for name in sitemap_names]
    return "\n".join(lines) + "\n"
