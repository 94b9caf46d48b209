"""Desktop and phone screenshots of the front page, an article and a section front
(`invoke screenshots`): the sample site built with pelicanconf.py, served from a temporary
folder on 127.0.0.1, photographed by Playwright in Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from pathlib import Path

from newsroom.quality import CHROMIUM, LAUNCH_ARGS

PAGES = {
    "front": "/",
    "article": "/2026/11/coastal-towns-share-flood-planning-lessons-at-two-day-summit/",
    "section": "/category/local/",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def take_screenshots(build, target: Path) -> list[Path]:
    """`build(output)` writes the site into `output`; one PNG per page and viewport goes into
    `target`, named `<page>-<viewport>.png`. Returns the files written."""
    if CHROMIUM is None:
        raise SystemExit(
            "screenshots: Debian's chromium is not installed (apt-get install -y chromium)"
        )
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    target.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        build(output)
        handler = functools.partial(_QuietHandler, directory=str(output))
        with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            origin = f"http://127.0.0.1:{server.server_address[1]}"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                for view, size in VIEWPORTS.items():
                    context = browser.new_context(viewport=size, color_scheme="light")
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(origin + path, wait_until="networkidle")
                        written.append(target / f"{name}-{view}.png")
                        page.screenshot(path=written[-1])
                    context.close()
                browser.close()
            server.shutdown()
    return written


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass
