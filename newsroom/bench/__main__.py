"""`python -m newsroom.bench`: measure build speed and memory, write docs/performance.md."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from pathlib import Path

from .measure import ROOT, SETTINGS, BenchOptions, run_benchmark
from .related import measure_related
from .report import now, write_report

SMOKE_SIZE = 50
LARGE_SIZE = 100_000


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--sizes: expected comma-separated article counts like 1000,10000, got {text!r}"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"--sizes: expected counts of 1 or more, got {text!r}")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m newsroom.bench",
        description="Build a generated corpus with our site, with vanilla Pelican and with Hugo; "
        "report wall time, CPU time and peak memory for full, one-edit and no-change builds, "
        "and profile where our build spends its time.",
    )
    parser.add_argument(
        "--sizes", type=parse_sizes, default=[1000, 10_000], help="article counts (1000,10000)"
    )
    parser.add_argument("--large", action="store_true", help=f"also {LARGE_SIZE:,} articles")
    parser.add_argument(
        "--repeat", type=int, help="runs per size; medians are reported (default 3 ≤1k, else 1)"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"CI check: {SMOKE_SIZE} articles, one run, report into the work folder",
    )
    parser.add_argument("--settings", type=Path, default=SETTINGS, help="our site's settings")
    parser.add_argument(
        "--report-dir",
        type=Path,
        help="where performance.md/.svg go (default docs/; with --smoke the work folder)",
    )
    parser.add_argument("--workdir", type=Path, help="corpus and output folder (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--from-json", type=Path, help="measure nothing: rewrite the report from saved results"
    )
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    sizes = [SMOKE_SIZE] if args.smoke else list(args.sizes)
    if args.large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    repeat = 1 if args.smoke and not args.repeat else args.repeat
    report_dir = args.report_dir or ROOT / "docs"
    if args.smoke and not args.report_dir:
        # A smoke run's figures mean nothing: never overwrite the real ones in docs/.
        report_dir = args.workdir or Path(tempfile.mkdtemp(prefix="newsroom-bench-smoke-"))
    options = BenchOptions(
        sizes=sizes, repeat=repeat, settings=args.settings, workdir=args.workdir, keep=args.keep
    )
    command = "python -m newsroom.bench " + shlex.join(argv if argv is not None else sys.argv[1:])
    if args.from_json:
        results = json.loads(args.from_json.read_text())
    else:
        results = run_benchmark(options, log=lambda line: print(line, file=sys.stderr, flush=True))
        results["related"] = measure_related(sizes)
        results["command"] = command.strip()
        results["plugins"] = _plugins(args.settings)
        results["date"] = now()
    write_report(
        results,
        report_dir / "performance.md",
        report_dir / "performance.svg",
        results.get("command", command.strip()),
        results.get("plugins") or _plugins(args.settings),
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(f"Wrote {report_dir / 'performance.md'} and {report_dir / 'performance.svg'}")
    return 0


def _plugins(settings: Path) -> list[str]:
    from pelican.settings import read_settings  # noqa: PLC0415

    return [str(p) for p in read_settings(str(settings)).get("PLUGINS") or []]


if __name__ == "__main__":
    sys.exit(main())
