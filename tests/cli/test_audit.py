"""``luktheme audit``: rows whose labels disagree with out-of-fold predictions."""

from __future__ import annotations

import json

from luktheme.cli import main


def test_audit_writes_csv_of_disagreements(labels, tmp_path, capsys):
    # One row labeled against the grain of its twins: the audit must put it first.
    with labels.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"id": "odd", "text": "Nytt torg i sentrum av byen", "labels": ["statistikk"],
                              "group": "g9"}) + "\n")
    out = tmp_path / "recheck.csv"
    assert main(["audit", str(labels), "-o", str(out), "--repeats", "1", "-q"]) == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    top = {(r["id"], r["theme"]) for r in rows[:3]}
    assert ("odd", "statistikk") in top or ("odd", "stedsutvikling") in top
    assert main(["audit", str(labels), "-o", str(out), "-q"]) == 2


def test_audit_and_disagreements_never_replace_a_user_file(tmp_path, labels, capsys):
    mine = tmp_path / "mine.csv"
    mine.write_text("notat\nmitt\n", encoding="utf-8")
    assert main(["audit", str(labels), "-o", str(mine), "-F", "-q"]) == 2
    a = tmp_path / "a.jsonl"
    a.write_text('{"id": "x1", "labels": ["bolyst"]}\n', encoding="utf-8")
    assert main(["agreement", str(a), str(a), "--disagreements", str(mine), "-F"]) == 2
    assert mine.read_text(encoding="utf-8") == "notat\nmitt\n"
    assert capsys.readouterr().err.count("was not written by luktheme") == 2
