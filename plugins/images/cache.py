"""A content-addressed cache of encoded outputs, so a rebuild never re-encodes an unchanged image.

The key covers everything that changes the output bytes: the source bytes, the operation and
its parameters, and PIPELINE_VERSION. Its first eight hex digits also go into the published
file names, which therefore change exactly when the bytes do (safe for immutable caching).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .processing import PIPELINE_VERSION, Encoded


def cache_key(source_digest: str, operation: str, params: dict) -> str:
    payload = json.dumps(
        {
            "pipeline": PIPELINE_VERSION,
            "operation": operation,
            "source": source_digest,
            "params": params,
        },
        sort_keys=True,
        default=list,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


_DIGESTS: dict = {}  # (path, mtime_ns, size) -> digest: one image is often used by many pages


def file_digest(path) -> str:
    stat = os.stat(path)
    stamp = (os.fspath(path), stat.st_mtime_ns, stat.st_size)
    if stamp not in _DIGESTS:
        with open(path, "rb") as handle:
            _DIGESTS[stamp] = hashlib.file_digest(handle, "sha256").hexdigest()
    return _DIGESTS[stamp]


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise OSError(f"missing cached image {path}")
    return path


class ImageCache:
    """`fetch(key, make)` returns cached outputs or calls `make()` once and stores its result.
    `encodes` counts the outputs actually encoded, `hits` the outputs served from the cache."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.encodes = 0
        self.hits = 0

    def fetch(self, key: str, make) -> list[Encoded]:
        entry = self.directory / key[:2] / key
        cached = self._read(entry)
        if cached is not None:
            self.hits += len(cached)
            return cached
        outputs = make()
        self.encodes += len(outputs)
        self._write(entry, outputs)
        return outputs

    def has(self, key: str) -> bool:
        return (self.directory / key[:2] / key / "manifest.json").is_file()

    def store(self, key: str, outputs: list[Encoded]) -> None:
        """Record outputs made elsewhere (a worker process); counted as encodes."""
        self.encodes += len(outputs)
        self._write(self.directory / key[:2] / key, outputs)

    def _read(self, entry: Path):
        try:
            manifest = json.loads((entry / "manifest.json").read_text())
            return [
                Encoded(
                    item["width"],
                    item["height"],
                    item["format"],
                    None,
                    item["variant"],
                    stored=_existing(entry / item["file"]),
                )
                for item in manifest
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged entry: encode again

    def _write(self, entry: Path, outputs: list[Encoded]) -> None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        # Write into a temporary folder and rename, so an interrupted build leaves no half entry.
        staging = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
        manifest = []
        for index, output in enumerate(outputs):
            name = f"{index}.{output.extension}"
            (staging / name).write_bytes(output.payload())
            manifest.append(
                {
                    "file": name,
                    "width": output.width,
                    "height": output.height,
                    "format": output.format,
                    "variant": output.variant,
                }
            )
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1))
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(staging, entry)
