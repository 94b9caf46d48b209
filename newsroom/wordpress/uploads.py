"""Attachments: a URL under the old site's wp-content/uploads/ found in a local copy of that
folder (`--uploads DIR`) becomes a file under content/images/wordpress/; any other is remote."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

IMAGES_FOLDER = "images/wordpress"
_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")  # pier-1024x576.jpg is a size of pier.jpg


@dataclass
class Uploads:
    site_url: str
    folder: Path | None
    copies: dict = field(default_factory=dict)  # content-relative path -> source file
    remote: set = field(default_factory=set)

    def local(self, url: str) -> str | None:
        """The content-relative path the file at `url` is copied to, or None (remote)."""
        relative = self._relative(url)
        source = self._found(relative) if relative else None
        if source is None:
            self.remote.add(url)
            return None
        target = f"{IMAGES_FOLDER}/{source.relative_to(self.folder).as_posix()}"
        self.copies[target] = source
        return target

    def _relative(self, url: str) -> str | None:
        parts, site = urlsplit(url), urlsplit(self.site_url)
        if parts.netloc and parts.netloc.lower() != site.netloc.lower():
            return None
        path = unquote(parts.path)
        marker = "/wp-content/uploads/"
        return path.split(marker, 1)[1] if marker in path else None

    def _found(self, relative: str) -> Path | None:
        if self.folder is None or ".." in Path(relative).parts:
            return None
        for candidate in (relative, _SIZED.sub("", relative)):
            path = self.folder / candidate
            if path.is_file():
                return path
        return None
