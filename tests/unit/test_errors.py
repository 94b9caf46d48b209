"""The build's error types survive the trip back from a worker process (they are pickled), so a
failed build prints each error as its line, not as the message's characters."""

from __future__ import annotations

import pytest

from images.errors import ImageError, ImageErrors
from newsroom_core.errors import ContentError, ContentErrors
from newsroom_core.parallel import fork_pool

DATE_ERROR = ContentError("content/articles/x.md", 3, "date", "expected a date, got 'soon'")
IMAGE_ERROR = ImageError("content/articles/x.md", 7, "image", "no file images/heron.jpg")


def _raise_content_errors():
    raise ContentErrors([DATE_ERROR])


def _raise_image_errors():
    raise ImageErrors([IMAGE_ERROR])


def _raised_in_a_worker(function) -> Exception:
    with fork_pool(1) as pool, pytest.raises(Exception) as raised:
        pool.submit(function).result()
    return raised.value


def test_content_errors_from_a_worker_keep_their_errors():
    error = _raised_in_a_worker(_raise_content_errors)
    assert isinstance(error, ContentErrors)
    assert error.errors == [DATE_ERROR]
    assert str(error) == (
        "1 content error:\ncontent/articles/x.md:3: date: expected a date, got 'soon'"
    )


def test_image_errors_from_a_worker_keep_their_errors():
    error = _raised_in_a_worker(_raise_image_errors)
    assert isinstance(error, ImageErrors)
    assert error.errors == [IMAGE_ERROR]
    assert str(error) == "1 image error:\ncontent/articles/x.md:7: image: no file images/heron.jpg"
