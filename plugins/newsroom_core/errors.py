"""Content errors that read like compiler errors, collected for the whole build.

Pelican skips a file it cannot read, logs one line and exits 0. We collect every problem
instead, print them all as `path:line: field: message`, and fail the build before anything
is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from .paths import display_path


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentErrors(Exception):
    """Raised once per build with every error found; exitcode makes `pelican` exit 1."""

    exitcode = 1

    def __init__(self, errors):
        self.errors = sorted(set(errors))
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        listing = "\n".join(str(e) for e in self.errors)
        super().__init__(f"{count} content {noun}:\n{listing}")

    def __reduce__(self):
        # Unpickling calls the class with `args`, here the message: a worker's errors (or
        # Pelican's --listen --autoreload queue) would come back as the message's characters.
        return type(self), (self.errors,)


class ErrorLog:
    """Errors found during one build. Reset when a build starts (`initialized`)."""

    def __init__(self):
        self.errors: list[ContentError] = []
        self.pending: list = []

    def reset(self) -> None:
        self.errors = []
        self.pending = []

    def add_pending(self, settle) -> None:
        """Work still running elsewhere (the lint, in a worker) whose errors must be in before
        the build decides: `settle()` waits for it and adds them. Called by `raise_if_any`."""
        self.pending.append(settle)

    def settle(self) -> None:
        while self.pending:
            self.pending.pop(0)()

    def add(self, path, line, field, message) -> None:
        self.errors.append(ContentError(str(path), int(line), field, message))

    def extend(self, errors) -> None:
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        self.settle()
        if self.errors:
            errors, self.errors = self.errors, []
            raise ContentErrors(errors)


# One log per process: Pelican gives plugins no per-build object to hang state on.
BUILD_ERRORS = ErrorLog()


def report_at(content, field: str, message: str, *keys: str) -> None:
    """Record `message` for a Pelican content item at the line of the first of `keys` that
    its front matter has (line 1 when none), as `path:line: field: message`."""
    lines = content.metadata.get("_lines", {})
    line = next((lines[key] for key in keys if key in lines), 1)
    BUILD_ERRORS.add(display_path(content.source_path), line, field, message)
