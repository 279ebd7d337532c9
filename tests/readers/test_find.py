"""Finding the documents to read: missing paths, single paths, and folders walked in sorted order."""

from __future__ import annotations

from pathlib import Path

import pytest

from luktheme.errors import DocumentError
from luktheme.readers import find_documents
from luktheme.segments import read_document


def test_missing_file_and_folder_argument(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.pdf")
    files, problems, skipped = find_documents([tmp_path / "nope.pdf", tmp_path])
    assert files == [] and problems == [(str(tmp_path / "nope.pdf"), "no such file or folder; check the path")]
    with pytest.raises(TypeError, match="not a single path"):
        find_documents(str(tmp_path))


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ("b/2.md", "b/1.txt", "a.pdf", ".hidden/x.txt", "~$lock.docx", "c/bilde.png"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    files, problems, skipped = find_documents([tmp_path / "b" / "1.txt", tmp_path])
    rel = [f.relative_to(tmp_path).as_posix() for f in files]
    assert rel == ["b/1.txt", "a.pdf", "b/2.md"]  # given first, then the folder; each file once
    assert problems == [] and [Path(s).name for s in skipped] == ["bilde.png"]
