"""Nothing unpublished is published: a publishconf.py build writes no file of any kind for a
draft or a scheduled story (page, card, renditions, crops, original, search entry), while a
local build still previews them under /drafts/ with their images."""

from __future__ import annotations

import gzip
import shutil

import pytest

from tests.support import PUBLISH_SETTINGS, ROOT, Site, article, unreferenced_images

DRAFT_TITLE = "Embargoed merger talks at the shipyard"
SCHEDULED_TITLE = "Winter timetable starts in January"
# Sample photos copied under new names, so each file name says who uses it.
IMAGES = {
    "embargo-photo.jpg": "flood-summit.jpg",  # the draft's lead image, used by nothing else
    "embargo-chart.jpg": "heron-count.jpg",  # in the draft's body only
    "harbour.jpg": "lantern-parade.jpg",  # a public story's lead image, also in the draft
}


def _fixture_site(root) -> Site:
    site = Site(root)
    for name, sample in IMAGES.items():
        shutil.copy(ROOT / "content" / "images" / sample, site.content / "images" / name)
    site.add_article(
        "harbour",
        article(title="Harbour reopens", image="images/harbour.jpg", image_alt="The harbour"),
    )
    site.add_article("fares", article(title="Ferry fares frozen", date="2026-11-03T09:00:00"))
    site.add_article(
        "embargoed",
        article(
            title=DRAFT_TITLE,
            status="draft",
            image="images/embargo-photo.jpg",
            image_alt="The shipyard gates",
        ),
        body="Talks go on.\n\n![A chart]({static}/images/embargo-chart.jpg)\n\n"
        "![The harbour]({static}/images/harbour.jpg)",
    )
    site.add_article("scheduled", article(title=SCHEDULED_TITLE, date="2027-01-05T07:00:00"))
    return site


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = _fixture_site(tmp_path_factory.mktemp("unpublished-publish"))
    site.build(PUBLISH_SETTINGS)
    return site.output


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    site = _fixture_site(tmp_path_factory.mktemp("unpublished-local"))
    site.build()
    return site.output


def _files(output) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file())


def _texts(output):
    """(path, text) of every file, search fragments decompressed."""
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix.startswith(".pf_"):
            data = gzip.decompress(data)
        yield path.relative_to(output).as_posix(), data.decode("utf-8", errors="replace")


def test_publish_build_writes_no_file_for_a_draft_or_a_scheduled_story(published):
    files = _files(published)
    leaked = [
        name
        for name in files
        if "embargo" in name or "winter-timetable" in name or name.startswith("drafts/")
    ]
    assert leaked == []
    # What the public stories use is there: the test is not passing on an empty site.
    images = [name for name in files if name.startswith("images/")]
    assert sum(name.startswith("images/harbour-") for name in images) == 12  # 8 sizes, 4 crops
    cards = [name for name in images if name.startswith("images/card-")]
    assert len(cards) == 4  # one story's card, in its four shapes
    assert all(name.startswith("images/card-ferry-fares-frozen-") for name in cards)
    assert "images/harbour.jpg" not in files  # processed originals are never copied


def test_publish_build_mentions_no_draft_or_scheduled_story_anywhere(published):
    mentions = [
        name
        for name, text in _texts(published)
        if DRAFT_TITLE in text or SCHEDULED_TITLE in text or "embargoed" in text
    ]
    assert mentions == []


def test_every_image_of_a_publish_build_is_referenced_by_its_pages_feeds_or_manifests(
    published,
):
    assert unreferenced_images(published) == []


def test_local_build_previews_drafts_with_their_images(local):
    files = _files(local)
    assert "drafts/embargoed-merger-talks-at-the-shipyard/index.html" in files
    assert "drafts/winter-timetable-starts-in-january/index.html" in files
    images = [name for name in files if name.startswith("images/")]
    assert sum(name.startswith("images/embargo-photo-") for name in images) == 12
    assert sum(name.startswith("images/embargo-chart-") for name in images) == 8
    assert any(name.startswith("images/card-winter-timetable-starts-") for name in images)
    assert unreferenced_images(local) == []
