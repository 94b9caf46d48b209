"""Author profiles and pages (issue 3): bylines, author boxes, pages, index, ProfilePage."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from tests.support import article, author


def text(element) -> str:
    """Visible text with typogrify's no-break spaces and line breaks as plain spaces."""
    return " ".join(element.get_text().replace("\xa0", " ").split())


def listed_titles(site, url) -> list[str]:
    """Article titles on a listing, following its pagination."""
    titles = []
    while url:
        page = site.page(url)
        titles += [text(a) for a in page.select(".cards h3 a")]
        nxt = page.select_one('.pagination a[rel="next"]')
        url = nxt["href"] if nxt else None
    return titles


@pytest.fixture
def two_authors(site):
    photo = site.content / "images" / "authors" / "ada.jpg"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (300, 200), (120, 90, 60)).save(photo)
    site.add_author(
        "ada-lane",
        author(
            role="Chief reporter",
            location="Lakeside",
            photo="images/authors/ada.jpg",
            photo_alt="Ada Lane at her desk",
            links={"x": "https://x.com/ada_lane", "email": "ada@example.org"},
        ),
        bio="Ada covers the council.\n\nSecond paragraph of the bio.",
    )
    site.add_author("bo-ray", {"name": "Bo Ray", "role": "Data editor"}, bio="Bo counts things.")
    site.add_author("cy-new", {"name": "Cy New", "role": "Trainee"}, bio="Joined this week.")
    site.add_article("joint", article(title="Joint story", authors=["ada-lane", "bo-ray"]))
    for day in (3, 4, 5):
        site.add_article(f"solo-{day}", article(title=f"Solo story {day}", date=f"2026-11-0{day}"))
    site.build(DEFAULT_PAGINATION=2)
    return site


def test_byline_links_every_author(two_authors):
    page = two_authors.page("/2026/11/joint-story/")
    links = [(a.get_text(), a["href"]) for a in page.select('.byline a[rel="author"]')]
    assert links == [("Ada Lane", "/author/ada-lane/"), ("Bo Ray", "/author/bo-ray/")]
    assert "By Ada Lane and Bo Ray" in " ".join(page.select_one(".byline").get_text().split())


def test_author_box_per_author(two_authors):
    boxes = two_authors.page("/2026/11/joint-story/").select(".author-box")
    assert [b.h2.get_text() for b in boxes] == ["About Ada Lane", "About Bo Ray"]
    ada = boxes[0]
    assert ada.select_one(".role").get_text() == "Chief reporter"
    assert "Ada covers the council." in text(ada)
    assert "Second paragraph" not in text(ada)  # only the bio's first paragraph
    img = ada.img
    # The 300x200 photo becomes square avatars (images plugin), each size in srcset.
    assert (img["width"], img["height"], img["alt"]) == ("200", "200", "Ada Lane at her desk")
    assert [entry.split()[1] for entry in img["srcset"].split(", ")] == ["96w", "192w", "200w"]
    for entry in img["srcset"].split(", "):
        assert (two_authors.output / entry.split()[0].lstrip("/")).is_file()
    assert [a["href"] for a in ada.select(".author-links a")] == [
        "https://x.com/ada_lane",
        "mailto:ada@example.org",
    ]
    more = ada.find("a", string="View all posts by Ada Lane →")
    assert more["href"] == "/author/ada-lane/"
    # No photo: a generated initials avatar, decorative beside the name, in every size.
    initials = boxes[1].img
    assert (initials["width"], initials["height"], initials["alt"]) == ("400", "400", "")
    assert "bo-ray-initials" in initials["src"]
    for entry in initials["srcset"].split(", "):
        assert (two_authors.output / entry.split()[0].lstrip("/")).is_file()


def test_both_author_pages_list_the_joint_article(two_authors):
    assert "Joint story" in listed_titles(two_authors, "/author/ada-lane/")
    assert listed_titles(two_authors, "/author/bo-ray/") == ["Joint story"]


def test_author_page_is_paginated_newest_first(two_authors):
    first = [a.get_text() for a in two_authors.page("/author/ada-lane/").select(".cards h3 a")]
    second = [
        a.get_text() for a in two_authors.page("/author/ada-lane/page/2/").select(".cards h3 a")
    ]
    assert first == ["Solo story 5", "Solo story 4"]
    assert second == ["Solo story 3", "Joint story"]


def test_author_page_shows_profile_and_feed(two_authors):
    page = two_authors.page("/author/ada-lane/")
    assert page.h1.get_text() == "Ada Lane"
    assert page.select_one(".profile .role").get_text() == "Chief reporter · Lakeside"
    assert "Second paragraph of the bio." in text(page.select_one(".bio"))
    feed = page.find("a", string="Atom feed of Ada Lane’s articles")
    assert feed["href"] == "/feeds/author/ada-lane.atom.xml"
    assert (two_authors.output / "feeds/author/ada-lane.atom.xml").is_file()


def test_new_hire_without_articles_has_a_page(two_authors):
    page = two_authors.page("/author/cy-new/")
    assert page.h1.get_text() == "Cy New"
    assert "No articles yet." in page.get_text()


def test_authors_index_lists_everyone_with_counts(two_authors):
    items = two_authors.page("/authors/").select(".author-grid li")
    summary = [(li.h2.get_text(), li.select("p")[-1].get_text()) for li in items]
    assert summary == [
        ("Ada Lane", "4 articles"),
        ("Bo Ray", "1 article"),
        ("Cy New", "0 articles"),
    ]


def test_authors_without_a_published_story_are_listed_apart(two_authors):
    page = two_authors.page("/authors/")
    first, second = page.select("ul.author-grid")
    assert [h.get_text() for h in first.select("h2")] == ["Ada Lane", "Bo Ray"]
    assert [h.get_text() for h in second.select("h2")] == ["Cy New"]
    heading = page.find(id=second["aria-labelledby"])
    assert heading.get_text() == "Contributors without a published story yet"


def test_every_author_on_the_index_has_an_image_file(two_authors):
    for li in two_authors.page("/authors/").select(".author-grid li"):
        assert (two_authors.output / li.img["src"].lstrip("/")).is_file(), li.h2.get_text()


def test_profile_page_json_ld(two_authors):
    script = two_authors.page("/author/ada-lane/").find("script", type="application/ld+json")
    graph = json.loads(script.string)["@graph"]
    page = next(n for n in graph if n["@type"] == "ProfilePage")
    person = next(n for n in graph if n["@id"] == page["mainEntity"]["@id"])
    assert person["@type"] == "Person"
    assert person["name"] == "Ada Lane"
    assert person["url"] == "http://127.0.0.1:8000/author/ada-lane/"
    assert person["jobTitle"] == "Chief reporter"
    assert person["sameAs"] == ["https://x.com/ada_lane"]
    # The largest square avatar, a file the build wrote (the original keeps its EXIF out).
    image = person["image"].removeprefix("http://127.0.0.1:8000/")
    assert image.startswith("images/ada-") and image.endswith("-avatar-200.jpg")
    assert (two_authors.output / image).is_file()
    assert person["description"] == "Ada covers the council."


def test_article_persons_match_the_author_pages(two_authors):
    def persons(url):
        script = two_authors.page(url).find("script", type="application/ld+json")
        return {n["@id"]: n for n in json.loads(script.string)["@graph"] if n["@type"] == "Person"}

    on_article = persons("/2026/11/joint-story/")
    on_profile = persons("/author/ada-lane/")
    ada_id = "http://127.0.0.1:8000/author/ada-lane/#person"
    assert set(on_article) == {ada_id, "http://127.0.0.1:8000/author/bo-ray/#person"}
    shared = {k: v for k, v in on_profile[ada_id].items() if k != "description"}
    assert on_article[ada_id] == shared


def test_unknown_author_fails_the_build(site):
    from tests.support import BuildFailed

    site.add_article("story", article(authors=["ada-lane", "jane-doe"]))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert failure.value.messages == [
        f"{site.content}/articles/story.md:6: authors: no profile 'jane-doe' in content/authors/"
    ]
