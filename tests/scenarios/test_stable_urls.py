"""A URL, once published, keeps working: retitles, slug changes, deletions and withdrawals,
published for real to the `local` target."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET

import pytest

from newsroom.publish.command import PublishFailed, publish_site
from tests.support import (
    BUILD_TIME,
    PUBLISH_SETTINGS,
    ROOT,
    BuildFailed,
    Site,
    article,
    soup,
    unreferenced_images,
)

ATOM = "{http://www.w3.org/2005/Atom}"
FERRY_URL = "2026/11/ferry-timetable-approved/"


@pytest.fixture
def newsroom(tmp_path, target):
    return Newsroom(Site(tmp_path / "site"), tmp_path / "work", target)


class Newsroom:
    def __init__(self, site: Site, workdir, target):
        self.site, self.workdir, self.target = site, workdir, target
        self.messages: list[str] = []

    def publish(self, dry_run=False, build_time=BUILD_TIME):
        overrides = {"PATH": str(self.site.content), "BUILD_TIME": build_time}
        return publish_site(
            PUBLISH_SETTINGS, self.workdir, overrides=overrides, dry_run=dry_run,
            echo=self.messages.append,
        )  # fmt: skip

    def live(self, url: str):
        return soup(self.target / "current", url)

    def serves(self, url: str) -> bool:
        path = self.target / "current" / url
        return (path / "index.html").is_file() if url.endswith("/") else path.is_file()

    def ledger(self) -> dict:
        data = json.loads((self.site.content / "url-ledger.json").read_text(encoding="utf-8"))
        return {entry["url"]: entry for entry in data["entries"]}

    def feed_ids(self) -> dict[str, str]:
        feed = ET.parse(self.target / "current" / "feeds" / "all.atom.xml").getroot()
        return {
            e.find(f"{ATOM}title").text: e.find(f"{ATOM}id").text for e in feed.iter(f"{ATOM}entry")
        }


def test_a_publish_records_each_live_url_with_its_file_and_a_permanent_id(newsroom):
    newsroom.site.add_article("ferry", article())
    newsroom.site.add_article("draft", article(title="Not yet", status="draft"))
    newsroom.publish()
    ledger = newsroom.ledger()
    entry = ledger[FERRY_URL]
    assert entry["source"] == "articles/ferry.md"
    assert (
        entry["id"] == "tag:lakeside-ledger.example,2026-11-02:/2026/11/ferry-timetable-approved/"
    )
    assert entry["published"] == "2026-11-22T12:00:00+00:00"
    assert not any("not-yet" in url for url in ledger)
    assert (newsroom.target / "url-ledger.json").read_bytes() == (
        newsroom.site.content / "url-ledger.json"
    ).read_bytes()
    assert any("new URLs recorded" in m and "commit it" in m for m in newsroom.messages)


def test_a_build_reports_each_source_url_drafts_too_for_the_live_preview(site):
    site.add_article("ferry", article())
    site.add_article("draft", article(title="Not yet", status="draft"))
    site.add_page("about", {"title": "About us"})
    urls = site.build().report["content urls"]
    assert urls == {
        "articles/ferry.md": FERRY_URL,
        "articles/draft.md": "drafts/not-yet/",
        "pages/about.md": "about-us/",
    }


def test_a_retitled_story_keeps_its_url_and_its_feed_entry_id(newsroom):
    path = newsroom.site.add_article("ferry", article())
    newsroom.publish()
    first_id = newsroom.feed_ids()["Ferry timetable approved"]
    path.write_text(path.read_text().replace("Ferry timetable approved", "Ferry timetable set"))
    newsroom.publish()
    assert newsroom.live(FERRY_URL).find("h1").get_text() == "Ferry timetable set"
    assert not newsroom.serves("2026/11/ferry-timetable-set/")
    assert newsroom.feed_ids() == {"Ferry timetable set": first_id}


def test_a_changed_slug_moves_the_story_and_redirects_from_the_old_url(newsroom):
    path = newsroom.site.add_article("ferry", article())
    newsroom.publish()
    path.write_text(path.read_text().replace("title:", "slug: winter-ferries\ntitle:"))
    newsroom.publish()
    new = "https://lakeside-ledger.example/2026/11/winter-ferries/"
    old = newsroom.live(FERRY_URL)
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert old.find("link", rel="canonical")["href"] == new
    assert old.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    redirects = (newsroom.target / "current" / "_redirects").read_text()
    assert redirects == f"/{FERRY_URL} /2026/11/winter-ferries/ 301\n"
    nginx = (newsroom.target / "current" / "redirects.nginx.map").read_text()
    assert f"/{FERRY_URL}index.html /2026/11/winter-ferries/;" in nginx
    sitemap = (newsroom.target / "current" / "sitemap.xml").read_text()
    assert "winter-ferries" in sitemap and "ferry-timetable-approved" not in sitemap
    assert set(newsroom.ledger()) == {FERRY_URL, "2026/11/winter-ferries/"}


def test_deleting_a_published_story_is_refused_before_anything_is_uploaded(newsroom):
    path = newsroom.site.add_article("ferry", article())
    newsroom.site.add_article("other", article(title="Harbour wall repaired"))
    first = newsroom.publish()
    path.unlink()
    with pytest.raises(PublishFailed) as failure:
        newsroom.publish()
    message = str(failure.value)
    assert (
        f"url-ledger.json:1: /{FERRY_URL} went live from articles/ferry.md and this build no "
        "longer serves it; restore the story and withdraw it (`withdrawn:` with date and "
        f"reason), or add `redirect_from: [/{FERRY_URL}]` to the story that replaces it"
    ) in message
    assert (newsroom.target / "current").resolve().name == first.release_id
    assert newsroom.serves(FERRY_URL)


def test_a_redirect_from_the_replacing_story_lets_a_deletion_through(newsroom):
    path = newsroom.site.add_article("ferry", article())
    newsroom.publish()
    path.unlink()
    newsroom.site.add_article(
        "winter",
        article(title="Winter ferries confirmed", redirect_from=[f"/{FERRY_URL}"]),
    )
    newsroom.publish()
    refresh = newsroom.live(FERRY_URL).find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"].endswith("/2026/11/winter-ferries-confirmed/")


def test_a_withdrawn_story_keeps_its_url_as_a_notice_and_leaves_every_list(newsroom):
    shutil.copy(ROOT / "content/images/lantern-parade.jpg", newsroom.site.content / "images/x.jpg")
    front = article(image="images/x.jpg", image_alt="The quay at dusk")
    path = newsroom.site.add_article("ferry", front, "The secret body text.")
    newsroom.site.add_article("other", article(title="Harbour wall repaired"))
    newsroom.publish()
    withdrawal = "withdrawn:\n  date: 2026-11-21\n  reason: The timetable was never approved.\n"
    path.write_text(path.read_text().replace("title:", withdrawal + "title:", 1))
    newsroom.publish()
    notice = newsroom.live(FERRY_URL)
    assert notice.find("h1").get_text() == "Ferry timetable approved"
    assert "The timetable was never approved." in notice.select_one(".withdrawal-reason").text
    assert "secret body" not in str(notice)
    assert notice.find("meta", attrs={"name": "robots"})["content"] == "noindex, follow"
    assert notice.find(attrs={"data-pagefind-body": True}) is None
    current = newsroom.target / "current"
    for listing in ("index.html", "category/local/index.html", "author/ada-lane/index.html"):
        assert FERRY_URL not in (current / listing).read_text(), listing
    for xml in ("sitemap.xml", "news-sitemap.xml", "feeds/all.atom.xml"):
        assert FERRY_URL not in (current / xml).read_text(), xml
    assert unreferenced_images(current) == []
    # No card (named after the slug), rendition, crop or original of its picture.
    files = [p.name for p in current.rglob("*") if p.is_file()]
    assert [n for n in files if n.startswith(("ferry-timetable-approved", "x-", "x."))] == []
    corrections = newsroom.live("corrections/")
    withdrawn = corrections.find(id="withdrawn").find_next("ol")
    assert "The timetable was never approved." in withdrawn.text
    assert withdrawn.find("a")["href"].endswith(f"/{FERRY_URL}")


def test_after_every_kind_of_change_the_previous_release_urls_still_resolve(newsroom):
    """Publish, retitle one story, change another's slug, withdraw a third, delete a fourth
    with a redirect, add a draft and a scheduled story; publish again."""
    site = newsroom.site
    paths = {
        name: site.add_article(name, article(title=title, date=f"2026-11-{day}T09:00:00"))
        for name, title, day in [
            ("ferry", "Ferry timetable approved", "02"),
            ("wall", "Harbour wall repaired", "03"),
            ("school", "School roof fixed", "04"),
            ("market", "Market moves indoors", "05"),
        ]
    }
    newsroom.publish()
    before = [url for url in newsroom.ledger() if url.endswith("/")]
    files = sorted(p.relative_to(newsroom.target / "current") for p in _pages(newsroom))
    ferry, wall, school = paths["ferry"], paths["wall"], paths["school"]
    ferry.write_text(ferry.read_text().replace("Ferry timetable approved", "Ferries get new times"))
    wall.write_text(wall.read_text().replace("title:", "slug: harbour-wall\ntitle:"))
    school.write_text(
        school.read_text().replace(
            "title:", "withdrawn:\n  date: 2026-11-20\n  reason: Wrong school.\ntitle:"
        )
    )
    paths["market"].unlink()
    site.add_article(
        "indoor",
        article(title="Indoor market opens", redirect_from=["/2026/11/market-moves-indoors/"]),
    )
    site.add_article("draft", article(title="Embargoed budget", status="draft"))
    site.add_article("later", article(title="Christmas lights", date="2026-12-20T18:00:00"))
    newsroom.publish()
    for url in before:
        assert newsroom.serves(url), url
    for page in files:
        assert (newsroom.target / "current" / page).is_file(), page
    assert not any("embargoed" in url or "christmas" in url for url in newsroom.ledger())
    assert not list((newsroom.target / "current").glob("**/christmas-lights*"))


def _pages(newsroom):
    return [p for p in (newsroom.target / "current").rglob("index.html")]


def test_a_ledger_url_taken_by_another_story_is_an_error(newsroom):
    path = newsroom.site.add_article("ferry", article())
    newsroom.publish()
    path.write_text(path.read_text().replace("title:", "slug: winter-ferries\ntitle:"))
    newsroom.site.add_article("copy", article(slug="ferry-timetable-approved"))
    with pytest.raises(PublishFailed) as failure:
        newsroom.publish()
    lines = [line.removeprefix(f"{newsroom.site.root}/") for line in str(failure.value).split("\n")]
    assert lines[1:] == [
        f"content/articles/copy.md:8: slug: /{FERRY_URL} went live as articles/ferry.md, which "
        "still exists; give this story another title or a `slug:`"
    ]


def test_a_moved_file_keeps_its_url_and_id(newsroom):
    path = newsroom.site.add_article("ferry", article())
    newsroom.publish()
    first = newsroom.ledger()[FERRY_URL]["id"]
    moved = newsroom.site.content / "articles" / "2026" / "ferry.md"
    moved.parent.mkdir()
    shutil.move(path, moved)
    newsroom.publish()
    assert newsroom.serves(FERRY_URL)
    assert newsroom.feed_ids()["Ferry timetable approved"] == first


def test_another_checkout_learns_the_live_urls_from_the_target(newsroom, tmp_path):
    newsroom.site.add_article("ferry", article())
    newsroom.publish()
    (newsroom.site.content / "url-ledger.json").unlink()  # a checkout that never published
    (newsroom.site.content / "articles" / "ferry.md").unlink()
    with pytest.raises(PublishFailed) as failure:
        newsroom.publish()
    assert f"/{FERRY_URL} went live from articles/ferry.md" in str(failure.value)
    assert FERRY_URL in newsroom.ledger()


def test_a_dev_build_warns_about_a_published_url_it_no_longer_serves(site):
    site.add_article("ferry", article())
    ledger = {
        "about": "",
        "entries": [
            {"url": "2026/10/gone/", "source": "articles/gone.md", "id": "x", "published": "y"}
        ],
    }
    site.write("url-ledger.json", json.dumps(ledger))
    result = site.build()
    assert result.warnings == [
        "/2026/10/gone/ went live from articles/gone.md and this build no longer serves it; "
        "restore the story and withdraw it (`withdrawn:` with date and reason), or add "
        "`redirect_from: [/2026/10/gone/]` to the story that replaces it"
    ]


def test_a_broken_ledger_stops_the_build_with_its_line(site):
    site.add_article("ferry", article())
    site.write("url-ledger.json", '{"entries": [\n  {"url": "x"\n')
    with pytest.raises(BuildFailed) as failure:
        site.build()
    (message,) = failure.value.messages
    assert message.startswith("content/url-ledger.json:3: ledger: not valid JSON (")
    assert message.endswith("restore it from git (`git checkout -- content/url-ledger.json`); "
                            "it is written by publish")  # fmt: skip


def test_a_date_more_than_a_year_ahead_is_an_error_unless_scheduled(site):
    site.add_article("typo", article(date="2062-11-02T09:00:00"))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert [m.removeprefix(f"{site.root}/") for m in failure.value.messages] == [
        "content/articles/typo.md:3: date: 2062-11-02 is more than a year ahead; fix the year, "
        "or add `scheduled: true` if the story really waits that long"
    ]
    site.add_article("typo", article(date="2062-11-02T09:00:00", scheduled=True))
    site.build()
    assert (site.output / "drafts" / "ferry-timetable-approved" / "index.html").is_file()


def test_publish_names_held_back_stories_and_a_timer_run_publishes_them_when_due(newsroom):
    newsroom.site.add_article("ferry", article())
    newsroom.site.add_article(
        "lights", article(title="Christmas lights switched on", date="2026-11-28T18:00:00+00:00")
    )
    first = newsroom.publish()
    held = [m for m in newsroom.messages if m.startswith("publish: held back")]
    assert held == [
        "publish: held back 1 scheduled stories until they are due:\n"
        f"  2026-11-28T18:00:00+00:00  {newsroom.site.content}/articles/lights.md  "
        "Christmas lights switched on"
    ]
    lights = "2026/11/christmas-lights-switched-on/"
    assert not newsroom.serves(lights)

    newsroom.messages.clear()
    again = newsroom.publish()  # a timer run before it is due: nothing to do
    assert again.deployed.unchanged and again.release_id == first.release_id
    assert os.listdir(newsroom.target / "releases") == [first.release_id]
    assert any("nothing changed since release" in m for m in newsroom.messages)

    due = newsroom.publish(build_time="2026-11-28T18:05:00+00:00")
    assert due.release_id != first.release_id
    assert newsroom.serves(lights)
    assert lights in newsroom.ledger()
