"""Where the releases live: this machine (`local`) or a server over SSH (`rsync`). A host runs
shell scripts there and names rsync destinations; `rsync()` uploads to one."""

from __future__ import annotations

import shlex
from pathlib import Path

from .processes import run

# Files readable by the web server whatever the local umask; no -t: hard-linked files keep
# their first mtime (stable Last-Modified/ETag) and changed files get a fresh one.
RSYNC_BASE = ["rsync", "--recursive", "--links", "--perms", "--chmod=D755,F644", "--checksum"]


class ReleaseHost:
    """Runs shell scripts where the releases live and names rsync destinations there."""

    def __init__(self, config: dict):
        self.config = config
        self.path = config["path"]

    def run(self, script: str, what: str) -> str:
        raise NotImplementedError

    def destination(self, relative: str) -> str:
        raise NotImplementedError

    def rsync_transport(self) -> list[str]:
        return []

    @property
    def location(self) -> str:
        return self.destination("")


class LocalHost(ReleaseHost):
    def __init__(self, config: dict):
        super().__init__(config)
        self.path = str(Path(config["path"]).expanduser().resolve())

    def run(self, script: str, what: str) -> str:
        return run(["sh", "-c", script], what)

    def destination(self, relative: str) -> str:
        return f"{self.path}/{relative}"


class SshHost(ReleaseHost):
    def ssh_command(self) -> list[str]:
        c = self.config
        identity = ["-i", c["identity_file"], "-o", "IdentitiesOnly=yes"]
        return [
            "ssh",
            "-p",
            str(c["port"]),
            *(identity if c["identity_file"] else []),
            "-o",
            "BatchMode=yes",  # never wait for a password prompt
            *c["ssh_options"],
        ]

    def login(self) -> str:
        return (
            f"{self.config['user']}@{self.config['host']}"
            if self.config["user"]
            else (self.config["host"])
        )

    def run(self, script: str, what: str) -> str:
        # The login shell may not be sh; hand the script to sh explicitly.
        return run([*self.ssh_command(), self.login(), "sh -c " + shlex.quote(script)], what)

    def destination(self, relative: str) -> str:
        return f"{self.login()}:{self.path}/{relative}"

    def rsync_transport(self) -> list[str]:
        remote = ["--rsync-path", self.config["rsync_path"]] if self.config["rsync_path"] else []
        return ["-e", shlex.join(self.ssh_command()), *remote]


def release_host(config: dict) -> ReleaseHost:
    return SshHost(config) if config["target"] == "rsync" else LocalHost(config)


def rsync(site_dir: Path, host: ReleaseHost, destination: str, options: list[str]) -> str:
    command = [
        *RSYNC_BASE,
        "--stats",
        *options,
        *host.rsync_transport(),
        *host.config["rsync_options"],
        f"{site_dir}/",
        destination,
    ]
    return run(command, "rsync")
