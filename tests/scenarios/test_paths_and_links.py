"""Body paths the way editors preview them, and links checked against the pages a build writes.

An image or link may be written from the Markdown file (`../../images/x.svg`), from `content/`
(`images/x.jpg`), as `{static}/...` or as a site path; a missing one names the files tried. A site
path link (`/2026/11/slug/`) to no page of the build is a warning at its source line, and a
publish refuses it.
"""

from __future__ import annotations

import shutil

import pytest

from newsroom.build import load_settings
from newsroom.publish.command import lint_check
from tests.support import PUBLISH_SETTINGS, ROOT, BuildFailed, Site, article

STORY = "2026/11/ferry-timetable-approved/"
OTHER = article(
    title="Harbour wall repaired",
    summary="The harbour wall was repaired in a week, ahead of the winter storms.",
)
PARALLEL = {"WORKERS": 2, "MIN_ITEMS": 1}


@pytest.fixture
def site(tmp_path) -> Site:
    site = Site(tmp_path)
    shutil.copy(ROOT / "content" / "images" / "logo.png", site.content / "images" / "pier.png")
    site.write("images/map.svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n')
    site.write("images/spin.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    site.add_article("harbour", OTHER)
    return site


def nested_story(site: Site, body: str) -> None:
    """A story one folder down, as `content/articles/2026/ferry.md`."""
    site.add_article("2026/ferry", article(), body)


def link_warnings(result) -> list[str]:
    root = f"{result.output.parent}/"
    return [w.removeprefix(root) for w in result.warnings if "link-" in w]


@pytest.mark.parametrize(
    ("written", "published"),
    [
        ("../../images/map.svg", "/images/map.svg"),
        ("images/map.svg", "/images/map.svg"),
        ("../../images/spin.gif", "/images/spin.gif"),
        ("images/spin.gif", "/images/spin.gif"),
        ("{static}/images/map.svg", "/images/map.svg"),
        ("/images/map.svg", "/images/map.svg"),
    ],
    ids=[
        "svg-from-file",
        "svg-from-content",
        "gif-from-file",
        "gif-from-content",
        "static",
        "site",
    ],
)
def test_svg_and_gif_paths_are_published_as_site_urls(site, written, published):
    nested_story(site, f"![A map of the crossing]({written})\n")
    site.build()
    img = site.page(STORY).select_one(".story-body img")
    assert img["src"] == published
    assert (site.output / published.lstrip("/")).is_file()


@pytest.mark.parametrize("written", ["../../images/pier.png", "images/pier.png"])
def test_raster_images_from_the_file_or_from_content_become_pictures(site, written):
    nested_story(site, f"![The pier at dawn]({written})\n")
    site.build()
    img = site.page(STORY).select_one(".story-body picture img")
    assert img["src"].startswith("/images/pier-") and img["src"].endswith("-512.jpg")
    assert (site.output / img["src"].lstrip("/")).is_file()


@pytest.mark.parametrize("written", ["../harbour.md", "articles/harbour.md", "../harbour.md#wall"])
def test_relative_markdown_links_become_the_story_url(site, written):
    nested_story(site, f"See [the repair]({written}).\n")
    site.build()
    fragment = "#wall" if "#" in written else ""
    assert site.page(STORY).select_one(".story-body a")["href"] == (
        f"/2026/11/harbour-wall-repaired/{fragment}"
    )


def test_a_missing_relative_image_names_each_file_tried(site):
    nested_story(site, "Text.\n\n![A map](images/gone.svg)\n")
    with pytest.raises(BuildFailed) as failed:
        site.build()
    root = str(site.root) + "/"
    assert [m.removeprefix(root) for m in failed.value.messages] == [
        "content/articles/2026/ferry.md:11: image-missing: image 'images/gone.svg' not found: "
        "no file content/articles/2026/images/gone.svg or content/images/gone.svg "
        "(fix: check the path: from this file (../../images/x.jpg), from content/ "
        "(images/x.jpg) or {static}/images/..., {filename}/articles/...)"
    ]


def test_a_site_path_link_to_no_page_is_a_warning_at_its_line(site):
    nested_story(site, "Text.\n\nSee [the vote](/2026/11/no-such-story/) and [home](/).\n")
    result = site.build()
    assert link_warnings(result) == [
        "content/articles/2026/ferry.md:11: warning link-no-page: link '/2026/11/no-such-story/' "
        "goes to no page of this build (no file 2026/11/no-such-story/index.html) "
        "(fix: link a page the site has; for a story, {filename}/articles/... finds its URL)"
    ]


def test_site_path_links_to_written_pages_and_files_pass(site):
    body = (
        "[the repair](/2026/11/harbour-wall-repaired/) [section](/category/local/) "
        "[no slash](/2026/11/harbour-wall-repaired) [feed](/feeds/all.atom.xml) "
        "[anchor](/2026/11/harbour-wall-repaired/#top) [map](/images/map.svg)\n"
    )
    nested_story(site, body)
    assert link_warnings(site.build()) == []


def test_site_links_are_checked_on_pages_rendered_in_workers_and_kept_from_the_last_build(site):
    """parallel_render renders in workers, and a rebuild keeps unchanged pages where they are
    (not in the staging folder): the check looks at the files, wherever this build has them.
    (Pelican's logger drops a warning it printed before in the same process, so the rebuild
    links somewhere else.)"""

    def warning(slug):
        return (
            f"content/articles/2026/ferry.md:9: warning link-no-page: link '/2026/11/{slug}/' "
            f"goes to no page of this build (no file 2026/11/{slug}/index.html) (fix: link a "
            "page the site has; for a story, {filename}/articles/... finds its URL)"
        )

    for slug in ("gone", "gone-again"):
        nested_story(site, f"[repair](/2026/11/harbour-wall-repaired/) [x](/2026/11/{slug}/)\n")
        result = site.build(BUILD_PARALLEL=PARALLEL)
        assert link_warnings(result) == [warning(slug)]
    assert result.report["pages reused"] > 0
    assert "2026/11/harbour-wall-repaired/index.html" not in result.report["pages rendered"]


def test_a_publish_refuses_a_site_link_to_no_page_at_its_source_line(site):
    nested_story(
        site, "[a draft](/drafts/ferry-plan/) [the repair](/2026/11/harbour-wall-repaired/)\n"
    )
    site.add_article("plan", article(title="Ferry plan", status="draft"))
    site.build(PUBLISH_SETTINGS)
    settings = load_settings(PUBLISH_SETTINGS, site.settings())
    found = [str(p).replace(f"{site.root}/", "") for p in lint_check(settings)(site.output)]
    problems = [problem for problem in found if "link-no-page" in problem]
    assert problems == [
        "content/articles/2026/ferry.md:9: lint warning link-no-page: "
        "link '/drafts/ferry-plan/' goes to no page of this build "
        "(no file drafts/ferry-plan/index.html) (fix: link a page the site has; for a story, "
        "{filename}/articles/... finds its URL)"
    ]
