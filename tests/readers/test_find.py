"""Finding the documents to read: missing paths, single paths, and folders walked in sorted order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from luktheme.cli import main
from luktheme.errors import DocumentError
from luktheme.readers import find_documents
from luktheme.segments import read_document
from tests.conftest import make_plan


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


def test_a_self_looping_link_is_a_listed_failure(tmp_path, capsys):
    from luktheme.readers import find_documents

    root = tmp_path / "in"
    make_plan(root, "a.md")
    (root / "loop.md").symlink_to(root / "loop.md")
    files, problems, _ = find_documents([root])
    assert [f.name for f in files] == ["a.md"]
    assert "symbolic link" in dict(problems)[str(root / "loop.md")]
    assert main(["tag", str(root), "-o", str(tmp_path / "out.csv")]) == 1
    assert "loop.md" in capsys.readouterr().err
    assert "Kartlegge" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):

    from luktheme.readers import find_documents

    root = tmp_path / "in"
    make_plan(root / "sub", "b.md")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # a folder whose listing fails, as for another user's folder
        onerror(PermissionError(13, "Permission denied", str(root / "sub")))
        return real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(os, "walk", walk)
    _, problems, _ = find_documents([root])
    assert dict(problems)[str(root / "sub")].startswith("folder cannot be read (Permission denied)")
