"""Measures tables: every format round-trips the rows, the XLSX counts sheet, safe replacement."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import luktheme.documents as documents
import luktheme.tables as tables
from luktheme.documents import tag_documents
from luktheme.tables import COLUMNS, SUMMARY_SHEET, write_table
from luktheme.taxonomy import THEMES


@pytest.fixture(scope="module")
def table(plans, tagger):
    return tag_documents([plans / "good"], model=tagger, on_error="raise")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl", ".parquet"])
def test_every_format_round_trips_the_rows(table, tmp_path, suffix):
    out = write_table(table, tmp_path / f"tiltak{suffix}")
    if suffix == ".csv":
        back = pd.read_csv(out, keep_default_na=False)
    elif suffix == ".xlsx":
        back = pd.read_excel(out, sheet_name=0, keep_default_na=False)
    elif suffix == ".jsonl":
        back = pd.read_json(out, lines=True)
        assert back["themes"].map(len).sum() == table["themes"].str.count(",").sum() + (table["themes"] != "").sum()
        back["themes"] = back["themes"].map(", ".join)
    else:
        back = pd.read_parquet(out)
    assert list(back.columns) == list(COLUMNS)
    assert back["text"].tolist() == table["text"].tolist()
    assert back["themes"].tolist() == table["themes"].tolist()
    assert back[list(THEMES)].astype(int).values.tolist() == table[list(THEMES)].values.tolist()
    assert back["score_bolyst"].round(4).tolist() == table["score_bolyst"].tolist()


def test_xlsx_second_sheet_counts_themes_per_document(table, tmp_path):
    out = write_table(table, tmp_path / "tiltak.xlsx")
    counts = pd.read_excel(out, sheet_name=SUMMARY_SHEET)
    assert counts["file"].tolist()[-1] == "all documents"
    assert counts["measures"].tolist()[:-1] == table.groupby("file", sort=False).size().tolist()
    for theme in THEMES:
        assert counts[theme].iloc[-1] == table[theme].sum()
    from openpyxl import load_workbook

    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["measures", SUMMARY_SHEET] and wb.active.title == SUMMARY_SHEET


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    row = dict.fromkeys(COLUMNS, 0) | {"file": "a.txt", "page": None, "section": "", "heading": None, "kind": "bullet",
                                       "role": "tiltak", "number": None, "themes": "", "responsible": "",
                                       "partners": "", "period": "", "cost": "",
                                       "text": "=SUM(A1:A3) og \x01kontroll"}
    df = documents.frame([row])
    out = write_table(df, tmp_path / "f.xlsx")
    from openpyxl import load_workbook

    cell = load_workbook(out)["measures"].cell(row=2, column=COLUMNS.index("text") + 1)
    assert cell.data_type == "s" and cell.value == "=SUM(A1:A3) og  kontroll"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(table, tmp_path, monkeypatch):
    out = tmp_path / "tiltak.csv"
    write_table(table.head(1), out)
    old = out.read_text(encoding="utf-8")

    def broken(frame, fmt, target):
        Path(target).write_text("file,page\nhalf", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(tables, "write_to", broken)
    with pytest.raises(KeyboardInterrupt):
        write_table(table, out, force=True)
    assert out.read_text(encoding="utf-8") == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiltak.csv"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl", ".parquet"])
def test_force_replaces_only_tables_luktheme_wrote(tmp_path, suffix):
    import pandas as pd

    from luktheme.documents import frame
    from luktheme.tables import is_own_output, write_table

    ours = write_table(frame([]), tmp_path / f"ours{suffix}")
    assert is_own_output(ours)
    theirs = tmp_path / f"theirs{suffix}"
    table = pd.DataFrame({"navn": ["Kari"], "telefon": [99]})
    {".csv": lambda: table.to_csv(theirs, index=False), ".xlsx": lambda: table.to_excel(theirs, index=False),
     ".jsonl": lambda: table.to_json(theirs, orient="records", lines=True),
     ".parquet": lambda: table.to_parquet(theirs)}[suffix]()
    before = theirs.read_bytes()
    assert not is_own_output(theirs)
    with pytest.raises(FileExistsError, match="was not written by luktheme"):
        write_table(frame([]), theirs, force=True)
    assert theirs.read_bytes() == before
    write_table(frame([]), ours, force=True)
