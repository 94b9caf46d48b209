"""Tasks for the news site: `invoke --list` describes each."""

from __future__ import annotations

import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "settings": ROOT / "pelicanconf.py",
    "publish_settings": ROOT / "publishconf.py",
    "output": ROOT / "output",
    "host": "127.0.0.1",
    "port": 8000,
}
sys.path.insert(0, str(ROOT))


def _run_build(settings_file: Path, output: Path) -> None:
    from newsroom.build import main  # noqa: PLC0415

    main(["--settings", str(settings_file), "--output", str(output)])


@task
def build(c, output=None):
    """Build the site with pelicanconf.py into output/ (drafts previewed under /drafts/)."""
    _run_build(CONFIG["settings"], Path(output or CONFIG["output"]))


@task
def clean(c):
    """Remove output/ and the build caches."""
    import shutil  # noqa: PLC0415

    for path in (CONFIG["output"], ROOT / ".cache"):
        shutil.rmtree(path, ignore_errors=True)


@task
def serve(c, port=CONFIG["port"]):
    """Serve output/ on http://127.0.0.1:8000 (Ctrl-C to stop)."""
    import functools  # noqa: PLC0415
    import http.server  # noqa: PLC0415

    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(CONFIG["output"])
    )
    with http.server.ThreadingHTTPServer((CONFIG["host"], int(port)), handler) as server:
        print(f"Serving {CONFIG['output']} at http://{CONFIG['host']}:{port}/")
        server.serve_forever()


@task
def livereload(c, port=CONFIG["port"]):
    """Preview on 127.0.0.1:8000, drafts too: rebuild on each save, reload open pages."""
    from newsroom.preview import Preview  # noqa: PLC0415

    Preview(CONFIG["settings"], CONFIG["output"], host=CONFIG["host"], port=int(port)).run()


@task(help={"format": "text (default) or json", "path": "files or folders (default content/)"})
def lint(c, format="text", path=None):
    """Lint the content: residue, placeholders, attribution, near-duplicates, SEO lengths."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from content_lint import (  # noqa: PLC0415
        content_folders,
        exit_code,
        format_json,
        format_text,
        lint_paths,
    )
    from newsroom.build import load_settings  # noqa: PLC0415

    if format not in ("text", "json"):
        sys.exit(f"lint: --format: expected text or json, got {format!r}")
    settings = load_settings(CONFIG["settings"])
    if path and not Path(path).exists():
        sys.exit(f"lint: --path: no such file or folder: {path}")
    findings = lint_paths([Path(path)] if path else content_folders(settings), settings)
    print(format_json(findings) if format == "json" else format_text(findings))
    sys.exit(exit_code(findings))


@task(
    name="import",
    iterable=["file"],
    help={
        "file": "a raw text file to import (repeat --file for several)",
        "author": "author slug, when the text names none we can match",
        "title": "headline, when the first line is not one",
        "category": "section, e.g. Local",
        "source-url": "the original article's URL, when the text only names the outlet",
        "wordpress": "a WordPress export (Tools > Export > All content, WXR 1.2) to import",
        "uploads": "with --wordpress: a copy of the old site's wp-content/uploads folder",
    },
)
def import_(
    c, file, author=None, title=None, category=None, source_url=None, wordpress=None, uploads=None
):
    """Import raw pasted copy (--file) or a WordPress export (--wordpress) into content/."""
    from newsroom.importer import import_files  # noqa: PLC0415

    if wordpress:
        _import_wordpress(wordpress, uploads)
        return
    if not file:
        sys.exit("import: give at least one --file PATH, or --wordpress EXPORT.xml")
    outcomes = import_files(
        file,
        content_dir=ROOT / "content",
        author=author,
        title=title,
        category=category,
        source_url=source_url,
    )
    sys.exit(1 if any(o.error for o in outcomes) else 0)


def _import_wordpress(export: str, uploads: str | None) -> None:
    from newsroom.build import load_settings  # noqa: PLC0415
    from newsroom.wordpress.command import import_wordpress  # noqa: PLC0415
    from newsroom.wordpress.wxr import ExportError  # noqa: PLC0415

    if not Path(export).is_file():
        sys.exit(f"import: --wordpress: no such file: {export}")
    if uploads and not Path(uploads).is_dir():
        sys.exit(f"import: --uploads: no such folder: {uploads}")
    settings = load_settings(CONFIG["settings"])
    declared = [s["name"] if isinstance(s, dict) else s for s in settings["SECTIONS"]]
    try:
        import_wordpress(export, content_dir=ROOT / "content", declared=declared, uploads=uploads)
    except ExportError as error:
        sys.exit(str(error))


@task(
    positional=["kind", "title"],
    help={
        "kind": "article, author or page",
        "title": "the headline, the author's name or the page title",
        "author": "article: the author's slug (default: the profile named as git user.name)",
        "section": "article: a declared section (default: the first)",
    },
)
def new(c, kind, title, author=None, section=None):
    """Start a draft: `invoke new article "Headline"` (or author "Name", page "Title")."""
    from newsroom.build import load_settings  # noqa: PLC0415
    from newsroom.scaffold import ScaffoldError, create  # noqa: PLC0415

    try:
        path, url = create(
            load_settings(CONFIG["settings"]), kind, title, author=author, section=section
        )
    except ScaffoldError as error:
        sys.exit(f"new: {error}")
    print(f"Wrote {path}\nPreview: {url} (run `invoke livereload`)")


@task(
    help={
        "remove": "remove the invented sample articles, authors, pages and their images",
        "force": "also remove sample stories whose URLs went live (and their ledger entries)",
    }
)
def sample(c, remove=False, force=False):
    """Remove the sample content (--remove), leaving a site that builds with an empty front."""
    from newsroom.build import load_settings  # noqa: PLC0415
    from newsroom.sample import SampleError, remove_sample  # noqa: PLC0415

    if not remove:
        sys.exit("sample: nothing to do; `invoke sample --remove` removes the sample content")
    try:
        removed = remove_sample(load_settings(CONFIG["settings"]), force=force)
    except SampleError as error:
        sys.exit(f"sample: {error}")
    print("\n".join(f"removed content/{name}" for name in removed) or "sample: already gone")


@task(
    help={
        "dry-run": "build and check, list what would change, upload nothing",
        "wait": "wait for a publish already running (default: refuse at once)",
    }
)
def publish(c, dry_run=False, wait=False):
    """Build with publishconf.py, gate (HTML, links, sitemap, lint), precompress, deploy."""
    from newsroom.publish.command import PublishFailed, publish_site  # noqa: PLC0415

    try:
        publish_site(
            CONFIG["publish_settings"], ROOT / ".cache" / "publish", dry_run=dry_run, wait=wait
        )
    except PublishFailed as failure:
        sys.exit(str(failure))


@task(
    help={
        "to": "a release id that was live once (default: the one live before current)",
        "wait": "wait for a publish already running",
    }
)
def rollback(c, to=None, wait=False):
    """Point the live site back at the release that was live before (or --to RELEASE)."""
    from newsroom.publish.command import PublishFailed, rollback_site  # noqa: PLC0415

    try:
        rollback_site(CONFIG["publish_settings"], to=to, wait=wait)
    except PublishFailed as failure:
        sys.exit(str(failure))


@task
def releases(c):
    """List the releases on the target: which is live, where rollback goes, when each was live."""
    from newsroom.publish.command import PublishFailed, list_releases  # noqa: PLC0415

    try:
        print("\n".join(list_releases(CONFIG["publish_settings"])))
    except PublishFailed as failure:
        sys.exit(str(failure))


@task(
    help={
        "sizes": "comma-separated article counts (default 1000,10000)",
        "large": "also 100,000 articles (slow)",
        "smoke": "50 articles, one run: checks the harness, records nothing",
    }
)
def bench(c, sizes=None, large=False, smoke=False):
    """Measure build time and memory against vanilla Pelican and Hugo; write docs/performance.md."""
    args = [sys.executable, "-m", "newsroom.bench"]
    if sizes:
        args += ["--sizes", sizes]
    if large:
        args.append("--large")
    if smoke:
        args.append("--smoke")
    c.run(" ".join(args), pty=False)


@task
def test(c, k=None):
    """Run the test suite (ruff, then pytest)."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    selector = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest -q{selector}", pty=False)


@task(name="settings-doc")
def settings_doc(c):
    """Write the settings table (plugins/newsroom_core/identity.py) into README.md."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from newsroom_core.identity import with_settings_table  # noqa: PLC0415

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    updated = with_settings_table(text)
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
    print(f"README.md: settings table {'updated' if updated != text else 'already current'}")


@task
def screenshots(c):
    """Desktop and phone screenshots of the front, an article and a section front."""
    from newsroom.screenshots import take_screenshots  # noqa: PLC0415

    for path in take_screenshots(
        lambda output: _run_build(CONFIG["settings"], output), ROOT / "docs" / "screenshots"
    ):
        print(path.relative_to(ROOT))


@task
def quality(c):
    """Lighthouse on the published site served by nginx; write docs/quality.md and the chart."""
    from newsroom.quality import main  # noqa: PLC0415

    sys.exit(main(ROOT / "docs"))
