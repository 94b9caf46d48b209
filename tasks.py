"""Tasks for the news site: `invoke --list` describes each."""

from __future__ import annotations

import contextlib
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
    """Rebuild when content, theme or plugins change, and serve on 127.0.0.1:8000."""
    import threading  # noqa: PLC0415

    from watchfiles import watch  # noqa: PLC0415

    build(c)
    threading.Thread(target=serve, args=(c, port), daemon=True).start()
    for _changes in watch(
        ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"
    ):
        print("Change detected, rebuilding...")
        _run_build_keep_serving()


def _run_build_keep_serving():
    with contextlib.suppress(SystemExit):  # the errors were printed; keep watching
        _run_build(CONFIG["settings"], CONFIG["output"])


@task
def test(c, k=None):
    """Run the test suite (ruff, then pytest)."""
    c.run(f"{sys.executable} -m ruff check .", pty=False)
    selector = f" -k {k!r}" if k else ""
    c.run(f"{sys.executable} -m pytest -q{selector}", pty=False)
