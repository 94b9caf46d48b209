"""The benchmark corpus: deterministic, in both formats, with the promised proportions."""

from __future__ import annotations

import yaml

from newsroom.bench.corpus import CorpusSpec, edit_article, generate
from tests.support import files_in


def _front(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_same_seed_writes_identicalfiles_in(tmp_path):
    first = generate(CorpusSpec(25), tmp_path / "one")
    second = generate(CorpusSpec(25), tmp_path / "two")
    assert files_in(first.root) == files_in(second.root)


def test_another_seed_writes_other_articles(tmp_path):
    first = generate(CorpusSpec(5), tmp_path / "one")
    second = generate(CorpusSpec(5, seed=7), tmp_path / "two")
    assert first.article_paths("ours")[0].read_text() != second.article_paths("ours")[0].read_text()


def test_regenerating_replaces_a_bigger_corpus(tmp_path):
    generate(CorpusSpec(12), tmp_path)
    corpus = generate(CorpusSpec(4), tmp_path)
    assert len(corpus.article_paths("ours")) == len(corpus.article_paths("vanilla")) == 4
    assert len(corpus.article_paths("hugo")) == 4


def test_shapes_and_proportions(tmp_path):
    corpus = generate(CorpusSpec(600), tmp_path)
    fronts = [_front(path) for path in corpus.article_paths("ours")]
    assert len(fronts) == 600
    assert len(list((corpus.ours / "authors").glob("*.md"))) == 40
    assert len({front["category"] for front in fronts}) == 12
    assert len({tag for front in fronts for tag in front["tags"]}) <= 300
    assert len({front["title"] for front in fronts}) == 600
    shares = {
        key: sum(key in front for front in fronts) / len(fronts)
        for key in ("source", "corrections", "image")
    }
    assert 0.06 < shares["source"] < 0.14
    assert 0.005 < shares["corrections"] < 0.04
    assert 0.02 < shares["image"] < 0.08
    for front in fronts:
        if "image" in front:
            assert (corpus.ours / front["image"]).is_file()
    words = len(corpus.article_paths("ours")[0].read_text().split("---\n", 2)[2].split())
    assert 550 <= words <= 750


def test_vanilla_copy_carries_the_same_articles_in_pelican_metadata(tmp_path):
    corpus = generate(CorpusSpec(3), tmp_path)
    ours, vanilla = corpus.article_paths("ours")[1], corpus.article_paths("vanilla")[1]
    front = _front(ours)
    header, body = vanilla.read_text().split("\n\n", 1)
    assert header.splitlines()[0] == f"Title: {front['title']}"
    assert f"Category: {front['category']}" in header
    assert "Tags: " + ", ".join(front["tags"]) in header
    assert body.strip() == ours.read_text().split("---\n", 2)[2].strip()


def test_hugo_site_carries_the_same_articles_in_its_front_matter(tmp_path):
    corpus = generate(CorpusSpec(3), tmp_path)
    authors = {path.stem: _front(path)["name"] for path in (corpus.ours / "authors").glob("*.md")}
    for ours, hugo in zip(corpus.article_paths("ours"), corpus.article_paths("hugo"), strict=True):
        assert hugo.name == ours.name
        front, hugo_front = _front(ours), _front(hugo)
        assert hugo_front == {
            "title": front["title"],
            "date": front["date"],
            "categories": [front["category"]],
            "tags": front["tags"],
            "authors": [authors[slug] for slug in front["authors"]],
            "summary": front["summary"],
        }
        assert hugo.read_text().split("---\n", 2)[2] == ours.read_text().split("---\n", 2)[2]
    assert (corpus.hugo / "hugo.toml").is_file()
    assert files_in(corpus.hugo / "static" / "images") == files_in(corpus.ours / "images")


def test_edit_appends_to_the_body(tmp_path):
    corpus = generate(CorpusSpec(2), tmp_path)
    path = corpus.article_paths("ours")[0]
    before = path.read_text()
    edit_article(path, 3)
    assert path.read_text().startswith(before)
    assert path.read_text().rstrip().endswith("added this line to the story: 3.")


def test_profile_areas_name_plugins_libraries_and_the_standard_library(tmp_path):
    from newsroom.bench.profile import area_of

    root = tmp_path / "repo"
    assert area_of(f"{root}/plugins/news_seo/head.py", root) == "plugin news_seo"
    assert area_of(f"{root}/theme/templates/base.html", root) == "theme templates (Jinja code)"
    assert area_of("/venv/lib/python3.11/site-packages/jinja2/runtime.py", root) == "jinja2"
    assert area_of("/venv/lib/python3.11/site-packages/smartypants.py", root) == "smartypants"
    assert area_of("<frozen posixpath>", root) == "stdlib posixpath"
    assert area_of("<frozen importlib._bootstrap>", root) == "interpreter and imports"
    assert area_of("~", root) == "built-ins"
