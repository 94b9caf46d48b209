"""`invoke livereload`: a resident preview. Build once, serve the output folder, and on every
saved file under the content folder, the theme, the plugins or the settings file build again in
this process (its caches stay warm, so only changed pages are rendered), then tell open pages to
reload.

Reload protocol: each HTML page is served with newsroom/preview_reload.html inserted before
`</body>` (at serve time only: the files on disk are `invoke build`'s, byte for byte). The
script holds the id of the build it was served from and listens to /_preview/events, a stream
of server-sent `reload` events, each carrying the id of the last good build: the first is sent
on connect, the next after each good build. A page whose id differs reloads itself. A failed
build prints its errors and sends nothing: pages keep showing the last good build.

A change to the plugins' Python code restarts the process (imported modules are not
reloaded); open pages reconnect and reload once it has built.
"""

from __future__ import annotations

import http.server
import io
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from watchfiles import watch

from newsroom.build import ROOT, BuildFailed, build, load_settings, print_failure
from newsroom_core.output import CONTENT_URLS_REPORT

EVENTS_PATH = "/_preview/events"
RELOAD_SCRIPT = Path(__file__).with_name("preview_reload.html")
KEEPALIVE_SECONDS = 15  # an idle event stream sends a comment this often, to notice closed pages
RECONNECT_MS = 300  # how soon a page reconnects to a restarted preview
# A changed file whose mtime is older than this when watchfiles reports it was moved or copied
# in with its old mtime: its save time is the report's time.
OLD_MTIME_SECONDS = 10


class Preview:
    """The resident preview: its server, the last good build, the moved URLs."""

    def __init__(
        self, settings_file: Path, output: Path, overrides=None, host="127.0.0.1", port=8000
    ):
        self.settings_file = Path(settings_file).resolve()
        self.output = Path(output).resolve()
        self.overrides = dict(overrides or {})
        self.script = RELOAD_SCRIPT.read_text(encoding="utf-8")
        self.started = time.time_ns()  # build ids differ across a restart
        self.builds = 0
        self.build_id = ""  # the last good build's; "" until there is one
        self.built = threading.Condition()
        self.urls: dict[str, str] = {}  # source -> URL of each article and page, drafts too
        self.moved: dict[str, str] = {}  # a URL a retitle left behind -> the story's URL now
        settings = load_settings(self.settings_file, self.overrides)
        self.plugins = [Path(folder).resolve() for folder in settings["PLUGIN_PATHS"]]
        watched = [settings["PATH"], settings["THEME"], *self.plugins, self.settings_file]
        self.watched = [Path(path) for path in watched if Path(path).exists()]
        self.server = PreviewServer((host, port), self)

    def run(self) -> None:
        """Build, serve, and rebuild on each save until interrupted (Ctrl-C)."""
        self.rebuild("built", time.time())
        host, port = self.server.server_address[:2]
        print(f"Previewing {self.output} at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
        for draft in sorted((self.output / "drafts").glob("**/index.html")):
            print(f"  draft: http://{host}:{port}/{draft.parent.relative_to(self.output)}/")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        try:
            # step: a batch is handed over 20 ms after its last change (watchfiles' default
            # is 50); an editor's save is one or two events.
            for changes in watch(*self.watched, step=20):
                noticed = time.time()
                if any(self.is_plugin_code(Path(path)) for _, path in changes):
                    self.restart()
                self.rebuild("rebuilt", saved_at(changes, noticed))
        except KeyboardInterrupt:
            pass
        finally:
            self.server.server_close()

    def is_plugin_code(self, path: Path) -> bool:
        return path.suffix == ".py" and any(path.is_relative_to(folder) for folder in self.plugins)

    def restart(self) -> None:
        print("Plugin code changed: restarting the preview", flush=True)
        self.server.server_close()
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])

    def rebuild(self, verb: str, saved: float) -> None:
        """Build; on success print the time from `saved` and tell the pages to reload."""
        try:
            result = build(self.settings_file, self.output, self.overrides)
        except BuildFailed as failure:
            print_failure(failure)
            print("Still serving the last good build.", file=sys.stderr, flush=True)
            return
        except Exception:  # noqa: BLE001 - a preview outlives a plugin's crash; so does its server
            traceback.print_exc()
            print("Still serving the last good build.", file=sys.stderr, flush=True)
            return
        seconds = time.time() - saved
        rendered = result.report.get("pages rendered")
        counted = f": {len(rendered)} pages rendered" if rendered is not None else ""
        print(f"{verb} in {seconds:.2f} s{counted}", flush=True)
        self.follow_moves(result.report.get(CONTENT_URLS_REPORT, {}))
        with self.built:
            self.builds += 1
            self.build_id = f"{self.started}-{self.builds}"
            self.built.notify_all()

    def follow_moves(self, urls: dict[str, str]) -> None:
        """A retitled draft, or a story that never went live, gets a new URL: its old one
        redirects to the new one for the rest of this preview, so an open page reloads into
        the story."""
        for source, url in urls.items():
            old = self.urls.get(source, url)
            if old != url:
                for gone, now in self.moved.items():
                    if now == old:  # retitled twice: the first URL goes to the newest too
                        self.moved[gone] = url
                self.moved[old] = url
        self.urls = urls

    def wait_for_build(self, shown: str, timeout: float) -> str:
        """The last good build's id, once it is not `shown` (or after `timeout`)."""
        with self.built:
            self.built.wait_for(lambda: self.build_id != shown, timeout)
            return self.build_id

    def with_reload_script(self, page: bytes) -> bytes:
        head, body_end, tail = page.rpartition(b"</body>")
        if not body_end:
            return page
        script = self.script.replace("{build}", self.build_id).encode()
        return head + script + body_end + tail


def saved_at(changes, noticed: float) -> float:
    """When a batch of changes was saved: the earliest mtime of the changed files still there;
    when watchfiles `noticed` it for a deletion, or for a file that came with an old mtime."""
    mtimes = [os.stat(path).st_mtime for _, path in changes if os.path.exists(path)]
    earliest = min(mtimes, default=noticed)
    return earliest if noticed - earliest < OLD_MTIME_SECONDS else noticed


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # open event streams do not hold up Ctrl-C

    def __init__(self, address, preview: Preview):
        self.preview = preview
        super().__init__(address, PreviewHandler)


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """The output folder, HTML with the reload script, and the event stream."""

    def __init__(self, request, client_address, server: PreviewServer):
        super().__init__(request, client_address, server, directory=str(server.preview.output))

    def do_GET(self):
        if self.path == EVENTS_PATH:
            self.send_events()
        else:
            super().do_GET()

    def send_head(self):
        preview = self.server.preview
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url_path.endswith("/"):
            path = path / "index.html"
        if not path.exists() and url_path.lstrip("/") in preview.moved:
            self.send_response(302)
            self.send_header("Location", "/" + preview.moved[url_path.lstrip("/")])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        page = preview.with_reload_script(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(page)

    def send_events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        shown = ""
        try:
            self.wfile.write(f"retry: {RECONNECT_MS}\n\n".encode())
            while True:
                build_id = self.server.preview.wait_for_build(shown, KEEPALIVE_SECONDS)
                if build_id == shown:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(f"event: reload\ndata: {build_id}\n\n".encode())
                    shown = build_id
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """Quiet: the console is for builds."""


def main(argv=None) -> None:
    """`python -m newsroom.preview`: build, serve with live reload, rebuild on every save."""
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    overrides = {"PATH": str(Path(args.content).resolve())} if args.content else {}
    Preview(Path(args.settings), Path(args.output), overrides, args.host, args.port).run()


if __name__ == "__main__":
    main()
