"""Tagging documents in batches: the table, the formats, parallel jobs, faults and the ``tag`` command."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import luktheme.batch as batch
import luktheme.tables as tables
from luktheme.batch import tag_documents
from luktheme.errors import DocumentError
from luktheme.tables import COLUMNS, SUMMARY_SHEET, write_table
from luktheme.taxonomy import THEMES
from tests.conftest import seed_measures


@pytest.fixture(scope="module")
def table(plans, tagger):
    return tag_documents([plans / "good"], model=tagger, on_error="raise")


def test_one_row_per_measure_with_themes_flags_and_scores(table, plans):
    assert tuple(table.columns) == COLUMNS
    files = list(dict.fromkeys(table["file"]))
    good = plans / "good"
    assert files == [str(good / n) for n in ("2011/c-luk.html", "a-luk.pdf", "b-luk.docx", "d-luk.txt", "e-kort.md")]
    for name in files[:4]:
        part = table[table["file"] == name]
        assert part["index"].tolist() == list(range(len(part)))
        assert part.loc[part["kind"] == "bullet", "text"].tolist() == seed_measures()
    flags = table[list(THEMES)]
    listed = table["themes"].map(lambda s: set(filter(None, s.split(", "))))
    assert all(set(t for t in THEMES if row[t]) == listed[i] for i, row in flags.iterrows())
    scores = table[[f"score_{t}" for t in THEMES]]
    assert ((scores >= 0) & (scores <= 1)).all().all()
    assert table["page"].dtype == "Int64"
    assert table.loc[table["file"].str.endswith(".pdf"), "page"].min() == 1
    assert table.loc[~table["file"].str.endswith(".pdf"), "page"].isna().all()
    assert table.attrs["failed"] == [] and [Path(s).name for s in table.attrs["skipped"]] == ["logo.png"]


def test_rows_are_the_taggers_answers(table, tagger):
    row = table[table["text"] == "Tettstedsutvikling på Hadeland."].iloc[0]
    tagging = tagger(row["text"])
    assert row["themes"] == ", ".join(tagging.themes)
    assert row["score_stedsutvikling"] == pytest.approx(tagging.scores["stedsutvikling"], abs=1e-4)


def test_faults_are_reported_and_the_batch_goes_on(plans, tagger):
    df = tag_documents([plans / "bad", plans / "good" / "e-kort.md", plans / "notat.odt"], model=tagger,
                       on_error="ignore")
    assert df["text"].tolist() == ["Lage en velkomstpakke for nye innbyggere"]
    failed = {Path(f["file"]).name: f["reason"] for f in df.attrs["failed"]}
    assert set(failed) == {"corrupt.pdf", "empty.txt", "encrypted.pdf", "scanned.pdf", "notat.odt"}
    assert failed["corrupt.pdf"].startswith("corrupt PDF")
    assert failed["encrypted.pdf"].startswith("encrypted PDF")
    assert failed["scanned.pdf"].startswith("no text layer: run OCR first")
    assert failed["empty.txt"].startswith("empty file")
    assert failed["notat.odt"].startswith("unsupported file type '.odt'")
    with pytest.warns(UserWarning, match="empty.txt: empty file"):
        tag_documents([plans / "bad" / "empty.txt"], model=tagger)
    with pytest.raises(DocumentError, match="scanned.pdf: no text layer"):
        tag_documents([plans / "bad" / "scanned.pdf"], model=tagger, on_error="raise")


def test_parallel_jobs_give_the_same_table_in_input_order(plans, table, tagger):
    parallel = tag_documents([plans / "good"], model=tagger, jobs=2)
    pd.testing.assert_frame_equal(parallel, table)


def _crash_on_marked(file: str):
    if "crash" in Path(file).name:
        os._exit(3)
    return batch.tag_file(file, batch._WORKER["tagger"], batch_size=batch._WORKER["batch_size"])


def test_a_worker_that_dies_fails_its_document_only(plans, tagger, tmp_path, monkeypatch):
    (tmp_path / "crash.md").write_text("- Lage en velkomstpakke for nye innbyggere\n", encoding="utf-8")
    files = [plans / "good" / "e-kort.md", tmp_path / "crash.md", plans / "good" / "d-luk.txt"]
    monkeypatch.setattr(batch, "_work", _crash_on_marked)
    results = list(batch.iter_results(files, tagger, jobs=2))
    assert [Path(r.file).name for r in results] == ["e-kort.md", "crash.md", "d-luk.txt"]
    assert "stopped unexpectedly" in results[1].error
    assert results[0].error is None and results[2].error is None and len(results[2].rows) > 81


# --------------------------------------------------------------------------- formats


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
    df = batch.frame([("a.txt", None, None, 0, "bullet", "=SUM(A1:A3) og \x01kontroll", "", 0, 0, 0, 0, 0,
                       0.1, 0.1, 0.1, 0.1, 0.1, 0, 10)])
    out = write_table(df, tmp_path / "f.xlsx")
    from openpyxl import load_workbook

    cell = load_workbook(out)["measures"]["F2"]
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


def test_explain_adds_evidence_column(tmp_path):
    import luktheme
    from luktheme.cli import main

    doc = tmp_path / "plan.md"
    doc.write_text("# Tiltak\n\n- Kurs i kommunal planstrategi for alle kommunane\n- Asfaltere fylkesvegen\n",
                   encoding="utf-8")
    df = luktheme.tag_documents([doc], model=luktheme.load(), explain=True)
    evidence = dict(zip(df["text"], df["evidence"]))
    assert "planstrategi: planstrategi" in evidence["Kurs i kommunal planstrategi for alle kommunane"]
    assert evidence["Asfaltere fylkesvegen"] == ""
    out = tmp_path / "tiltak.csv"
    assert main(["tag", str(doc), "-o", str(out), "--explain", "-q"]) == 0
    import pandas as pd

    table = pd.read_csv(out)
    assert "evidence" in table.columns and table["evidence"].notna().sum() == 1
