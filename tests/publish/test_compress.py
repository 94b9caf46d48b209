"""Precompressed siblings: deterministic, never rewritten when unchanged."""

from __future__ import annotations

import gzip

import brotli

from newsroom.publish.compress import compress_site

TEXT = "<p>The lighthouse keeper reports calm seas and one curious seal.</p>\n" * 20


def test_text_files_get_gzip_and_brotli_siblings_that_decode_to_the_file(tmp_path):
    (tmp_path / "index.html").write_text(TEXT)
    (tmp_path / "tiny.css").write_text("a{}")
    (tmp_path / "photo.jpg").write_bytes(TEXT.encode())

    report = compress_site(tmp_path, min_bytes=256, brotli_quality=5)

    assert sorted(report.written) == ["index.html.br", "index.html.gz"]
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()).decode() == TEXT
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()).decode() == TEXT


def test_output_is_byte_identical_across_builds(tmp_path):
    for build in ("a", "b"):
        (tmp_path / build).mkdir()
        (tmp_path / build / "feed.xml").write_text(TEXT)
        compress_site(tmp_path / build)
    for suffix in (".gz", ".br"):
        name = "feed.xml" + suffix
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_up_to_date_siblings_are_not_rewritten_and_stale_ones_are(tmp_path):
    (tmp_path / "app.js").write_text(TEXT)
    compress_site(tmp_path)
    sibling = tmp_path / "app.js.gz"
    written_at = sibling.stat().st_mtime_ns

    again = compress_site(tmp_path)
    assert again.written == [] and again.unchanged == 2
    assert sibling.stat().st_mtime_ns == written_at

    (tmp_path / "app.js").write_text(TEXT + "<p>Update: the seal has left.</p>\n")
    changed = compress_site(tmp_path)
    assert sorted(changed.written) == ["app.js.br", "app.js.gz"]
    assert gzip.decompress(sibling.read_bytes()).decode().endswith("has left.</p>\n")
