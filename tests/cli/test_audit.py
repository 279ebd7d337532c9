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
