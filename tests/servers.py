"""Real servers for tests: helpers to start nginx (and other daemons) on free ports of
127.0.0.1 with throwaway configuration under a temp directory.

Used by tests/publish (the deploy target) and tests/browser (the built site served the way
production serves it: HTTPS, HTTP/2, precompressed gzip/brotli siblings, cache headers)."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SBIN_PATH = os.environ.get("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin"
INSTALL_HINT = "scripts/ci-system-packages.sh installs it"
NGINX_MODULES = Path("/usr/lib/nginx/modules")
BROTLI_STATIC_MODULE = NGINX_MODULES / "ngx_http_brotli_static_module.so"
# The server block we ship for production (placeholders: __SITE_PATH__, __LISTEN__, ...).
SHIPPED_NGINX = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"


def binary(name: str, package: str) -> str:
    found = shutil.which(name, path=SBIN_PATH)
    if not found:
        pytest.skip(f"{name} is not installed (package {package}; {INSTALL_HINT})")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"server did not listen on {port}:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# The publish tests' minimal server: only what they assert on.
BASIC_TYPES = "text/html html; text/css css; application/xml xml; image/svg+xml svg;"
BASIC_HTTP = " gzip on; gzip_static on; gzip_types text/css application/xml image/svg+xml;\n"
BASIC_SERVER = "  index index.html;\n  error_page 404 /404.html;\n"

# What production serves: every type the site writes, compressed text (precompressed siblings
# first), long-lived caching for static assets and revalidation for HTML.
PRODUCTION_TYPES = (
    "text/html html; text/css css; text/javascript js mjs; application/json json;"
    " application/xml xml; application/atom+xml atom; application/rss+xml rss;"
    " text/plain txt; image/svg+xml svg; image/webp webp; image/jpeg jpg jpeg;"
    " image/png png; image/x-icon ico; application/wasm wasm;"
    " application/manifest+json webmanifest; font/woff2 woff2;"
)
COMPRESSED_TYPES = (
    "text/css text/javascript application/json application/xml application/atom+xml"
    " application/rss+xml text/plain image/svg+xml application/manifest+json"
)
PRODUCTION_HTTP = (
    f" gzip on; gzip_static on; gzip_vary on; gzip_comp_level 6; gzip_types {COMPRESSED_TYPES};\n"
    " etag on;\n"
)
PRODUCTION_SERVER = (
    "  index index.html;\n  error_page 404 /404.html;\n"
    '  add_header Cache-Control "no-cache" always;\n'
    "  location ~* \\.(?:css|js|mjs|svg|webp|jpe?g|png|ico|woff2|wasm)$ {\n"
    '   add_header Cache-Control "public, max-age=31536000" always;\n  }\n'
    "  location /pagefind/ {\n"
    '   add_header Cache-Control "public, max-age=3600" always;\n  }\n'
)


def brotli_static_available() -> bool:
    return BROTLI_STATIC_MODULE.is_file()


def start_nginx(
    nginx: str,
    home: Path,
    root: Path | str,
    processes: list,
    *,
    types: str = BASIC_TYPES,
    http: str = BASIC_HTTP,
    server: str = BASIC_SERVER,
    tls: tuple[Path, Path] | None = None,
    brotli: bool = False,
) -> int:
    """Start nginx serving `root` on a free port of 127.0.0.1; return the port.

    `tls` is a (certificate, key) pair: the port then speaks HTTPS and HTTP/2. `brotli` loads
    Debian's brotli_static module (libnginx-mod-http-brotli-static) when it is installed."""
    port = free_port()
    if brotli and brotli_static_available():
        http += " brotli_static on;\n"
    listen = f"127.0.0.1:{port}"
    if tls:
        certificate, key = tls
        listen += " ssl http2"
        server = f"  ssl_certificate {certificate};\n  ssl_certificate_key {key};\n" + server
    site = f"{http} server {{\n  listen {listen};\n  root {root};\n{server} }}\n"
    return _run_nginx(nginx, home / "nginx", port, processes, types, site, brotli=brotli)


def start_shipped_nginx(nginx: str, home: Path, site_path: Path, processes: list) -> int:
    """Start nginx with the shipped deploy/nginx.conf for a publish target at `site_path`
    (holding releases/ and current) on a free port; return the port. Without the brotli_static
    module its one line is left out, as deploy/nginx.conf tells an installer to do."""
    port = free_port()
    site = SHIPPED_NGINX.read_text(encoding="utf-8")
    for placeholder, value in (
        ("__SITE_PATH__", str(site_path)),
        ("__LISTEN__", f"127.0.0.1:{port}"),
        ("__SERVER_NAME__", "127.0.0.1"),
    ):
        site = site.replace(placeholder, value)
    if not brotli_static_available():
        site = site.replace("    brotli_static on;\n", "")
    return _run_nginx(nginx, home / "nginx", port, processes, PRODUCTION_TYPES, site, brotli=True)


def _run_nginx(nginx, workdir: Path, port, processes, types, site, *, brotli) -> int:
    """Write the main configuration around `site` (http-block text), start nginx, wait."""
    workdir.mkdir()
    # As root, nginx's workers would switch to "nobody", who cannot read pytest's 0700 temp dirs.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    modules = ""
    if brotli and brotli_static_available():
        modules = f"load_module {BROTLI_STATIC_MODULE};\n"
    temp_paths = "".join(
        f"{kind}_temp_path {workdir}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = workdir / "nginx.conf"
    config.write_text(
        f"{modules}daemon off;\n{user}worker_processes 1;\npid {workdir}/nginx.pid;\n"
        f"error_log {workdir}/error.log;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n access_log off;\n{temp_paths}"
        f" types {{ {types} }}\n"
        " default_type application/octet-stream;\n"
        f"{site}}}\n"
    )
    log = workdir / "error.log"
    log.touch()
    process = subprocess.Popen(
        [nginx, "-p", str(workdir), "-c", str(config), "-e", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("a"),
    )
    processes.append(process)
    wait_for_port(port, process, log)
    return port


@dataclass
class ServedSite:
    """A built site served by nginx over HTTPS and HTTP/2 with a throwaway certificate for the
    site's own host name, precompressed `.br`/`.gz` siblings and cache headers. Chromium
    reaches it under the real origin through `--host-resolver-rules`, trusting only that
    certificate's key (`--ignore-certificate-errors-spki-list`), so a published build's absolute
    URLs, canonical links and robots.txt are exactly what readers and crawlers get."""

    origin: str  # https://lakeside-ledger.example, as in the published build
    port: int
    root: Path
    chrome_args: list[str]  # map the origin's host to our nginx and trust its certificate

    def url(self, path: str) -> str:
        return f"{self.origin}/{path.lstrip('/')}"


def _certificate(home: Path, host: str) -> tuple[Path, Path, str]:
    """A self-signed certificate for `host`; returns (cert, key, base64 SHA-256 of its SPKI)."""
    openssl = binary("openssl", "openssl")
    cert, key = home / "site.crt", home / "site.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "2", "-subj", f"/CN={host}", "-addext", f"subjectAltName=DNS:{host}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    public = subprocess.run(
        [openssl, "x509", "-in", str(cert), "-noout", "-pubkey"],
        check=True,
        capture_output=True,
    ).stdout
    der = subprocess.run(
        [openssl, "pkey", "-pubin", "-outform", "der"],
        input=public,
        check=True,
        capture_output=True,
    ).stdout
    return cert, key, base64.b64encode(hashlib.sha256(der).digest()).decode()


@contextlib.contextmanager
def serve_site(output: Path, home: Path, origin: str):
    """Serve a copy of the built site in `output` as production does, under `origin`'s host
    name (see ServedSite); precompressed siblings are written into the copy first."""
    from newsroom.publish.compress import compress_site  # noqa: PLC0415

    nginx = binary("nginx", "nginx")
    host = urlsplit(origin).hostname
    root = home / "site"
    shutil.copytree(output, root)
    compress_site(root)  # the siblings `invoke publish` uploads
    cert, key, spki = _certificate(home, host)
    processes: list = []
    try:
        port = start_nginx(
            nginx,
            home,
            root,
            processes,
            types=PRODUCTION_TYPES,
            http=PRODUCTION_HTTP,
            server=PRODUCTION_SERVER,
            tls=(cert, key),
            brotli=True,
        )
        yield ServedSite(
            origin=origin.rstrip("/"),
            port=port,
            root=root,
            chrome_args=[
                f"--host-resolver-rules=MAP {host}:443 127.0.0.1:{port}",
                f"--ignore-certificate-errors-spki-list={spki}",
            ],
        )
    finally:
        for process in processes:
            stop(process)
