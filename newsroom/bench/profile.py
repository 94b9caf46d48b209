"""Attribute a cProfile of one build to plugins and libraries.

Two views, because they answer different questions:
- self time per area (plugin, library, theme templates): where the CPU actually is; the areas
  add up to the whole build. Built-in functions (str.join, nh3's Rust code...) have no file, so
  their time goes to the areas that called them, in proportion to the calls.
- inclusive time per area: what each plugin or library costs including everything it calls,
  counted on every call that enters the area from outside it. Areas nest (a plugin calls Jinja
  calls a plugin's global), so these do not add up.
"""

from __future__ import annotations

import pstats
import sysconfig
from collections import defaultdict
from pathlib import Path

STDLIB = str(Path(sysconfig.get_paths()["stdlib"]).resolve())
BUILTIN = "built-ins"
INTERPRETER = "interpreter and imports"


def area_of(filename: str, root: Path) -> str:
    """The area a function belongs to, from its source file."""
    if filename == "~":
        return BUILTIN
    if filename.startswith("<frozen "):  # posixpath and friends are frozen since 3.11
        module = filename[len("<frozen ") : -1]
        return INTERPRETER if module.startswith(("importlib", "zipimport")) else f"stdlib {module}"
    if filename.startswith("<"):
        return INTERPRETER
    path = filename.replace("\\", "/")
    root_text = str(root).replace("\\", "/")
    if path.startswith(f"{root_text}/plugins/"):
        return "plugin " + path[len(root_text) + len("/plugins/") :].split("/")[0]
    if path.startswith(f"{root_text}/theme/"):
        return "theme templates (Jinja code)"
    if path.startswith(f"{root_text}/newsroom/"):
        return "newsroom tooling"
    if "/site-packages/" in path:
        package = path.split("/site-packages/", 1)[1].split("/")[0]
        if package.endswith(".py"):
            package = package[:-3]
        return package
    if path.startswith(STDLIB):
        module = path[len(STDLIB) + 1 :].split("/")[0].removesuffix(".py")
        return f"stdlib {module}"
    return "other"


def attribute_profile(stats_file: Path, root: Path, top: int = 15) -> dict:
    stats = pstats.Stats(str(stats_file)).stats
    self_time: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    for function, (_, _, tottime, _, callers) in stats.items():
        area = area_of(function[0], root)
        if area == BUILTIN:
            _share_builtin(tottime, callers, root, self_time)
        else:
            self_time[area] += tottime
        for caller, edge in callers.items():
            if area != BUILTIN and area_of(caller[0], root) != area:
                inclusive[area] += edge[3]  # cumulative time of calls entering from outside
    total = sum(self_time.values())
    hottest = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return {
        "total": total,
        "self": _ranked(self_time),
        "inclusive": _ranked(inclusive),
        "functions": [
            {
                "function": _function_name(name),
                "area": _caller_area(name, values[4], root),
                "self": values[2],
                "calls": values[1],
            }
            for name, values in hottest
        ],
    }


def _share_builtin(tottime, callers, root, self_time) -> None:
    by_area: dict[str, float] = defaultdict(float)
    for caller, edge in callers.items():
        by_area[area_of(caller[0], root)] += edge[2]
    spent = sum(by_area.values())
    if not spent:
        self_time[INTERPRETER] += tottime
        return
    for area, share in by_area.items():
        self_time[area if area != BUILTIN else INTERPRETER] += tottime * share / spent


def _function_name(name: tuple) -> str:
    if name[0] == "~":
        return name[2].strip("<>").replace("built-in method ", "")
    return f"{Path(name[0]).name}:{name[1]}({name[2]})"


def _caller_area(name: tuple, callers: dict, root: Path) -> str:
    """A built-in is named for the area that spends the most time calling it."""
    area = area_of(name[0], root)
    if area != BUILTIN or not callers:
        return area
    caller = max(callers.items(), key=lambda item: item[1][2])[0]
    return "built-in, from " + area_of(caller[0], root)


def _ranked(times: dict[str, float]) -> list[list]:
    return [[area, seconds] for area, seconds in sorted(times.items(), key=lambda kv: -kv[1])]
