"""Build caches kept as one pickle file each: read whole, written whole and atomically.

A file is stored as (version, data). A missing, damaged or older file reads as nothing, so a
cache can only ever cost a rebuild, never a wrong page.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

MISSING = object()


def load_kept(path: Path, version: int):
    """What `save_kept` stored at `path` under `version`, or MISSING."""
    try:
        with path.open("rb") as handle:
            found, data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError):
        return MISSING
    except TypeError:  # not a (version, data) pair
        return MISSING
    return data if found == version else MISSING


def save_kept(path: Path, version: int, data) -> None:
    """Write atomically: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        pickle.dump((version, data), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
