"""Each gate rule on a tiny site: one failing case and one passing case."""

from __future__ import annotations

import pytest

from newsroom.publish.gate import GateFailed, Problem, check_site, require_clean_site
from tests.publish.sitegen import SITE_URL, page, site_files, sitemap, write_site


def problems(tmp_path, **changes) -> list[str]:
    """The gate's findings for the sample site with some files replaced (None deletes)."""
    files = {**site_files(), **changes}
    write_site(tmp_path, {k: v for k, v in files.items() if v is not None})
    return [str(p) for p in check_site(tmp_path, SITE_URL)]


def test_sample_site_passes(tmp_path):
    assert problems(tmp_path) == []


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ('<a href="/news/gone/">x</a>', "news/gone/index.html"),  # root-relative
        ('<a href="gone.html">x</a>', "about/gone.html"),  # relative to the page
        (f'<a href="{SITE_URL}/gone/">x</a>', "gone/index.html"),  # absolute, our site
        ('<img src="/images/dot.svg" srcset="/images/big.svg 2x" alt="">', "images/big.svg"),
        ('<script src="../theme/app.js"></script>', "theme/app.js"),
        ('<a href="/news/ferry/nope.html#top">x</a>', "news/ferry/nope.html"),
    ],
)
def test_broken_internal_link_is_reported_with_file_and_line(tmp_path, link, target):
    found = problems(tmp_path, **{"about/index.html": page("About", link)})
    quoted = "/images/big.svg" if "srcset" in link else link.split('"')[1]
    assert found == [f"about/index.html:11: broken link {quoted!r}: no file {target}"]


def test_links_that_resolve_or_leave_the_site_pass(tmp_path):
    links = (
        '<a href="/news/ferry">no slash</a> <a href="../news/library/?page=2#top">query</a> '
        '<a href="https://elsewhere.example/gone/">external</a> <a href="mailto:desk@x.example">'
        'mail</a> <a href="#top">top</a> <a href="//elsewhere.example/x">proto</a> '
        f'<a href="{SITE_URL}/about/">self</a> <img src="data:image/gif;base64,R0lGOD" alt="">'
    )
    assert problems(tmp_path, **{"about/index.html": page("About", links)}) == []


def test_broken_css_url_is_reported(tmp_path):
    css = "body { color: black; }\nh1 { background: url('../images/missing.png'); }\n"
    assert problems(tmp_path, **{"theme/site.css": css}) == [
        "theme/site.css:2: broken url(../images/missing.png): no file images/missing.png"
    ]


def test_html_parse_error_is_reported_with_file_and_line(tmp_path):
    broken = page("About", "<p>Unclosed <b>bold</p>\n</div>")
    assert problems(tmp_path, **{"about/index.html": broken}) == [
        "about/index.html:11: HTML parse error (column 23): Unexpected end tag (p). Ignored.",
        "about/index.html:12: HTML parse error (column 6): End tag (div) seen too early. "
        "Expected other end tag.",
        "about/index.html:14: HTML parse error (column 7): End tag (main) seen too early. "
        "Expected other end tag.",
        "about/index.html:15: HTML parse error (column 7): Unexpected end tag (body). "
        "Missing end tag (b).",
    ]


def test_missing_sitemap_fails(tmp_path):
    assert problems(tmp_path, **{"sitemap.xml": None}) == [
        "sitemap.xml: missing; the sitemap must list the public pages"
    ]


def test_public_page_missing_from_sitemap_fails(tmp_path):
    short = sitemap(["/", "/news/ferry/", "/about/"])
    assert problems(tmp_path, **{"sitemap.xml": short}) == [
        "news/library/index.html: public page missing from sitemap.xml "
        f"(expected <loc>{SITE_URL}/news/library/</loc>)"
    ]


@pytest.mark.parametrize(
    ("extra_path", "message"),
    [
        ("/news/gone/", "no page news/gone/index.html"),
        ("/drafts/budget/", "drafts/budget/index.html is a draft"),
        ("/404.html", "404.html is not an index.html page"),
        ("/about/", "is listed twice"),
    ],
)
def test_sitemap_entry_that_is_not_a_public_page_fails(tmp_path, extra_path, message):
    paths = ["/", "/news/ferry/", "/news/library/", "/about/", extra_path]
    found = problems(tmp_path, **{"sitemap.xml": sitemap(paths)})
    assert len(found) == 1
    assert found[0].startswith("sitemap.xml:7: <loc> ") and found[0].endswith(message)


def test_noindex_and_off_site_canonical_pages_stay_out_of_the_sitemap(tmp_path):
    noindex = page("About", "", '<meta name="robots" content="noindex, follow">\n')
    borrowed = page("Ferry", "", '<link rel="canonical" href="https://wire.example/ferry">\n')
    short = sitemap(["/", "/news/library/"])
    changes = {"about/index.html": noindex, "news/ferry/index.html": borrowed}
    assert problems(tmp_path, **changes, **{"sitemap.xml": short}) == []
    listed = sitemap(["/", "/news/library/", "/about/"])
    assert problems(tmp_path, **changes, **{"sitemap.xml": listed}) == [
        f"sitemap.xml:5: <loc> {SITE_URL}/about/: about/index.html is marked noindex"
    ]


def test_extra_checks_add_their_problems_and_fail_the_gate(tmp_path):
    write_site(tmp_path)

    def lint(site_dir):
        assert site_dir == tmp_path
        return [("content/articles/ferry.md", "summary: too long"), Problem("a.html", 3, "bad")]

    with pytest.raises(GateFailed) as failure:
        require_clean_site(tmp_path, SITE_URL, [lint])
    assert str(failure.value) == (
        "publish gate: 2 problems, nothing uploaded:\n"
        "a.html:3: bad\n"
        "content/articles/ferry.md: summary: too long"
    )
    require_clean_site(tmp_path, SITE_URL, [lambda site_dir: []])
