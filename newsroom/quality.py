"""Lighthouse in Debian's Chromium against the published site served as production serves it;
`invoke quality` writes docs/quality.md and docs/quality.svg, tests/browser gates on the same
runner.

The site is served by nginx (tests/servers.py: HTTPS, HTTP/2, precompressed siblings, cache
headers) under its real origin, which Chromium maps to 127.0.0.1 with `--host-resolver-rules`.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()),
    None,
)
# Headless flags for Debian's Chromium, shared by Lighthouse and every Playwright test.
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The pages Lighthouse audits: the front page, an article with a lead image, an author page.
PAGES = {
    "home": "/",
    "article": "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/",
    "author": "/author/amara-okafor/",
    "section": "/category/local/",
}


@dataclass
class PageAudit:
    """What we keep of one Lighthouse run (mobile defaults, simulated throttling)."""

    url: str
    scores: dict[str, int]  # category -> 0..100
    lcp_ms: float
    cls: float
    transfer_bytes: int
    requests: int
    failing: dict[str, list[str]] = field(default_factory=dict)  # category -> audit ids < 1
    runs: int = 1

    @property
    def perfect(self) -> bool:
        return all(self.scores[c] == 100 for c in CATEGORIES) and self.cls == 0


def _chrome_flag(arg: str) -> str:
    """Lighthouse splits --chrome-flags on spaces and honours `--name="a value"`."""
    if " " not in arg:
        return arg
    name, _, value = arg.partition("=")
    return f'{name}="{value}"'


def lighthouse(url: str, chrome_args: list[str], *, timeout: float = 120) -> dict:
    """One Lighthouse CLI run; returns its JSON report (raises if Lighthouse failed)."""
    flags = " ".join(_chrome_flag(a) for a in LAUNCH_ARGS + chrome_args)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report_path = Path(scratch) / "report.json"
        completed = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report_path}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={flags}",
            ],
            env={"PATH": "/usr/bin:/bin", "HOME": scratch, "CHROME_PATH": CHROMIUM or ""},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if completed.returncode != 0 or not report_path.exists():
            raise RuntimeError(f"lighthouse {url} failed:\n{completed.stderr[-3000:]}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse {url}: {report['runtimeError']['message']}")
    return report


def _below_full(audit: dict) -> bool:
    score = audit.get("score")
    return score is not None and audit.get("scoreDisplayMode") != "informative" and score < 1


def summarise(report: dict) -> PageAudit:
    audits = report["audits"]
    failing = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        failing[name] = [
            ref["id"]
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and _below_full(audits[ref["id"]])
        ]
    requests = audits["network-requests"]["details"]["items"]
    return PageAudit(
        url=report["finalDisplayedUrl"],
        scores={c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        transfer_bytes=int(audits["total-byte-weight"]["numericValue"]),
        requests=len(requests),
        failing={k: v for k, v in failing.items() if v},
    )


def audit(url: str, chrome_args: list[str], *, tries: int = 3) -> PageAudit:
    """Lighthouse on `url`; if the first run is not perfect (every score 100, no layout
    shift), run `tries` times in all and keep the run with the median performance score,
    with the median of the runs' layout shift (Lighthouse's own advice for its run-to-run
    variance, docs/variability.md). Accessibility, best practices and SEO do not vary."""
    runs = [summarise(lighthouse(url, chrome_args))]
    while not runs[0].perfect and len(runs) < tries:
        runs.append(summarise(lighthouse(url, chrome_args)))
    if len(runs) == 1:
        return runs[0]
    median = statistics.median_low(r.scores["performance"] for r in runs)
    chosen = next(r for r in runs if r.scores["performance"] == median)
    chosen.cls = statistics.median_low(r.cls for r in runs)
    chosen.runs = len(runs)
    return chosen


def audit_pages(origin: str, chrome_args: list[str], pages=None) -> dict[str, PageAudit]:
    return {
        name: audit(origin.rstrip("/") + path, chrome_args)
        for name, path in (pages or PAGES).items()
    }


def render_markdown(results: dict[str, PageAudit], version: str, chart: str) -> str:
    lines = [
        "# Quality: Lighthouse on the published sample site",
        "",
        "Written by `invoke quality` (newsroom/quality.py): Lighthouse "
        f"{version}, mobile defaults (simulated slow 4G, 4x CPU slowdown), in Debian's Chromium,",
        "against the `publishconf.py` build served by nginx as production serves it (HTTPS,",
        "HTTP/2, precompressed brotli/gzip, cache headers). `tests/browser` gates every score at",
        "100 and CLS at 0.",
        "",
        f"![LCP and transfer size per page]({chart})",
        "",
        "| page | performance | accessibility | best practices | SEO | LCP | CLS "
        "| transfer | requests |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, page in results.items():
        path = page.url.split("://", 1)[-1].split("/", 1)[-1]
        scores = " | ".join(str(page.scores[c]) for c in CATEGORIES)
        lines.append(
            f"| {name} (`/{path}`) | {scores} | {page.lcp_ms / 1000:.2f} s | {page.cls:g} "
            f"| {page.transfer_bytes / 1024:.1f} KiB | {page.requests} |"
        )
    failing = [
        f"- {name}: {category}: {', '.join(ids)}"
        for name, page in results.items()
        for category, ids in page.failing.items()
    ]
    if failing:
        lines += ["", "Audits below a full score:", "", *failing]
    reruns = [f"{name} ({page.runs} runs)" for name, page in results.items() if page.runs > 1]
    if reruns:
        lines += ["", f"Median-of-runs used for: {', '.join(reruns)}."]
    return "\n".join(lines) + "\n"


def render_svg(results: dict[str, PageAudit]) -> str:
    """Two horizontal bar groups: LCP (seconds, 2.5 s = Lighthouse's 'good' limit) and
    transfer size (KiB) per page."""
    width, bar_max, left, row = 560, 300, 120, 26
    names = list(results)
    groups = [
        ("Largest Contentful Paint (s)", [results[n].lcp_ms / 1000 for n in names], 2.5, "s"),
        ("Transfer size (KiB)", [results[n].transfer_bytes / 1024 for n in names], 50, " KiB"),
    ]
    height = 20 + len(groups) * (30 + row * len(names)) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    y = 20
    for title, values, scale, unit in groups:
        out.append(f'<text x="10" y="{y}" font-weight="bold">{escape(title)}</text>')
        y += 12
        top = max(max(values), scale)
        for name, value in zip(names, values, strict=True):
            length = max(1, round(bar_max * value / top))
            out.append(f'<text x="10" y="{y + 15}">{escape(name)}</text>')
            out.append(
                f'<rect x="{left}" y="{y + 3}" width="{length}" height="16" fill="#2b6cb0"/>'
            )
            out.append(f'<text x="{left + length + 6}" y="{y + 15}">{value:.2f}{unit}</text>')
            y += row
        y += 18
    out.append("</svg>")
    return "\n".join(out) + "\n"


def lighthouse_version() -> str:
    package = NODE_MODULES / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def main(docs: Path = ROOT / "docs") -> int:
    """Build the published site, serve it, run Lighthouse, write docs/quality.{md,svg}."""
    if CHROMIUM is None:
        sys.exit("quality: Debian's chromium is not installed (apt-get install -y chromium)")
    if not LIGHTHOUSE.exists():
        sys.exit("quality: node_modules/ is missing: run `npm ci` (scripts/bootstrap.sh --tests)")
    sys.path.insert(0, str(ROOT))
    from newsroom.build import build, load_settings  # noqa: PLC0415
    from tests.servers import serve_site  # noqa: PLC0415

    settings_file = ROOT / "publishconf.py"
    with tempfile.TemporaryDirectory(prefix="quality-") as scratch:
        home = Path(scratch)
        build(settings_file, home / "output")
        origin = load_settings(settings_file)["SITEURL"]
        (home / "server").mkdir()
        with serve_site(home / "output", home / "server", origin) as site:
            results = audit_pages(site.origin, site.chrome_args)
    docs.mkdir(exist_ok=True)
    (docs / "quality.svg").write_text(render_svg(results), encoding="utf-8")
    markdown = render_markdown(results, lighthouse_version(), "quality.svg")
    (docs / "quality.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0 if all(page.perfect for page in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
