"""Load every hostile page in headless Chromium: no dialog may open, no payload may log."""

from __future__ import annotations

import asyncio
import functools
import http.server
import threading

import pytest

from newsroom.quality import CHROMIUM, LAUNCH_ARGS
from tests.hostile.payloads import BODY_PAYLOADS, MARK
from tests.hostile.sites import body_url

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (apt-get install -y chromium)",
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(hostile_build):
    handler = functools.partial(_QuietHandler, directory=str(hostile_build.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def payload_urls(hostile_build) -> list[str]:
    urls = list(hostile_build.payload_pages)
    urls += [body_url(index) for index in range(len(BODY_PAYLOADS))]
    urls += [f"author/{url.rstrip('/').split('/')[-1]}/" for url in hostile_build.payload_pages]
    urls += ["", "feeds/all.atom.xml"]
    return sorted(set(urls))


async def _only_own_documents(origin, route):
    """Our server only (a payload reaching elsewhere is blocked, not fetched); images and fonts
    are skipped because they cannot run script and only slow the check down."""
    request = route.request
    if request.url.startswith(origin) and request.resource_type not in {"image", "font", "media"}:
        await route.continue_()
    else:
        await route.abort()


async def _visit_all(origin: str, urls: list[str], tabs: int = 3) -> dict:
    """Load every URL in a few tabs at once; return what the listeners saw."""
    from playwright.async_api import async_playwright  # noqa: PLC0415

    seen = {"dialogs": [], "console": [], "errors": [], "loaded": [], "failed": []}
    queue = list(urls)

    async def worker(context):
        page = await context.new_page()

        async def on_dialog(dialog):
            seen["dialogs"].append((page.url, dialog.message))
            await dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda msg: seen["console"].append((page.url, msg.text)))
        page.on("pageerror", lambda exc: seen["errors"].append((page.url, str(exc))))
        while queue:
            url = queue.pop()
            response = await page.goto(f"{origin}/{url}", wait_until="load")
            await page.mouse.move(200, 200)  # for onmouseover payloads
            ok = response is not None and response.ok
            seen["loaded" if ok else "failed"].append(url)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = await browser.new_context()
        await context.route("**/*", functools.partial(_only_own_documents, origin))
        await asyncio.gather(*(worker(context) for _ in range(tabs)))
        await browser.close()
    return seen


def test_no_payload_runs_in_a_browser(hostile_build, served):
    urls = payload_urls(hostile_build)
    seen = asyncio.run(_visit_all(served, urls))
    assert seen["failed"] == []
    assert len(seen["loaded"]) == len(urls) >= 100
    assert seen["dialogs"] == []
    assert [m for m in seen["console"] if MARK in m[1]] == []
    assert [e for e in seen["errors"] if MARK in e[1]] == []


def test_the_browser_check_sees_a_script_that_runs(served, hostile_build):
    """The listeners are live: a page that calls alert() and console.log() is caught."""
    trap = hostile_build.output / "trap.html"
    trap.write_text(f"<script>alert('{MARK}'); console.log('{MARK}')</script>", "utf-8")
    try:
        seen = asyncio.run(_visit_all(served, ["trap.html"], tabs=1))
    finally:
        trap.unlink()
    assert [message for _, message in seen["dialogs"]] == [MARK]
    assert [text for _, text in seen["console"] if text == MARK] == [MARK]
