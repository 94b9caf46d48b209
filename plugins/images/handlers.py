"""Pelican signal handlers: run the pure image functions through the cache, publish the
outputs under OUTPUT_PATH/images/, and attach plain data to articles, pages and authors.

Files are written as soon as they are produced (during `article_generator_finalized` and
friends): Pelican has already cleaned the output folder by then, the names carry a hash so an
existing file is never rewritten, and no list of pending writes has to survive between signals.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.generators import StaticGenerator

from newsroom_core.contents import DERIVED_FIELDS_SETTING
from newsroom_core.links import shown
from newsroom_core.output import final_output_path, is_kept, keep_in_place
from newsroom_core.parallel import fork_pool, worker_count
from newsroom_core.settings import cache_dir, project_path
from newsroom_core.visibility import has_own_files

from . import cards, markup, processing
from .cache import ImageCache, cache_key, file_digest
from .errors import ImageError, ImageErrors
from .settings import resolve

logger = logging.getLogger(__name__)
CARDS_PER_TASK = 16


class Build:
    """State of one build; Pelican gives plugins no per-build object, so `initialized` resets it."""

    def __init__(self, pelican_settings=None, output_path="output"):
        pelican_settings = pelican_settings or {"PATH": "content", "SITEURL": "", "SITENAME": ""}
        self.settings = resolve(pelican_settings.get("IMAGES"))
        self.content_root = Path(pelican_settings["PATH"]).resolve()
        self.project_root = self.content_root.parent
        configured = self.settings["cache_dir"]
        folder = project_path(pelican_settings, configured) if configured else None
        self.cache = ImageCache(folder or cache_dir(pelican_settings) / "images")
        self.output_dir = Path(output_path) / self.settings["output_dir"]
        # newsroom.build builds into staging: the same files from the last build are linked.
        final = final_output_path(pelican_settings)
        self.previous_dir = final / self.settings["output_dir"] if final else None
        self.base_url = pelican_settings.get("SITEURL", "").rstrip("/")
        self.site_name = pelican_settings.get("SITENAME", "")
        self.errors: list[ImageError] = []
        self.pelican_settings = pelican_settings
        self.processed_sources: set[Path] = set()
        # Images named by content this build writes nothing for (a publish build's drafts and
        # scheduled stories): no rendition, crop or card is made, and the original stays out.
        self.withheld_sources: set[Path] = set()
        self.seen_content: set[int] = set()
        self.card_jobs: dict[int, tuple] = {}  # id(content) -> card_job(content), made once

    def display(self, path) -> str:
        """A path as the user typed it in errors: relative to the project folder."""
        return os.path.relpath(Path(path).resolve(), self.project_root)


BUILD = Build()


def stats() -> dict:
    """Encodes performed and outputs served from the cache in the current build."""
    return {"encodes": BUILD.cache.encodes, "cache_hits": BUILD.cache.hits}


def collected_errors() -> list[ImageError]:
    return list(BUILD.errors)


# --- signal handlers ---------------------------------------------------------------------


# Made in enrich_content from the lead image, else the social card, and nothing else.
IMAGE_SOURCES = ["lead_image", "social_card"]
DERIVED_FIELDS = {"og_image": IMAGE_SOURCES, "search_images": IMAGE_SOURCES}


def on_initialized(pelican):
    global BUILD
    BUILD = Build(pelican.settings, pelican.output_path)
    declared = pelican.settings.setdefault(DERIVED_FIELDS_SETTING, {})
    if isinstance(declared, dict):  # else the page engine reports the setting
        declared.update(DERIVED_FIELDS)


def on_article_generator_finalized(generator):
    prefetch_cards([c for c in generator.articles + generator.drafts if has_own_files(c)])
    for name in (
        "articles",
        "translations",
        "drafts",
        "drafts_translations",
        "hidden_articles",
        "hidden_translations",
    ):
        for content in getattr(generator, name, []):
            enrich_content(content)


def on_page_generator_finalized(generator):
    for name in (
        "pages",
        "translations",
        "hidden_pages",
        "hidden_translations",
        "draft_pages",
        "draft_translations",
    ):
        for content in getattr(generator, name, []):
            enrich_content(content)


def on_all_generators_finalized(generators):
    # Here rather than at article_generator_finalized: the author-profile plugin attaches
    # `author.profile` on that signal, and receivers of one signal run in no fixed order.
    for authors in authors_by_slug(generators).values():
        enrich_authors(authors)
    for generator in generators:
        if isinstance(generator, StaticGenerator):
            drop_processed_originals(generator)
    logger.info("images: %(encodes)d encoded, %(cache_hits)d from cache", stats())
    if BUILD.errors:
        errors, BUILD.errors = BUILD.errors, []
        raise ImageErrors(errors)


# --- content -----------------------------------------------------------------------------


def enrich_content(content):
    if id(content) in BUILD.seen_content:
        return
    BUILD.seen_content.add(id(content))
    metadata = content.metadata
    content.lead_image = None
    content.social_card = None
    content.search_images = []
    if not has_own_files(content):
        content.og_image = None
        BUILD.withheld_sources.update(named_images(content))
        return
    if metadata.get("image"):
        content.lead_image = guarded(content, "image", lambda: lead_image_for(content))
    if content.lead_image is not None:
        content.og_image = dict(content.lead_image["crops"]["og"], alt=content.lead_image["alt"])
        content.search_images = search_images(content.lead_image)
    else:
        content.social_card = guarded(content, "title", lambda: social_card_for(content))
        content.og_image = content.social_card
        content.search_images = search_images(content.social_card)
    content._content = markup.rewrite_body_images(
        content._content or "", lambda src: body_picture(content, src)
    )


def named_images(content) -> set[Path]:
    """The local files `content` shows: its front-matter `image` and its body's images."""
    found = set()
    if content.metadata.get("image"):
        # A missing file is the front-matter reader's error to report, not ours.
        with contextlib.suppress(ImageError):
            found.add(source_file(content.metadata["image"]))
    for src in markup.body_image_srcs(content._content or ""):
        path = markup.local_file_path(src, content.source_path, BUILD.content_root)
        if path is not None:
            found.add(path)
    return found


def guarded(content, field, make):
    """Run `make`; an ImageError is recorded at the content file's line for `field`."""
    try:
        return make()
    except ImageError as error:
        # An error about a more specific key (image_focus) is reported at that key's line.
        key = error.field if error.field != "image" else field
        BUILD.errors.append(
            error.located(BUILD.display(content.source_path), metadata_line(content, key), key)
        )
        return None


def metadata_line(content, key) -> int:
    """Fallback order: the front-matter reader's `_lines` -> a `key:` line in the file -> 1."""
    lines = content.metadata.get("_lines") or {}
    if key in lines:
        return int(lines[key])
    return line_matching(
        content.source_path, re.compile(rf"^\s*{re.escape(key)}\s*:", re.IGNORECASE)
    )


def line_matching(path, pattern) -> int:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.search(line):
            return number
    return 1


def source_file(value) -> Path:
    """A front-matter image path (relative to the content folder) as an existing file."""
    relative = str(value).strip()
    for prefix in markup.PELICAN_LINK_PREFIXES:
        relative = relative.removeprefix(prefix)
    path = (BUILD.content_root / relative.lstrip("/")).resolve()
    if not path.is_file():
        raise ImageError(
            path,
            1,
            "image",
            f"file not found: {relative} (looked in {BUILD.display(BUILD.content_root)}/)",
        )
    return path


def lead_image_for(content) -> dict:
    metadata = content.metadata
    path = source_file(metadata["image"])
    try:
        focus = processing.parse_focus(metadata.get("image_focus"))
    except ValueError as problem:
        raise ImageError(path, 1, "image_focus", str(problem)) from None
    published = renditions_for(path)
    crops = cached_outputs(
        path,
        "crops",
        {"focus": focus},
        lambda image: processing.search_crops_of(image, focus, BUILD.settings).values(),
    )
    picture = markup.picture_data(published, BUILD.settings["lead_sizes"], BUILD.base_url)
    return markup.lead_image_data(picture, metadata, crops)


def renditions_for(path):
    widths = BUILD.settings["widths"]
    return cached_outputs(
        path,
        "renditions",
        {"widths": widths},
        lambda image: processing.renditions_of(image, widths, None, BUILD.settings),
    )


def body_picture(content, src):
    path = markup.local_image_path(src, content.source_path, BUILD.content_root)
    if path is None:
        return None
    line = line_matching(content.source_path, re.compile(re.escape(src.split("}")[-1])))
    try:
        if not path.is_file():
            tried = markup.tried_paths(src, content.source_path, BUILD.content_root)
            looked = " or ".join(shown(each, BUILD.content_root) for each in tried)
            raise ImageError(path, 1, "image", f"file not found: {src} (no file {looked})")
        return markup.picture_data(
            renditions_for(path), BUILD.settings["body_sizes"], BUILD.base_url
        )
    except ImageError as error:
        BUILD.errors.append(error.located(BUILD.display(content.source_path), line, "body image"))
        return None


def card_job(content) -> tuple[str, tuple]:
    """The cache key of a content's social card and the arguments that draw it (worked out
    once per content: prefetch_cards and social_card_for both need it)."""
    known = BUILD.card_jobs.get(id(content))
    if known is None:
        known = BUILD.card_jobs[id(content)] = _card_job(content)
    return known


def _card_job(content) -> tuple[str, tuple]:
    title = _plain_text(str(getattr(content, "title", "")))
    category = getattr(getattr(content, "category", None), "name", "") or ""
    date_text = getattr(content, "locale_date", "") if getattr(content, "date", None) else ""
    params = {
        "text": [title, BUILD.site_name, category, date_text],
        "style": {k: v for k, v in BUILD.settings.items() if k.startswith("card_")},
        "drawing": cards.DRAWING,
        "shapes": list(processing.CROP_TARGETS.items()),
    }
    key = cache_key(cards.font_digest(), "card", params)
    return key, (title, BUILD.site_name, category, date_text, BUILD.settings)


def _plain_text(html: str) -> str:
    """The text of a title. Most titles have no markup, no entity and no carriage return,
    and the parser would give them back unchanged: it is skipped for those (a second at
    10,000 articles). Whitespace alone it would collapse, so that still goes through it."""
    if "<" in html or "&" in html or "\r" in html or not html.strip():
        return BeautifulSoup(html, "html.parser").get_text()
    return html


def draw_card(args: tuple) -> list:
    return cards.social_cards(*args)


def prefetch_cards(contents) -> None:
    """Draw every missing card at once, on every core: drawing and PNG encoding are most of a
    cold build's image time, and each card is independent. The per-content pass that follows
    then finds them all in the cache."""
    jobs = {}
    for content in contents:
        if not content.metadata.get("image"):
            key, args = card_job(content)
            if not BUILD.cache.has(key):
                jobs[key] = args
    workers = worker_count(BUILD.pelican_settings, len(jobs))
    if len(jobs) < 2 * CARDS_PER_TASK or workers < 2:
        return  # a pool costs more than it saves; social_card_for draws them in-process
    # fork: the children inherit the loaded fonts and settings; nothing else is shared.
    with fork_pool(workers) as pool:
        drawn = pool.map(draw_card, jobs.values(), chunksize=CARDS_PER_TASK)
        for key, encoded in zip(jobs, drawn, strict=True):
            BUILD.cache.store(key, encoded)


def social_card_for(content) -> dict:
    """The 1200x630 card (og:image) with every shape of it in `crops`, as a lead image has."""
    key, args = card_job(content)
    outputs = BUILD.cache.fetch(key, lambda: draw_card(args))
    published = publish(outputs, f"card-{getattr(content, 'slug', '') or 'page'}", key)
    crops = markup.crops_data(published)
    return dict(crops["og"], alt=args[0], crops=crops)


def search_images(image) -> list[dict]:
    """The 16x9, 4x3 and 1x1 shapes of a lead image or a social card, in CROP_TARGETS
    order, for JSON-LD `image` (Google's Article guidelines); [] for neither."""
    crops = (image or {}).get("crops", {})
    return [
        crops[name]
        for name in processing.CROP_TARGETS
        if crops.get(name, {}).get("kind") == "search"
    ]


# --- authors -----------------------------------------------------------------------------


def authors_by_slug(generators) -> dict[str, list]:
    """Pelican makes an Author object per article; group every one of them by slug."""
    found: dict[str, list] = {}
    for generator in generators:
        contents = [
            c
            for name in ("articles", "translations", "drafts", "hidden_articles", "pages")
            for c in getattr(generator, name, [])
        ]
        for content in contents:
            for author in getattr(content, "authors", None) or []:
                found.setdefault(author.slug, []).append(author)
        for author, _articles in getattr(generator, "authors", []) or []:
            found.setdefault(author.slug, []).append(author)
    return found


def profile_value(profile, key, default=None):
    if isinstance(profile, dict):
        return profile.get(key, default)
    return getattr(profile, key, default)


def enrich_authors(authors):
    profile = next((a.profile for a in authors if getattr(a, "profile", None)), None)
    photo = profile_value(profile, "photo") if profile else None
    avatar = None
    if photo:
        slug = authors[0].slug
        # Fallback order: the profile's own file (author_profiles keeps it as `path`,
        # relative to the project) -> content/authors/<slug>.md.
        where = Path(
            profile_value(profile, "source_path")
            or profile_value(profile, "path")
            or BUILD.content_root / "authors" / f"{slug}.md"
        )
        where = where if where.is_absolute() else BUILD.project_root / where
        line = (profile_value(profile, "_lines") or {}).get("photo") or line_matching(
            where, re.compile(r"^\s*photo\s*:")
        )
        try:
            path = source_file(photo)
            focus = processing.parse_focus(profile_value(profile, "photo_focus"))
            sizes = BUILD.settings["avatar_sizes"]
            published = cached_outputs(
                path,
                "avatars",
                {"sizes": sizes, "focus": focus},
                lambda image: processing.avatars_of(image, sizes, focus, BUILD.settings),
            )
            alt = str(profile_value(profile, "photo_alt") or "")
            avatar = markup.avatar_data(published, alt, BUILD.base_url)
        except ValueError as problem:
            BUILD.errors.append(ImageError(BUILD.display(where), line, "photo_focus", str(problem)))
        except ImageError as error:
            BUILD.errors.append(error.located(BUILD.display(where), line, "photo"))
    if not photo and authors:
        avatar = initials_avatar(authors[0])
    for author in authors:
        author.avatar = avatar


def initials_avatar(author) -> dict:
    """An author without a photo: their initials on a square (a file, so feeds, cards and
    the authors index can show it like a photo). Decorative: the name is always beside it."""
    settings = BUILD.settings
    sizes = settings["avatar_sizes"]
    source = hashlib.sha256(f"{author.name}\0{author.slug}\0{cards.font_digest()}".encode())
    params = {
        "sizes": list(sizes),
        "drawing": cards.DRAWING,
        "quality": [settings["webp_quality"], settings["jpeg_quality"]],
    }
    key = cache_key(source.hexdigest(), "initials", params)

    def make():
        image = cards.initials_avatar(author.name, author.slug, max(sizes))
        return processing.avatars_of(image, sizes, (0.5, 0.5), settings)

    # From the cache like every other image: drawing and encoding them again was a third of
    # a second of every build (40 authors), an edit's and a live preview's too.
    outputs = BUILD.cache.fetch(key, make)
    published = publish(outputs, f"{author.slug}-initials", key)
    avatar = markup.avatar_data(published, "", BUILD.base_url)
    return dict(avatar, generated=True)


# --- cache, output and the static generator ---------------------------------------------


def cached_outputs(path: Path, operation: str, params: dict, make_from_image):
    """Outputs of `make_from_image(normalised image)` for `path`, from the cache when the
    source bytes and every setting that shapes the output are unchanged."""
    settings = BUILD.settings
    params = dict(
        params,
        quality=[settings["webp_quality"], settings["jpeg_quality"]],
        max_pixels=settings["max_pixels"],
    )
    key = cache_key(file_digest(path), operation, params)

    def make():
        return list(make_from_image(processing.load(path, settings["max_pixels"])))

    outputs = BUILD.cache.fetch(key, make)
    BUILD.processed_sources.add(path)
    return publish(outputs, path.stem, key)


def publish(outputs, stem: str, key: str) -> list[tuple]:
    """Write outputs as `<stem>-<hash8>-[<variant>-]<width>.<ext>`.
    Returns [(Encoded, site-relative path)]."""
    # Cut long stems (slugs may be 80 characters) so a file name stays readable and short.
    safe_stem = re.sub(r"[^a-z0-9_-]+", "-", stem.lower())[:60].strip("-") or "image"
    BUILD.output_dir.mkdir(parents=True, exist_ok=True)
    published = []
    for encoded in outputs:
        variant = f"{encoded.variant}-" if encoded.variant else ""
        name = f"{safe_stem}-{key[:8]}-{variant}{encoded.width}.{encoded.extension}"
        target = BUILD.output_dir / name
        relative = f"{BUILD.settings['output_dir']}/{name}"
        # The name carries the hash: an existing file, here or in the last build, is identical.
        if not target.exists() and not _keep_previous(name, relative, encoded.size):
            target.write_bytes(encoded.payload())
        published.append((encoded, relative))
    return published


def _keep_previous(name: str, relative: str, size: int) -> bool:
    """Keep the last build's copy of this output where it is (newsroom_core.output): it is
    neither written nor linked into staging, and the move into the output folder skips it."""
    if is_kept(relative):
        return True
    previous = BUILD.previous_dir / name if BUILD.previous_dir else None
    try:
        if previous is None or previous.stat().st_size != size:
            return False
    except OSError:
        return False
    keep_in_place(relative)
    return True


LOGO_SETTINGS = ("SITE_LOGO", "SITE_LOGO_RASTER")


def drop_processed_originals(generator):
    """Keep originals we processed out of the static copy: they still carry EXIF and GPS.
    Originals only unpublished content names stay out too: that would publish them. The
    site's logo stays whatever else uses it: every page's masthead and JSON-LD link it."""
    # In place: Pelican's context["staticfiles"] is this same list and is what gets copied.
    content = Path(generator.settings["PATH"])
    logos = {
        (content / generator.settings[key]).resolve()
        for key in LOGO_SETTINGS
        if generator.settings.get(key)
    }
    dropped = (BUILD.processed_sources | BUILD.withheld_sources) - logos
    generator.staticfiles[:] = [
        static
        for static in generator.staticfiles
        if Path(static.source_path).resolve() not in dropped
    ]
