"""Real servers for the publish tests: sshd and nginx on free ports of 127.0.0.1, each with
throwaway keys and configuration under a temp directory, stopped when the module ends."""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.servers import binary as _binary
from tests.servers import free_port as _free_port
from tests.servers import start_nginx
from tests.servers import stop as _stop
from tests.servers import wait_for_port as _wait_for_port


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
        http_port = start_nginx(nginx, home, home / "srv" / "current", processes)
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
