"""Source files' digests remembered by their stat: an unchanged file is not read again, and
no change, however it is made, is missed."""

from __future__ import annotations

import os
import time

from newsroom_core.digests import FileDigests, bytes_digest


def remembered_when_settled(path) -> dict:
    """What a build remembers of `path` when it counts every earlier change as settled."""
    digests = FileDigests(settled_ns=0)
    digest, data = digests.digest(str(path))
    assert data == path.read_bytes() and digest == bytes_digest(data)
    return digests.remembered


def test_an_unchanged_file_is_not_read_again(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("The ferry runs again.")
    known = remembered_when_settled(story)
    digest, data = FileDigests(known, settled_ns=0).digest(str(story))
    assert data is None and digest == bytes_digest(b"The ferry runs again.")


def test_new_bytes_of_the_same_size_are_read(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("The ferry runs on Monday.")
    known = remembered_when_settled(story)
    time.sleep(0.01)
    story.write_text("The ferry runs on Friday.")
    digest, data = FileDigests(known, settled_ns=0).digest(str(story))
    assert data == b"The ferry runs on Friday." and digest == bytes_digest(data)


def test_an_edit_with_its_mtime_set_back_is_still_read(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("Council votes yes.")
    before = story.stat()
    known = remembered_when_settled(story)
    time.sleep(0.01)
    story.write_text("Council votes no!")  # same size
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime still moves
    _, data = FileDigests(known, settled_ns=0).digest(str(story))
    assert data == b"Council votes no!"


def test_a_file_changed_just_before_it_was_read_is_not_trusted_next_time(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("Fresh copy.")
    digests = FileDigests()  # the default: changed within the last two seconds is racy
    digests.digest(str(story))
    assert digests.remembered == {}
    _, data = FileDigests(digests.remembered).digest(str(story))
    assert data == b"Fresh copy."


def test_files_not_asked_for_are_forgotten(tmp_path):
    kept, deleted = tmp_path / "kept.md", tmp_path / "deleted.md"
    kept.write_text("Kept.")
    deleted.write_text("Deleted.")
    digests = FileDigests(settled_ns=0)
    digests.digest(str(kept))
    digests.digest(str(deleted))
    deleted.unlink()
    later = FileDigests(digests.remembered, settled_ns=0)
    later.digest(str(kept))
    assert list(later.remembered) == [str(kept)]
