"""Real servers for the publish tests: sshd and nginx on free ports of 127.0.0.1, each with
throwaway keys and configuration under a temp directory, stopped when the module ends."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

SBIN_PATH = os.environ.get("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin"
INSTALL_HINT = "scripts/ci-system-packages.sh installs it"


def _binary(name: str, package: str) -> str:
    found = shutil.which(name, path=SBIN_PATH)
    if not found:
        pytest.skip(f"{name} is not installed (package {package}; {INSTALL_HINT})")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    pytest.fail(f"server did not listen on {port}:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Server:
    """The deploy target: an account reachable over SSH and the directory nginx serves."""

    ssh_port: int
    client_key: Path
    path: Path  # holds releases/ and current
    http_port: int

    def publish_settings(self, **overrides) -> dict:
        return {
            "SITEURL": "https://harbour-gazette.example",
            "PUBLISH": {
                "target": "rsync",
                "host": "127.0.0.1",
                "user": getpass.getuser(),
                "port": self.ssh_port,
                "path": str(self.path),
                "identity_file": str(self.client_key),
                "ssh_options": [
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-o",
                    "LogLevel=ERROR",
                ],
                "brotli_quality": 5,  # the tests need valid siblings, not the smallest
                **overrides,
            },
        }

    def get(self, path: str, **headers) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}{path}", headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    sshd = _binary("sshd", "openssh-server")
    nginx = _binary("nginx", "nginx")
    _binary("rsync", "rsync")
    _binary("ssh", "openssh-client")
    home = tmp_path_factory.mktemp("servers")
    processes = []
    try:
        ssh_port, client_key = _start_sshd(sshd, home, processes)
        http_port = _start_nginx(nginx, home, processes)
        yield Server(ssh_port, client_key, home / "srv", http_port)
    finally:
        for process in processes:
            _stop(process)


@pytest.fixture
def server(servers):
    """The servers, with an empty deploy directory for each test."""
    shutil.rmtree(servers.path, ignore_errors=True)
    servers.path.mkdir()
    return servers


def _start_sshd(sshd: str, home: Path, processes: list) -> tuple[int, Path]:
    for key in ("host_key", "client_key"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(home / key)], check=True
        )
    shutil.copy(home / "client_key.pub", home / "authorized_keys")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation directory
    port = _free_port()
    config = home / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {home}/host_key\n"
        f"PidFile {home}/sshd.pid\nAuthorizedKeysFile {home}/authorized_keys\n"
        "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nLogLevel ERROR\n"
    )
    log = home / "sshd.log"
    process = subprocess.Popen(
        [sshd, "-D", "-e", "-f", str(config)], stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    processes.append(process)
    _wait_for_port(port, process, log)
    return port, home / "client_key"


def _start_nginx(nginx: str, home: Path, processes: list) -> int:
    port = _free_port()
    (home / "nginx").mkdir()
    # As root, nginx's workers would switch to "nobody", who cannot read pytest's 0700 temp dirs.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(
        f"{kind}_temp_path {home}/nginx/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = home / "nginx" / "nginx.conf"
    config.write_text(
        f"daemon off;\n{user}worker_processes 1;\npid {home}/nginx/nginx.pid;\n"
        f"error_log {home}/nginx/error.log;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n access_log off;\n{temp_paths}"
        " types { text/html html; text/css css; application/xml xml; image/svg+xml svg; }\n"
        " default_type application/octet-stream;\n"
        " gzip on; gzip_static on; gzip_types text/css application/xml image/svg+xml;\n"
        f" server {{\n  listen 127.0.0.1:{port};\n  root {home}/srv/current;\n"
        "  index index.html;\n  error_page 404 /404.html;\n }\n}\n"
    )
    log = home / "nginx" / "error.log"
    log.touch()
    process = subprocess.Popen(
        [nginx, "-p", str(home / "nginx"), "-c", str(config), "-e", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("a"),
    )
    processes.append(process)
    _wait_for_port(port, process, log)
    return port
