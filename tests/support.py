"""Helpers for tests: write a tiny site into a temp folder and build it like `invoke build`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import xmlschema
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
for entry in (ROOT, ROOT / "plugins"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from newsroom.build import BuildFailed, build, main  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"
# The official sitemap schemas (sitemaps.org 0.9, Google image 1.1 and news 0.9); each file
# names its source.
SCHEMAS = ROOT / "tests" / "schemas"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
# One clock for every test build: scheduled items and the news window agree.
BUILD_TIME = "2026-11-22T12:00:00+00:00"
# How the session's published sample is built: four articles per search shard, so the search
# page is tested merging several Pagefind bundles.
PUBLISHED_OVERRIDES = {"BUILD_TIME": BUILD_TIME, "READER_AIDS": {"SEARCH_SHARD_SIZE": 4}}

__all__ = [
    "BuildFailed",
    "build",
    "main",
    "Site",
    "article",
    "author",
    "soup",
    "unreferenced_images",
    "urlset_schema",
    "sitemap_index_schema",
]
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif", ".ico")
REFERRING_SUFFIXES = (".html", ".xml", ".json")


def article(**fields) -> dict:
    """Front matter for a valid article; override or drop (value None) any field."""
    base = {
        "title": "Ferry timetable approved",
        "date": "2026-11-02T18:30:00",
        "authors": ["ada-lane"],
        "category": "Local",
        "summary": "Councillors backed the winter ferry timetable by nine votes to two.",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def author(**fields) -> dict:
    base = {"name": "Ada Lane", "role": "Reporter"}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


class Site:
    """A content folder in tmp_path with an author, the logo, and files you add."""

    def __init__(self, tmp_path: Path):
        self.root = tmp_path
        self.content = tmp_path / "content"
        self.output = tmp_path / "output"
        (self.content / "images").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "images" / "logo.png", self.content / "images" / "logo.png")
        self.add_author("ada-lane", author())

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def add_article(self, name: str, front_matter: dict, body: str = "Body text.") -> Path:
        return self.write(f"articles/{name}.md", document(front_matter, body))

    def add_author(
        self, slug: str, front_matter: dict, bio: str = "Writes about the town."
    ) -> Path:
        return self.write(f"authors/{slug}.md", document(front_matter, bio))

    def add_page(self, name: str, front_matter: dict, body: str = "Page text.") -> Path:
        """A page; `modified` (its sitemap lastmod, required) defaults to a fixed date; pass
        `modified=None` in `front_matter` to leave it out."""
        front_matter = dict(front_matter)
        front_matter.setdefault("modified", "2026-11-01T09:00:00")
        front_matter = {k: v for k, v in front_matter.items() if v is not None}
        return self.write(f"pages/{name}.md", document(front_matter, body))

    def settings(self, **overrides) -> dict:
        base = {"PATH": str(self.content), "BUILD_TIME": BUILD_TIME}
        base.update(overrides)
        return base

    def build(self, settings_file: Path = SETTINGS, **overrides):
        return build(settings_file, self.output, self.settings(**overrides))

    def page(self, url: str) -> BeautifulSoup:
        return soup(self.output, url)


def files_in(folder: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file below `folder` by its POSIX path relative to it, with its bytes; files whose
    suffix is in `leave_out` are left out."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and path.suffix not in leave_out
    }


def document(front_matter: dict, body: str) -> str:
    """A content file's text: YAML front matter, then the body."""
    dumped = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True)
    return f"---\n{dumped}---\n{body}\n"


def front_matter(path: Path) -> dict:
    """The YAML front matter of the content file at `path`."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def sample_names(content: Path, documents) -> list[str]:
    """The title or author name each of `documents` (paths under `content`) shows."""
    names = []
    for name in documents:
        meta = front_matter(content / name)
        names.append(meta.get("title") or meta["name"])
    return names


def soup(output: Path, url: str) -> BeautifulSoup:
    path = output / url.strip("/")
    if path.is_dir() or url.endswith("/") or url == "":
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def unreferenced_images(output: Path) -> list[str]:
    """Every image file under `output` whose output-relative path no HTML, XML or JSON file of
    `output` mentions (pages, feeds, sitemaps, manifests): each is published for nobody."""
    files = sorted(p for p in output.rglob("*") if p.is_file())
    text = "\n".join(p.read_text(encoding="utf-8") for p in files if p.suffix in REFERRING_SUFFIXES)
    images = [p.relative_to(output).as_posix() for p in files if p.suffix.lower() in IMAGE_SUFFIXES]
    return [image for image in images if f"/{image}" not in text]


def urlset_schema() -> xmlschema.XMLSchema:
    """sitemaps.org's urlset schema with Google's image and news extensions imported: every
    `<url>` child from another namespace is validated strictly against its own schema."""
    schema = xmlschema.XMLSchema(str(SCHEMAS / "sitemap.xsd"), build=False)
    schema.import_schema(
        "http://www.google.com/schemas/sitemap-image/1.1", str(SCHEMAS / "sitemap-image.xsd")
    )
    schema.import_schema(
        "http://www.google.com/schemas/sitemap-news/0.9", str(SCHEMAS / "sitemap-news.xsd")
    )
    schema.build()
    return schema


def sitemap_index_schema() -> xmlschema.XMLSchema:
    """sitemaps.org's sitemap index schema (its own file: it redeclares the urlset types)."""
    return xmlschema.XMLSchema(str(SCHEMAS / "siteindex.xsd"))
