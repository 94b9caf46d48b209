"""A seeded synthetic corpus for the build benchmark, written three times: in our front-matter
contract (YAML, author profiles), in Pelican's native Markdown metadata for a vanilla Pelican
baseline, and as a Hugo site (hugo_site/: its settings and our minimal layouts) for a Hugo
baseline. Same seed → byte-identical files.

The prose is generated filler from a small built-in word list, never real text.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import yaml

# Filler vocabulary: plain words only, so Markdown and typogrify see ordinary prose.
WORDS = [
    "harbour",
    "council",
    "ferry",
    "lantern",
    "heron",
    "market",
    "bridge",
    "village",
    "river",
    "meadow",
    "orchard",
    "winter",
    "summer",
    "timetable",
    "budget",
    "library",
    "school",
    "bakery",
    "quay",
    "street",
    "festival",
    "choir",
    "tide",
    "mill",
    "lane",
    "station",
    "tram",
    "museum",
    "garden",
    "square",
    "tower",
    "harvest",
    "field",
    "valley",
    "road",
    "night",
    "morning",
    "evening",
    "plan",
    "vote",
    "report",
    "study",
    "record",
    "season",
    "crowd",
    "visitor",
    "resident",
    "shop",
    "office",
    "hall",
    "park",
    "path",
    "boat",
    "pier",
    "storm",
    "rain",
    "sun",
    "wind",
    "snow",
    "frost",
    "lamp",
    "bell",
    "clock",
    "window",
    "door",
    "roof",
    "wall",
    "stone",
    "wooden",
    "quiet",
    "busy",
    "early",
    "late",
    "new",
    "old",
    "small",
    "large",
    "bright",
    "green",
    "grey",
    "blue",
    "narrow",
    "wide",
    "local",
    "regional",
    "public",
    "private",
    "careful",
    "open",
    "closed",
    "steady",
    "sudden",
    "gentle",
    "said",
    "agreed",
    "asked",
    "noted",
    "added",
    "opened",
    "closed",
    "moved",
    "counted",
    "planned",
    "built",
    "painted",
    "mended",
    "carried",
    "reached",
    "crossed",
    "watched",
    "kept",
    "found",
    "gave",
    "took",
    "made",
    "held",
    "began",
    "waited",
    "listened",
    "spoke",
    "and",
    "the",
    "a",
    "of",
    "to",
    "in",
    "on",
    "for",
    "with",
    "by",
    "from",
    "at",
    "over",
    "under",
    "after",
    "before",
    "near",
    "along",
    "between",
]
CONNECTORS = ("however", "meanwhile", "later", "still", "even so", "by then", "in turn")
FIRST_NAMES = [
    "Ada",
    "Bram",
    "Cleo",
    "Dario",
    "Elin",
    "Femi",
    "Greta",
    "Hugo",
    "Ines",
    "Jory",
    "Kaia",
    "Lior",
    "Mira",
    "Nilo",
    "Orla",
    "Pavo",
    "Quin",
    "Rhea",
    "Sami",
    "Tove",
]
LAST_NAMES = [
    "Lane",
    "Moor",
    "Vale",
    "Birch",
    "Hollow",
    "Reed",
    "Marsh",
    "Fenn",
    "Brook",
    "Thorne",
    "Wick",
    "Dale",
]
CATEGORIES = (
    "Local",
    "World",
    "Business",
    "Politics",
    "Culture",
    "Sport",
    "Science",
    "Health",
    "Education",
    "Environment",
    "Transport",
    "Opinion",
)
OUTLETS = ("Harbour Herald", "Valley Courier", "Marsh Gazette", "Tideline Wire", "Quay Post")
RELATIONS = ("republished", "rewritten", "based-on")
# The Hugo site's settings and layouts, copied into every corpus beside its articles.
HUGO_SITE = Path(__file__).resolve().parent / "hugo_site"
IMAGE_COUNT = 8  # shared across the articles that carry an image, to keep the corpus small
BUILD_TIME = "2026-01-01T12:00:00+00:00"  # after every generated date: nothing is scheduled


def our_settings(content: Path) -> dict:
    """Overrides of our site's settings for building the corpus in `content`."""
    return {"PATH": str(content), "BUILD_TIME": BUILD_TIME, "SECTIONS": list(CATEGORIES)}


FIRST_DATE = datetime(2016, 1, 1, 6, 0)
LAST_DATE = datetime(2025, 12, 31, 6, 0)


@dataclass(frozen=True)
class CorpusSpec:
    articles: int
    authors: int = 40
    categories: int = 12
    tags: int = 300
    words_per_article: int = 600
    source_share: float = 0.10
    correction_share: float = 0.02
    image_share: float = 0.05
    seed: int = 20260101


@dataclass(frozen=True)
class Corpus:
    """Where one generated corpus lives: `ours` and `vanilla` are Pelican PATHs, `hugo` is a
    Hugo site folder (its `--source`)."""

    root: Path
    ours: Path
    vanilla: Path
    hugo: Path
    spec: CorpusSpec

    def articles_folder(self, flavour: str) -> Path:
        if flavour == "hugo":
            return self.hugo / "content" / "articles"
        return (self.ours if flavour == "ours" else self.vanilla) / "articles"

    def article_paths(self, flavour: str) -> list[Path]:
        return sorted(self.articles_folder(flavour).glob("*.md"))


def generate(spec: CorpusSpec, root: Path) -> Corpus:
    """Write the corpus under `root` (replacing what was there) and return where it is."""
    root = Path(root)
    corpus = Corpus(root, root / "ours", root / "vanilla", root / "hugo", spec)
    for folder in (corpus.ours, corpus.vanilla, corpus.hugo):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(HUGO_SITE, corpus.hugo)
    for flavour in ("ours", "vanilla", "hugo"):
        corpus.articles_folder(flavour).mkdir(parents=True)
    rng = random.Random(spec.seed)
    authors = _authors(spec, rng)
    tags = _tags(spec, rng)
    categories = CATEGORIES[: spec.categories]
    _write_images(corpus.ours / "images", spec.seed)
    shutil.copytree(corpus.ours / "images", corpus.vanilla / "images")
    # Vanilla copies images/ as static files; Hugo copies static/ to the output as it is.
    shutil.copytree(corpus.ours / "images", corpus.hugo / "static" / "images")
    for slug, profile in authors.items():
        _write(corpus.ours / "authors" / f"{slug}.md", profile["front"], profile["bio"])
    for number in range(1, spec.articles + 1):
        article = _article(number, spec, rng, authors, categories, tags)
        name = f"a{number:06d}.md"
        _write(corpus.ours / "articles" / name, article["front"], article["body"])
        (corpus.vanilla / "articles" / name).write_text(
            _vanilla_document(article, authors), encoding="utf-8"
        )
        _write(
            corpus.articles_folder("hugo") / name, _hugo_front(article, authors), article["body"]
        )
    return corpus


def edit_article(path: Path, note: str) -> None:
    """The benchmark's one-article edit: append a sentence to the body."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nAn editor added this line to the story: {note}.\n")


def _sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.15:
        words.insert(0, rng.choice(CONNECTORS) + ",")
    text = " ".join(words)
    ending = "?" if rng.random() < 0.05 else "."
    return text[0].upper() + text[1:] + ending


def _body(rng: random.Random, words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.1:
            paragraph = f'"{paragraph}" a resident said -- twice.'
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        if len(paragraphs) == 3:
            paragraphs.append("## " + _sentence(rng, 3, 6).rstrip(".?"))
    return "\n\n".join(paragraphs)


def _authors(spec: CorpusSpec, rng: random.Random) -> dict[str, dict]:
    authors = {}
    for index in range(spec.authors):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index // len(FIRST_NAMES) + index) % len(LAST_NAMES)]
        name = f"{first} {last}"
        slug = f"{first}-{last}-{index}".lower()
        front = {"name": name, "role": rng.choice(["Reporter", "Editor", "Correspondent"])}
        if index % 4 == 0:
            front["links"] = {"website": f"https://{slug}.example"}
        authors[slug] = {"name": name, "front": front, "bio": _sentence(rng) + " " + _sentence(rng)}
    return authors


def _tags(spec: CorpusSpec, rng: random.Random) -> list[str]:
    pairs = sorted({f"{a} {b}" for a in WORDS[:60] for b in WORDS[:60] if a != b})
    return rng.sample(pairs, spec.tags)


def _article(number, spec, rng, authors, categories, tags) -> dict:
    span = (LAST_DATE - FIRST_DATE).total_seconds()
    offset = span * (number - 1) / max(spec.articles - 1, 1) + rng.randint(0, 3600)
    date = min(FIRST_DATE + timedelta(seconds=offset), LAST_DATE)
    title = _sentence(rng, 4, 8).rstrip(".?") + f" ({number})"
    front = {
        "title": title,
        "date": date.strftime("%Y-%m-%dT%H:%M:%S"),
        "authors": rng.sample(sorted(authors), rng.choice([1, 1, 1, 2])),
        "category": rng.choice(categories),
        "tags": rng.sample(tags, rng.randint(2, 5)),
        "summary": _sentence(rng, 12, 20),
    }
    if rng.random() < spec.image_share:
        front["image"] = f"images/bench-{rng.randrange(IMAGE_COUNT)}.jpg"
        front["image_alt"] = _sentence(rng, 4, 8)
    if rng.random() < spec.source_share:
        outlet = rng.choice(OUTLETS)
        host = outlet.lower().replace(" ", "")
        front["source"] = {
            "name": outlet,
            "url": f"https://{host}.example/news/{number}",
            "relation": rng.choice(RELATIONS),
        }
    if rng.random() < spec.correction_share:
        fixed = (date + timedelta(days=1)).strftime("%Y-%m-%d")
        front["corrections"] = [{"date": fixed, "text": _sentence(rng)}]
    return {"front": front, "body": _body(rng, spec.words_per_article)}


def _vanilla_document(article: dict, authors: dict) -> str:
    front = article["front"]
    lines = [
        f"Title: {front['title']}",
        f"Date: {front['date'].replace('T', ' ')}",
        "Authors: " + ", ".join(authors[slug]["name"] for slug in front["authors"]),
        f"Category: {front['category']}",
        "Tags: " + ", ".join(front["tags"]),
        f"Summary: {front['summary']}",
    ]
    return "\n".join(lines) + "\n\n" + article["body"] + "\n"


def _hugo_front(article: dict, authors: dict) -> dict:
    """The article's front matter as Hugo reads it: each taxonomy is a list of names."""
    front = article["front"]
    return {
        "title": front["title"],
        "date": front["date"],  # no offset: read in hugo.toml's timeZone, as Pelican's TIMEZONE
        "categories": [front["category"]],
        "tags": front["tags"],
        "authors": [authors[slug]["name"] for slug in front["authors"]],
        "summary": front["summary"],
    }


def _write(path: Path, front: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{dumped}---\n{body}\n", encoding="utf-8")


def _write_images(folder: Path, seed: int) -> None:
    """Small deterministic JPEGs (gradients) and a logo big enough for Google's 112 px rule."""
    from PIL import Image  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    for index in range(IMAGE_COUNT):
        shade = (seed + index * 37) % 200
        image = Image.linear_gradient("L").resize((640, 400)).convert("RGB")
        tint = Image.new("RGB", image.size, (shade, 120, 255 - shade))
        Image.blend(image, tint, 0.5).save(folder / f"bench-{index}.jpg", quality=80)
    Image.new("RGB", (200, 200), (20, 60, 110)).save(folder / "logo.png")
