"""The URL ledger: every URL that went live, the file it came from, and its permanent id.

`invoke publish` writes it (`content/url-ledger.json`, committed with the content, and beside
the releases on the target); every build reads it. A published URL keeps working: a retitled
story keeps its URL, a changed `slug:` leaves a redirect, and a URL whose file is gone stops
the publish. Feed entry ids come from here, so a retitle is not a new story in a feed reader.

One entry per URL, sorted by URL, so a reviewer sees each new URL as one line in the diff.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

from .errors import ContentError

LEDGER_NAME = "url-ledger.json"
ABOUT = (
    "URLs that went live, written by `invoke publish`. Commit it with the content: a published "
    "URL keeps working (retitles keep it, slug changes redirect from it, deletions are refused)."
)
ENTRY_KEYS = ("url", "source", "id", "published")
# What a publish records: the ledger with this build's new live URLs (BuildResult.report).
LIVE_URLS_REPORT = "url ledger"


@dataclass(frozen=True, order=True)
class Entry:
    url: str  # site-relative, as Pelican's `url` (no leading slash)
    source: str  # the file, relative to the content folder
    id: str  # the permanent id (Atom entry id)
    published: str  # ISO 8601 time of the publish that first put it live


@dataclass(frozen=True)
class Ledger:
    entries: tuple[Entry, ...] = ()

    @cached_property
    def _by_source(self) -> dict[str, list[Entry]]:
        by_source: dict[str, list[Entry]] = {}
        for entry in sorted(self.entries, key=_by_time):
            by_source.setdefault(entry.source, []).append(entry)
        return by_source

    @cached_property
    def _by_url(self) -> dict[str, Entry]:
        return {entry.url: entry for entry in self.entries}

    def for_source(self, source: str) -> list[Entry]:
        """The URLs of one file, the one that went live first first."""
        return self._by_source.get(source, [])

    def for_url(self, url: str) -> Entry | None:
        return self._by_url.get(url)

    def with_entries(self, new) -> Ledger:
        """This ledger and `new` entries for URLs it does not hold yet (an entry, once
        written, never changes)."""
        known = {entry.url: entry for entry in self.entries}
        for entry in new:
            known.setdefault(entry.url, entry)
        return Ledger(tuple(sorted(known.values())))

    def to_json(self) -> str:
        entries = [asdict(entry) for entry in self.entries]
        return json.dumps({"about": ABOUT, "entries": entries}, indent=1, ensure_ascii=False) + "\n"


def _by_time(entry: Entry) -> tuple:
    return (entry.published, entry.url)


def ledger_file(settings) -> Path:
    return Path(settings["PATH"]) / LEDGER_NAME


def read_ledger(path: Path) -> tuple[Ledger, list[ContentError]]:
    """The ledger at `path` (an empty one if there is none yet) and what is wrong with it."""
    if not path.is_file():
        return Ledger(), []
    return parse_ledger(path.read_bytes(), f"{path.parent.name}/{path.name}")


def parse_ledger(data: bytes, shown: str) -> tuple[Ledger, list[ContentError]]:
    """A ledger from its bytes; `shown` names the file in errors."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        fix = f"restore it from git (`git checkout -- {shown}`); it is written by publish"
        return Ledger(), [ContentError(shown, line, "ledger", f"not valid JSON ({exc}); {fix}")]
    raw = parsed.get("entries") if isinstance(parsed, dict) else None
    if not isinstance(raw, list):
        return Ledger(), [ContentError(shown, 1, "entries", "expected a list of URL entries")]
    entries, errors = [], []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or set(item) != set(ENTRY_KEYS):
            message = f"expected the keys {', '.join(ENTRY_KEYS)}, got {item!r}"
            errors.append(ContentError(shown, 1, f"entries[{index}]", message))
            continue
        entries.append(Entry(**{key: str(item[key]) for key in ENTRY_KEYS}))
    return Ledger(tuple(sorted(entries))), errors


def write_ledger(path: Path, ledger: Ledger) -> bool:
    """Write `ledger` to `path` unless it is already there; True when the file changed."""
    text = ledger.to_json()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return True


def save_as_for(url: str) -> str:
    """The file that serves `url` (pretty URLs end in '/')."""
    if not url or url.endswith("/"):
        return f"{url}index.html"
    return url if Path(url).suffix else f"{url}/index.html"


def gone_message(entry: Entry) -> str:
    return (
        f"/{entry.url} went live from {entry.source} and this build no longer serves it; "
        f"restore the story and withdraw it (`withdrawn:` with date and reason), or add "
        f"`redirect_from: [/{entry.url}]` to the story that replaces it"
    )
