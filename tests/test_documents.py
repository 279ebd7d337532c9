"""Tagging documents: the table, parallel jobs, faults, and the evidence column."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import luktheme
import luktheme.documents as documents
from luktheme.cli import main
from luktheme.documents import tag_documents
from luktheme.errors import DocumentError
from luktheme.tables import COLUMNS
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
    return documents.tag_file(file, documents._WORKER["tagger"], batch_size=documents._WORKER["batch_size"])


def test_a_worker_that_dies_fails_its_document_only(plans, tagger, tmp_path, monkeypatch):
    (tmp_path / "crash.md").write_text("- Lage en velkomstpakke for nye innbyggere\n", encoding="utf-8")
    files = [plans / "good" / "e-kort.md", tmp_path / "crash.md", plans / "good" / "d-luk.txt"]
    monkeypatch.setattr(documents, "_work", _crash_on_marked)
    results = list(documents.iter_results(files, tagger, jobs=2))
    assert [Path(r.file).name for r in results] == ["e-kort.md", "crash.md", "d-luk.txt"]
    assert "stopped unexpectedly" in results[1].error
    assert results[0].error is None and results[2].error is None and len(results[2].rows) > 81


# --------------------------------------------------------------------------- formats


def test_explain_adds_evidence_column(tmp_path):

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


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    import os
    import signal

    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, time, pathlib
        import luktheme, luktheme.documents as documents
        def slow(file):
            with open({str(pids)!r}, "a") as fh:
                fh.write(f"{{os.getpid()}}\\n")
            time.sleep(300)
        documents._work = slow
        files = []
        for i in range(4):
            p = pathlib.Path({str(tmp_path)!r}) / f"{{i}}.md"
            p.write_text("- Kartlegge boligbehovet i kommunen\\n", encoding="utf-8")
            files.append(p)
        list(documents.iter_results(files, luktheme.load(), jobs=2))
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = [int(p) for p in pids.read_text().split()]
        assert len(workers) == 2
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A zombie waits for its (new) parent to reap it: it is gone for our purpose.
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().split(") ")[1][0] != "Z"
        except OSError:
            return True

    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers)
