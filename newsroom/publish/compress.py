"""Precompressed siblings (`x.html.gz`, `x.html.br`) for text assets, served as-is by nginx
`gzip_static` / `brotli_static`.

Output is deterministic (gzip header without name or time), so a rebuild gives byte-identical
siblings and rsync --checksum sees them as unchanged; a sibling that already decodes to the
file's bytes is left alone (not even re-encoded).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import brotli

TEXT_SUFFIXES = (".html", ".css", ".js", ".xml", ".json", ".txt", ".svg", ".webmanifest")


@dataclass
class CompressReport:
    written: list[str] = field(default_factory=list)  # siblings created or changed
    unchanged: int = 0  # siblings already up to date


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0 and no filename: the same input always gives the same bytes.
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, quality: int = 11) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality)


DECODERS = {".gz": gzip.decompress, ".br": brotli.decompress}


def _up_to_date(sibling: Path, data: bytes) -> bool:
    """The sibling exists and decodes to exactly `data` (decoding is far cheaper than
    brotli's best compression, and a sibling made with other settings is still valid)."""
    try:
        return DECODERS[sibling.suffix](sibling.read_bytes()) == data
    except (OSError, EOFError, gzip.BadGzipFile, brotli.error):
        return False


def compressible_files(site_dir: Path, min_bytes: int) -> list[Path]:
    return sorted(
        p
        for p in Path(site_dir).rglob("*")
        if p.suffix.lower() in TEXT_SUFFIXES and p.is_file() and p.stat().st_size >= min_bytes
    )


def compress_site(site_dir, min_bytes: int = 256, brotli_quality: int = 11) -> CompressReport:
    """Write .gz and .br siblings for text files of at least `min_bytes` bytes.

    A sibling that would not be smaller than the file is not written (and an old one removed):
    the server then sends the file itself.
    """
    report = CompressReport()
    encoders = {".gz": gzip_bytes, ".br": lambda d: brotli_bytes(d, brotli_quality)}
    for source in compressible_files(Path(site_dir), min_bytes):
        data = source.read_bytes()
        for suffix, encode in encoders.items():
            sibling = source.with_name(source.name + suffix)
            if _up_to_date(sibling, data):
                report.unchanged += 1
                continue
            packed = encode(data)
            if len(packed) >= len(data):
                sibling.unlink(missing_ok=True)
            else:
                sibling.write_bytes(packed)
                report.written.append(sibling.relative_to(site_dir).as_posix())
    return report
