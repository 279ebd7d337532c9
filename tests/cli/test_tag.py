"""``luktheme tag``: files and folders to a table, refusals, standard output, interruptions."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

import luktheme.documents as documents
from luktheme.cli import main as run
from luktheme.tables import SUMMARY_SHEET


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
