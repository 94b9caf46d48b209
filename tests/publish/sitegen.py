"""A small built site, written by the tests themselves (not the real build): a few pages that
link to each other, a stylesheet, an image, a 404 page, a draft and a sitemap."""

from __future__ import annotations

from pathlib import Path

SITE_URL = "https://harbour-gazette.example"

FILLER = (
    "<p>The Harbour Gazette is a made-up paper for a made-up town, written for tests. "
    "Its ferries run on time, its library never closes early, and its council agrees on "
    "everything within minutes. None of this has ever happened anywhere.</p>"
)


def page(title: str, body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<link rel="stylesheet" href="/theme/site.css">\n'
        f"{head}</head>\n<body>\n<main>\n<h1>{title}</h1>\n{body}\n{FILLER}\n</main>\n"
        "</body>\n</html>\n"
    )


def sitemap(paths) -> str:
    urls = "".join(f"<url><loc>{SITE_URL}{p}</loc></url>\n" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def site_files(ferry_text: str = "The first ferry leaves at seven.") -> dict[str, str | bytes]:
    """relative path -> content; `ferry_text` is the one article the tests edit."""
    return {
        "index.html": page(
            "Harbour Gazette",
            '<a href="/news/ferry/">Ferry</a> <a href="news/library/">Library</a> '
            f'<a href="{SITE_URL}/about/">About</a> <a href="https://elsewhere.example/">x</a> '
            '<img src="/images/dot.svg" srcset="/images/dot.svg 1x, images/dot.svg 2x" alt="">',
        ),
        "news/ferry/index.html": page(
            "Ferry timetable", f'<p class="story">{ferry_text}</p><a href="../library/">More</a>'
        ),
        "news/library/index.html": page("Library hours", '<a href="/">Home</a>'),
        "about/index.html": page("About", '<a href="/news/ferry/">Ferry</a>'),
        "404.html": page("Not found", '<a href="/">Home</a>'),
        "drafts/budget/index.html": page(
            "Budget", "<p>Unfinished.</p>", '<meta name="robots" content="noindex">\n'
        ),
        "theme/site.css": "body { font: 1rem/1.5 serif; margin: 0 auto; max-width: 40rem; }\n" * 8
        + "h1 { background: url(../images/dot.svg) no-repeat; }\n",
        "images/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
        "sitemap.xml": sitemap(["/", "/news/ferry/", "/news/library/", "/about/"]),
    }


def write_site(root: Path, files: dict | None = None) -> Path:
    for relpath, content in (site_files() if files is None else files).items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` (following a `current` symlink) -> its bytes."""
    root = Path(root).resolve()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
