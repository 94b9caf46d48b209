"""Write a plan into content/, repeatably.

`content/wordpress-import.json` records, for each WordPress item id, the file it became. An
item already recorded is never written again (an editor may have changed it since); a new
item is written unless its file exists (then it is reported, not overwritten). Author
profiles and images are written only when missing; new sections are appended to
content/sections.yml. Running an import twice changes nothing.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsroom_core.sections import SECTIONS_FILE, sections_from_file

from .plan import ImportPlan

MANIFEST = "wordpress-import.json"


@dataclass
class WriteResult:
    written: list = field(default_factory=list)  # content-relative paths
    kept: list = field(default_factory=list)  # already imported: left as they are
    conflicts: list = field(default_factory=list)  # (path, why) not written
    sections_added: list = field(default_factory=list)
    images_copied: list = field(default_factory=list)


def write_plan(plan: ImportPlan, content_dir: Path) -> WriteResult:
    content_dir = Path(content_dir)
    result = WriteResult()
    manifest = _read_manifest(content_dir / MANIFEST)
    for path, text in plan.files.items():
        wp_id = plan.owner.get(path, "")
        target = content_dir / path
        if wp_id and wp_id in manifest:
            result.kept.append(manifest[wp_id])
            continue
        if target.exists():
            if wp_id:
                result.conflicts.append((path, "a file of that name exists; not overwritten"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        result.written.append(path)
        if wp_id:
            manifest[wp_id] = path
    _copy_images(plan, content_dir, result)
    _add_sections(plan, content_dir, result)
    _write_manifest(content_dir / MANIFEST, manifest)
    return result


def taken_paths(content_dir: Path) -> frozenset:
    """Markdown files under content/ that no earlier import of an export wrote."""
    content_dir = Path(content_dir)
    ours = set(_read_manifest(content_dir / MANIFEST).values())
    found = (p.relative_to(content_dir).as_posix() for p in content_dir.rglob("*.md"))
    return frozenset(path for path in found if path not in ours)


def _read_manifest(path: Path) -> dict:
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("items", {})


def _write_manifest(path: Path, items: dict) -> None:
    ordered = dict(sorted(items.items(), key=lambda pair: (len(pair[0]), pair[0])))
    text = json.dumps({"items": ordered}, indent=1, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _copy_images(plan: ImportPlan, content_dir: Path, result: WriteResult) -> None:
    for relative, source in plan.copies.items():
        target = content_dir / relative
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        result.images_copied.append(relative)


def _add_sections(plan: ImportPlan, content_dir: Path, result: WriteResult) -> None:
    path = content_dir / SECTIONS_FILE
    known = {entry["name"].casefold() for entry in sections_from_file(path)}
    new = [s for s in plan.sections if s["name"].casefold() not in known]
    if not new:
        return
    header = (
        ""
        if path.is_file()
        else (
            "# Sections added by `invoke import --wordpress`, after SECTIONS in pelicanconf.py.\n"
            "# Each: name, optional slug and description. Edit freely.\n"
        )
    )
    dumped = yaml.safe_dump(new, sort_keys=False, allow_unicode=True, width=100)
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    path.write_text(existing + header + dumped, encoding="utf-8")
    result.sections_added.extend(s["name"] for s in new)
