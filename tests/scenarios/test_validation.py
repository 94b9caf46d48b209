"""Front-matter validation: every error class, its exact message, and exit code 1."""

from __future__ import annotations

import pytest

from tests.support import SETTINGS, Site, article, main


def run_build(site: Site, capsys) -> tuple[int, list[str]]:
    """Build like `invoke build` does; return (exit code, error lines)."""
    argv = [
        "--settings",
        str(SETTINGS),
        "--content",
        str(site.content),
        "--output",
        str(site.output),
    ]
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    return code, [line.removeprefix(str(site.root) + "/") for line in err.splitlines()]


def errors_for(site, capsys, front_matter=None, raw=None, name="story"):
    if raw is not None:
        site.write(f"articles/{name}.md", raw)
    else:
        site.add_article(name, front_matter)
    code, lines = run_build(site, capsys)
    assert code == 1
    assert lines[0].startswith("Build failed with")
    return lines[1:]


def test_a_valid_site_builds(site, capsys):
    site.add_article("story", article())
    code, _ = run_build(site, capsys)
    assert code == 0
    assert (site.output / "2026/11/ferry-timetable-approved/index.html").is_file()


@pytest.mark.parametrize("field", ["title", "date", "authors", "category", "summary"])
def test_missing_required_field(site, capsys, field):
    lines = errors_for(site, capsys, article(**{field: None}))
    assert lines == [f"content/articles/story.md:1: {field}: required; add it to the front matter"]


def test_bad_date(site, capsys):
    lines = errors_for(site, capsys, article(date="the twentieth of March"))
    assert lines == [
        "content/articles/story.md:3: date: expected an ISO 8601 date like 2025-03-20 or "
        "2025-03-20T14:30+01:00, got 'the twentieth of March'"
    ]


@pytest.mark.parametrize(
    "value", ["2026-11-02", "2026-11-02T18:30", "2026-11-02T18:30:00+01:00", "2026-11-02T17:30:00Z"]
)
def test_iso_dates_with_and_without_time_and_offset_are_accepted(site, capsys, value):
    site.add_article("story", article(date=value))
    assert run_build(site, capsys)[0] == 0


def test_unknown_author_slug_suggests_the_closest_profile(site, capsys):
    lines = errors_for(site, capsys, article(authors=["ada-lain"]))
    assert lines == [
        "content/articles/story.md:5: authors: no profile 'ada-lain' in content/authors/ "
        "(did you mean 'ada-lane'?)"
    ]


def test_a_single_author_string_is_accepted(site, capsys):
    site.add_article("story", article(authors="ada-lane"))
    assert run_build(site, capsys)[0] == 0


def test_list_where_text_belongs(site, capsys):
    lines = errors_for(site, capsys, article(title=["One", "Two"]))
    assert lines == ["content/articles/story.md:2: title: expected text, got a list"]


def test_mapping_where_list_belongs(site, capsys):
    lines = errors_for(site, capsys, article(tags={"a": 1}))
    assert lines == ["content/articles/story.md:8: tags: expected a list of text, got a mapping"]


def test_unknown_key_with_suggestion(site, capsys):
    lines = errors_for(site, capsys, article(sumary="typo"))
    assert lines == ["content/articles/story.md:8: sumary: unknown key (did you mean 'summary'?)"]


def test_non_http_url(site, capsys):
    lines = errors_for(site, capsys, article(canonical="javascript:alert(1)"))
    assert lines == [
        "content/articles/story.md:8: canonical: expected an absolute http or https URL, "
        "got 'javascript:alert(1)'"
    ]


def test_missing_image_file(site, capsys):
    lines = errors_for(site, capsys, article(image="images/none.jpg", image_alt="A view"))
    assert lines == [
        "content/articles/story.md:8: image: file 'images/none.jpg' does not exist under "
        "content/; check the path"
    ]


def test_image_without_alt(site, capsys):
    site.write("images/photo.jpg", (site.content / "images/logo.png").read_bytes())
    lines = errors_for(site, capsys, article(image="images/photo.jpg"))
    assert lines == [
        "content/articles/story.md:1: image_alt: required when image is set; describe the "
        "picture for readers who cannot see it"
    ]


def test_bad_status(site, capsys):
    lines = errors_for(site, capsys, article(status="publish"))
    assert lines == [
        "content/articles/story.md:8: status: expected one of published, draft, got 'publish' "
        "(did you mean 'published'?)"
    ]


def test_yaml_syntax_error_names_file_and_line(site, capsys):
    raw = "---\ntitle: Fine\nsummary: [unclosed\ncategory: Local\n---\nBody\n"
    lines = errors_for(site, capsys, raw=raw)
    assert len(lines) == 1
    assert lines[0].startswith("content/articles/story.md:4: front matter: invalid YAML:")


def test_missing_front_matter(site, capsys):
    lines = errors_for(site, capsys, raw="Just a body with no front matter.\n")
    assert lines == [
        "content/articles/story.md:1: front matter: expected YAML front matter starting with '---'"
    ]


def test_bad_bytes_are_an_error_not_a_skipped_file(site, capsys):
    lines = errors_for(site, capsys, raw=b"---\ntitle: Caf\xe9\n---\n")
    assert lines == [
        "content/articles/story.md:2: encoding: not valid UTF-8 at byte 14; save the file as UTF-8"
    ]


def test_duplicate_key(site, capsys):
    raw = "---\ntitle: One\ntitle: Two\n---\n"
    lines = errors_for(site, capsys, raw=raw)
    assert "content/articles/story.md:3: title: duplicate key; keep one" in lines


def test_every_error_in_every_file_is_reported_in_one_run(site, capsys):
    site.add_article("first", article(date="soon", category=None))
    site.add_article("second", article(title=None, authors=["nobody"]))
    site.add_article("fine", article(title="A fine story"))
    lines = errors_for(site, capsys, article(status="publish"), name="third")
    files = sorted({line.split(":")[0] for line in lines})
    assert files == [
        "content/articles/first.md",
        "content/articles/second.md",
        "content/articles/third.md",
    ]
    assert len(lines) == 5


def test_a_failed_build_leaves_the_previous_output_untouched(site, capsys):
    site.add_article("story", article())
    assert run_build(site, capsys)[0] == 0
    before = (site.output / "index.html").read_bytes()
    site.add_article("broken", article(date="never"))
    assert run_build(site, capsys)[0] == 1
    assert (site.output / "index.html").read_bytes() == before


def test_bad_author_profile(site, capsys):
    site.add_article("story", article())
    site.add_author("bo-ray", {"name": "Bo Ray", "links": {"web": "https://bo.example"}})
    code, lines = run_build(site, capsys)
    assert code == 1
    assert lines[1:] == [
        "content/authors/bo-ray.md:4: links.web: unknown link kind (did you mean 'website'?); "
        "use one of website, x, mastodon, bluesky, linkedin, github, email"
    ]


def test_page_requires_a_title(site, capsys):
    site.add_article("story", article())
    site.add_page("about", {"summary": "About us."})
    code, lines = run_build(site, capsys)
    assert code == 1
    assert lines[1:] == ["content/pages/about.md:1: title: required; add it to the front matter"]


def test_two_stories_that_would_share_a_page_name_both_files(site, capsys):
    site.add_article("first", article())
    lines = errors_for(site, capsys, article(), name="second")  # same title, same day
    assert lines == [
        "content/articles/second.md:2: slug: 2026/11/ferry-timetable-approved/index.html is "
        f"also the page of {site.content}/articles/first.md; give one of them another title "
        "or a `slug:`"
    ]
