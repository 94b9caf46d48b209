"""`invoke sample --remove`: take the invented Lakeside Ledger content out of content/.

Only the files listed here go (a newsroom's own articles stay), with the images that nothing
left behind uses (SITE_LOGO's stays). A sample story whose URL is in the URL ledger went live:
removing it would break that URL, so it is refused unless `force`, which also drops its
ledger entries (the newsroom accepts that those URLs now answer 404).
"""

from __future__ import annotations

from pathlib import Path

from newsroom.scaffold import ScaffoldError  # also puts plugins/ on the path
from newsroom_core.ledger import Ledger, ledger_file, read_ledger, write_ledger

SAMPLE_DOCUMENTS = (
    "articles/2026/bakery-second-shop.md",
    "articles/2026/budget-preview.md",
    "articles/2026/bus-passengers.md",
    "articles/2026/choir-album.md",
    "articles/2026/ferry-timetable.md",
    "articles/2026/flood-summit.md",
    "articles/2026/harbour-festival.md",
    "articles/2026/herons-record.md",
    "articles/2026/library-hours.md",
    "articles/2026/mill-lane.md",
    "articles/2026/quieter-turbines.md",
    "articles/2026/rail-freight.md",
    "articles/2026/summer-ferries.md",
    "articles/2026/weather-station.md",
    "authors/amara-okafor.md",
    "authors/jonas-weber.md",
    "authors/priya-raman.md",
    "authors/tomas-lindqvist.md",
    "pages/about.md",
    "pages/contact.md",
    "pages/corrections-policy.md",
)
IMAGE_FOLDER = "images"


class SampleError(ScaffoldError):
    """The sample cannot be removed as asked; the message names the fix."""


def remove_sample(settings, *, force: bool = False) -> list[str]:
    """Remove the sample documents and their now-unused images; return what went."""
    content = Path(settings["PATH"])
    documents = [content / name for name in SAMPLE_DOCUMENTS if (content / name).is_file()]
    _check_ledger(settings, content, documents, force=force)
    images = _unused_images(settings, content, documents)
    for path in documents + images:
        path.unlink()
    _remove_empty_folders(content)
    return sorted(path.relative_to(content).as_posix() for path in documents + images)


def _check_ledger(settings, content: Path, documents: list[Path], *, force: bool) -> None:
    path = ledger_file(settings)
    if not path.is_file():
        return
    ledger, errors = read_ledger(path)
    if errors:
        raise SampleError("\n".join(str(error) for error in errors))
    sources = {doc.relative_to(content).as_posix() for doc in documents}
    live = [entry for entry in ledger.entries if entry.source in sources]
    if live and not force:
        urls = ", ".join(f"/{entry.url} ({entry.source})" for entry in live)
        raise SampleError(
            f"{path}: these sample URLs went live: {urls}; removing them would break them. "
            "Withdraw them instead (see README, Stable URLs), or run `invoke sample --remove "
            "--force` to remove them and their ledger entries (the URLs then answer 404)"
        )
    if live:
        kept = tuple(entry for entry in ledger.entries if entry.source not in sources)
        write_ledger(path, Ledger(kept))


def _unused_images(settings, content: Path, documents: list[Path]) -> list[Path]:
    """Images a removed document names and no kept document (nor SITE_LOGO) does."""
    folder = content / IMAGE_FOLDER
    if not folder.is_dir():
        return []
    removed = "\n".join(doc.read_text(encoding="utf-8") for doc in documents)
    kept_docs = sorted(set(content.rglob("*.md")) - set(documents))
    kept = "\n".join(doc.read_text(encoding="utf-8") for doc in kept_docs)
    kept += "\n" + str(settings.get("SITE_LOGO") or "")
    images = sorted(p for p in folder.rglob("*") if p.is_file())
    names = [(p, p.relative_to(content).as_posix()) for p in images]
    return [path for path, name in names if name in removed and name not in kept]


def _remove_empty_folders(content: Path) -> None:
    folders = sorted((p for p in content.rglob("*") if p.is_dir()), reverse=True)
    for folder in folders:
        if not any(folder.iterdir()) and folder.parent != content:
            folder.rmdir()
