"""Image errors that read like compiler errors: `path:line: field: message`."""

from __future__ import annotations

from newsroom_core.errors import ContentErrors


class ImageError(Exception):
    """One bad image. Pure functions raise it with the image's own path; the Pelican handlers
    re-locate it (`located`) at the content file and front-matter line that named the image."""

    def __init__(self, path, line: int, field: str, message: str):
        self.path = str(path)
        self.line = int(line)
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def __eq__(self, other) -> bool:
        return isinstance(other, ImageError) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def key(self):
        return (self.path, self.line, self.field, self.message)

    def __reduce__(self):  # `args` holds the whole line, not the four fields
        return type(self), self.key()

    def located(self, path, line: int, field: str) -> ImageError:
        return ImageError(path, line, field, self.message)


class ImageErrors(ContentErrors):
    """Every image error of one build, raised once at `all_generators_finalized`."""

    exitcode = 1  # makes the `pelican` command exit non-zero

    def __init__(self, errors):
        self.errors = sorted(set(errors), key=ImageError.key)
        noun = "error" if len(self.errors) == 1 else "errors"
        listing = "\n".join(str(e) for e in self.errors)
        # Exception's own __init__: ContentErrors' would re-sort the message as errors.
        Exception.__init__(self, f"{len(self.errors)} image {noun}:\n{listing}")
