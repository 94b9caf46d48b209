"""Malformed files and hostile URLs: always a `path:line: field: message`, never a traceback."""

from __future__ import annotations

import re

import pytest

from tests.hostile.payloads import BAD_URLS
from tests.support import SETTINGS, BuildFailed, Site, article, author, main

ERROR_LINE = re.compile(r"^content/(articles|pages|authors)/[\w-]+\.md:\d+: [^:]+: .+$")


def run_build(site: Site, capsys) -> tuple[int, list[str]]:
    """Build like `invoke build`; return (exit code, error lines without the temp prefix)."""
    argv = ["--settings", str(SETTINGS), "--content", str(site.content)]
    try:
        code = main([*argv, "--output", str(site.output)])
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    lines = [line.removeprefix(str(site.root) + "/") for line in err.splitlines()]
    return code, [line for line in lines if not line.startswith("warning:")]


def failed_with(site, capsys) -> list[str]:
    code, lines = run_build(site, capsys)
    assert code == 1, lines
    assert lines[0].startswith("Build failed with")
    assert [line for line in lines[1:] if not ERROR_LINE.match(line)] == []
    return lines[1:]


def test_every_url_field_refuses_every_non_web_url(site, capsys):
    names = list(BAD_URLS)
    for index, url in enumerate(BAD_URLS.values()):
        site.add_article(
            f"url-{index}",
            article(
                slug=f"url-{index}",
                canonical=url,
                source={"name": "Outlet", "url": url},
            ),
        )
        site.add_article(
            f"urls-{index}", article(slug=f"urls-{index}", sources=[{"name": "Outlet", "url": url}])
        )
        site.add_page(f"url-{index}", {"title": "About", "slug": f"url-{index}", "canonical": url})
        site.add_author(
            f"url-{index}",
            author(links={"website": url, "github": url, "mastodon": url, "email": url}),
        )
    lines = failed_with(site, capsys)
    for index in range(len(names)):
        fields = {line.split(": ")[1] for line in lines if f"/url-{index}.md:" in line}
        fields |= {line.split(": ")[1] for line in lines if f"/urls-{index}.md:" in line}
        assert {
            "canonical",
            "source.url",
            "sources[0].url",
            "links.website",
            "links.github",
            "links.mastodon",
            "links.email",
        } <= fields, names[index]


def test_a_url_error_says_what_is_accepted(site, capsys):
    site.add_article("story", article(source={"name": "Outlet", "url": "data:text/html,x"}))
    assert failed_with(site, capsys) == [
        "content/articles/story.md:10: source.url: expected an absolute http or https URL, "
        "got 'data:text/html,x'"
    ]


def test_email_links_accept_mailto_only(site, capsys):
    site.add_author("ada-lane", author(links={"email": "javascript:alert(1)//@x.example"}))
    site.add_article("story", article())
    assert failed_with(site, capsys) == [
        "content/authors/ada-lane.md:5: links.email: expected an absolute mailto URL, "
        "got 'javascript:alert(1)//@x.example'"
    ]


RAW_FRONT_MATTER = {
    "nul-byte": (b"---\ntitle: a\x00b\n---\n", "2: encoding: contains a NUL byte; remove it"),
    "invalid-utf8": (
        b"---\ntitle: \xff\xfe\n---\n",
        "2: encoding: not valid UTF-8 at byte 11; save the file as UTF-8",
    ),
    "control-char-in-body": (
        b"---\ntitle: a\n---\nbell \x07 here\n",
        "4: encoding: contains the character U+0007; remove it",
    ),
    "escaped-nul": (
        b'---\ntitle: "a\\0b"\n---\n',
        "2: title: contains the character U+0000; remove it",
    ),
    "escaped-control": (
        b'---\ntitle: ok\nsummary: "a\\x1bb"\n---\n',
        "3: summary: contains the character U+001B; remove it",
    ),
    "escaped-surrogate": (
        b'---\ntitle: "a\\uD800b"\n---\n',
        "2: title: contains the character U+D800; remove it",
    ),
    "escaped-surrogate-key": (
        b'---\n"\\uDC00": x\n---\n',
        "2: front matter: contains the character U+DC00; remove it",
    ),
    "escaped-in-list": (
        b'---\ntags: [ok, "b\\x01"]\n---\n',
        "2: tags[1]: contains the character U+0001; remove it",
    ),
}


@pytest.mark.parametrize("name", list(RAW_FRONT_MATTER))
def test_unprintable_characters_are_a_located_error(site, capsys, name):
    raw, expected = RAW_FRONT_MATTER[name]
    site.write("articles/story.md", raw)
    assert f"content/articles/story.md:{expected}" in failed_with(site, capsys)


def test_unprintable_characters_in_an_author_profile(site, capsys):
    site.write("authors/ada-lane.md", b'---\nname: "Ada\\x08"\n---\nBio \x0c here\n')
    site.add_article("story", article())
    assert "content/authors/ada-lane.md:4: encoding: contains the character U+000C; remove it" in (
        failed_with(site, capsys)
    )


def test_alias_bombs_finish_quickly(site, capsys):
    """`&a [*b, *b, ...]` nine deep names 9**8 nodes; the reader must not walk them all."""
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefgh":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    lines += ["tags: *h", "---", "Body."]
    site.write("articles/story.md", "\n".join(lines))
    errors = failed_with(site, capsys)
    assert any(line.startswith("content/articles/story.md:2: a: unknown key") for line in errors)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("---\n[a, b]: x\n---\n", "2: front matter: invalid YAML:"),
        ("---\n- just\n- a list\n---\n", "2: front matter: expected key: value pairs"),
        ("---\ntitle: !!python/object:os.system x\n---\n", "2: front matter: invalid YAML:"),
        ("---\ntitle: [[[[[[[[[[\n---\n", "front matter: invalid YAML:"),
        ("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n", "2: front matter: invalid YAML:"),
    ],
    ids=["unhashable-key", "top-level-list", "python-tag", "unclosed", "deeply-nested"],
)
def test_malformed_yaml_is_a_located_error(site, capsys, raw, expected):
    site.write("articles/story.md", raw)
    errors = failed_with(site, capsys)
    assert any(expected in line for line in errors), errors


@pytest.mark.parametrize("value", ["!!!", "<b></b>", "***", "<i>?</i>"])
def test_a_tag_that_makes_no_url_is_an_error(site, capsys, value):
    site.add_article("story", article(tags=["fine", value]))
    assert failed_with(site, capsys) == [
        "content/articles/story.md:10: tags: cannot make a URL from this text; "
        "use letters or digits",
    ]


@pytest.mark.parametrize("value", ["!!!", "<b></b>", "***", "<i>?</i>"])
def test_a_section_that_makes_no_url_asks_for_a_slug(site, value):
    site.add_article("story", article())
    with pytest.raises(BuildFailed) as failure:
        site.build(SECTIONS=["Local", value])
    assert failure.value.messages == [f"SECTIONS[1]: name {value!r} makes no URL; add a 'slug'"]


def test_a_title_that_makes_no_url_asks_for_a_slug(site, capsys):
    site.add_article("story", article(title="???"))
    assert failed_with(site, capsys) == [
        "content/articles/story.md:2: title: cannot make a URL from this text; use letters or "
        "digits; add a slug"
    ]


def test_very_long_names_get_short_urls(site, capsys):
    long = "Harbour " * 20000
    site.add_article("story", article(title=long, category=long, tags=[long]))
    site.build(SECTIONS=[long])
    written = [p.relative_to(site.output) for p in site.output.rglob("*")]
    assert max(len(part.split(".")[0]) for path in written for part in path.parts) <= 80
    assert (site.output / "category" / ("harbour-" * 10).rstrip("-") / "index.html").is_file()
