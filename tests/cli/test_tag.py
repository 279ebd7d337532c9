"""``luktheme tag``: files and folders to a table, refusals, standard output, interruptions."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import luktheme.documents as documents
from luktheme.cli import main
from luktheme.cli import main as run
from luktheme.tables import SUMMARY_SHEET
from tests.conftest import make_plan


def test_cli_tags_folders_and_files_to_xlsx_and_exits_1_when_a_file_failed(plans, tmp_path, capsys):
    out = tmp_path / "tiltak.xlsx"
    code = run(["tag", str(plans / "good" / "2011"), str(plans / "bad" / "encrypted.pdf"),
                str(plans / "good" / "e-kort.md"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["measures", SUMMARY_SHEET]
    assert sheets["measures"]["file"].drop_duplicates().map(lambda f: Path(f).name).tolist() == ["c-luk.html",
                                                                                                   "e-kort.md"]
    assert "2 of 3 documents read" in err
    assert f"{plans / 'bad' / 'encrypted.pdf'}: encrypted PDF: it needs a password" in err
    assert "\r" not in err and "━" not in err  # no progress bar when stderr is not a terminal


def test_cli_refuses_to_overwrite_without_force(plans, tmp_path, capsys):
    out = tmp_path / "tiltak.csv"
    out.write_text("keep me\n", encoding="utf-8")
    assert run(["tag", str(plans / "good" / "e-kort.md"), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "keep me\n"
    # --force replaces only luktheme's own output, never a file the user made
    assert run(["tag", str(plans / "good" / "e-kort.md"), "-o", str(out), "--force", "-q"]) == 2
    assert "was not written by luktheme" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me\n"
    ours = tmp_path / "ours.csv"
    assert run(["tag", str(plans / "good" / "2011"), "-o", str(ours), "-q"]) == 0
    assert run(["tag", str(plans / "good" / "e-kort.md"), "-o", str(ours), "--force", "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert pd.read_csv(ours)["text"].tolist() == ["Lage en velkomstpakke for nye innbyggere"]


def test_cli_writes_json_lines_to_stdout(plans, capsys):
    code = run(["tag", str(plans / "good" / "e-kort.md"), str(plans / "bad" / "empty.txt"),
                "-o", "-", "--format", "jsonl", "-q"])
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1 and [r["text"] for r in rows] == ["Lage en velkomstpakke for nye innbyggere"]
    assert rows[0]["heading"] == "Bolyst" and rows[0]["page"] is None and isinstance(rows[0]["themes"], list)
    assert "empty.txt: empty file" in captured.err  # failures are listed even with -q


def test_cli_interrupted_run_keeps_what_was_tagged(plans, tmp_path, monkeypatch, capsys):
    real = documents.tag_file

    def interrupt_second(file, tagger, **kw):
        if Path(file).name == "d-luk.txt":
            raise KeyboardInterrupt
        return real(file, tagger, **kw)

    monkeypatch.setattr(documents, "tag_file", interrupt_second)
    out = tmp_path / "tiltak.csv"
    code = run(["tag", str(plans / "good" / "b-luk.docx"), str(plans / "good" / "d-luk.txt"), "-o", str(out)])
    assert code == 130 and not out.exists()
    partial = pd.read_csv(tmp_path / "tiltak.partial.csv")
    assert set(partial["file"].map(lambda f: Path(f).name)) == {"b-luk.docx"}
    assert "tiltak.partial.csv" in capsys.readouterr().err


def test_cli_argument_errors(plans, tmp_path, capsys):
    assert run(["tag", str(tmp_path), "-o", str(tmp_path / "x.csv")]) == 2
    assert "No documents found" in capsys.readouterr().err
    assert run(["tag", str(plans / "good" / "e-kort.md"), "-o", str(tmp_path / "x.txt")]) == 2
    assert "Cannot tell the output format" in capsys.readouterr().err


def test_interrupt_never_overwrites_an_existing_partial_file(tmp_path, monkeypatch, capsys):
    import luktheme.documents as documents

    a, b = make_plan(tmp_path / "in", "a.md"), make_plan(tmp_path / "in", "b.md")
    real = documents.tag_file

    def interrupt_b(file, tagger, **kw):
        if str(file).endswith("b.md"):
            raise KeyboardInterrupt
        return real(file, tagger, **kw)

    monkeypatch.setattr(documents, "tag_file", interrupt_b)
    mine = tmp_path / "out.partial.csv"
    mine.write_text("my own file\n", encoding="utf-8")
    assert main(["tag", str(a), str(b), "-o", str(tmp_path / "out.csv")]) == 130
    assert mine.read_text(encoding="utf-8") == "my own file\n"
    assert "out.partial-2.csv" in capsys.readouterr().err
    assert "Kartlegge" in (tmp_path / "out.partial-2.csv").read_text(encoding="utf-8")


def test_interrupt_during_the_final_write_keeps_every_measure(tmp_path, monkeypatch, capsys):
    import luktheme.cli.tag as tag_command

    a = make_plan(tmp_path / "in", "a.md")
    real = tag_command.write_table
    calls = []

    def interrupted_once(df, path, **kw):
        calls.append(path)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(df, path, **kw)

    monkeypatch.setattr(tag_command, "write_table", interrupted_once)
    assert main(["tag", str(a), "-o", str(tmp_path / "out.xlsx")]) == 130
    assert not (tmp_path / "out.xlsx").exists()
    kept = tmp_path / "out.partial.csv"
    assert "Kartlegge boligbehovet" in kept.read_text(encoding="utf-8")
    assert str(kept) in capsys.readouterr().err


@pytest.mark.parametrize("where", ["parent_is_file", "proc", "existing_folder"])
def test_output_path_is_checked_before_any_document_is_read(tmp_path, monkeypatch, capsys, where):
    import luktheme.documents as documents

    a = make_plan(tmp_path / "in", "a.md")
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()
    out = {"parent_is_file": blocker / "out.csv", "proc": "/proc/out.csv", "existing_folder": tmp_path / "folder.csv"}
    monkeypatch.setattr(documents, "tag_file", lambda *a, **k: pytest.fail("a document was read"))
    assert main(["tag", str(a), "-o", str(out[where]), "-F"]) == 2
    assert "Cannot write" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "x" and (tmp_path / "folder.csv").is_dir()


@pytest.mark.parametrize("name", ["missing.pdf", "notes.odt"])
def test_missing_or_unsupported_inputs_are_refused_up_front(tmp_path, capsys, name):
    a = make_plan(tmp_path / "in", "a.md")
    if name.endswith(".odt"):
        (tmp_path / name).write_bytes(b"PK")
    out = tmp_path / "out.csv"
    assert main(["tag", str(a), str(tmp_path / name), "-o", str(out)]) == 2
    assert name in capsys.readouterr().err and not out.exists()


def test_parquet_without_pyarrow_is_a_clear_error_before_any_work(tmp_path, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    a = make_plan(tmp_path / "in", "a.md")
    assert main(["tag", str(a), "-o", str(tmp_path / "out.parquet")]) == 2
    assert "pip install 'luktheme[parquet]'" in capsys.readouterr().err
    assert not (tmp_path / "out.parquet").exists()
    assert main(["tag", str(a), "-o", str(tmp_path / "out.csv")]) == 0  # the other formats need nothing more
