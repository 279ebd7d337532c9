"""``luktheme agreement``: agreement per theme of two label files, and the rows to adjudicate."""

from __future__ import annotations

import json

from luktheme.cli import main
from luktheme.labeling import Item, LabelStore, read_items


def test_agreement_command_reports_kappa_alpha_and_disagreements(tmp_path, capsys):
    items = [Item(f"m{k}", text, "plan") for k, text in enumerate(["Kurs i planstrategi", "Nytt torg", "Analyse",
                                                                     "Asfaltere vegen"])]
    a_labels = [["planstrategi", "kompetanseheving"], ["stedsutvikling"], ["statistikk"], []]
    b_labels = [["planstrategi"], ["stedsutvikling"], ["statistikk"], []]
    for name, labels in (("kari.jsonl", a_labels), ("ola.jsonl", b_labels)):
        with LabelStore(tmp_path / name, annotator=name[:-6]) as store:
            for item, labs in zip(items, labels):
                store.record(item, labs)
    a, b = str(tmp_path / "kari.jsonl"), str(tmp_path / "ola.jsonl")
    out = tmp_path / "disagreements.jsonl"
    assert main(["agreement", a, b, "--disagreements", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| kompetanseheving | 1 | 0 | 0.750 | 0.000 | 0.000 |" in printed
    assert "| planstrategi | 1 | 1 | 1.000 | 1.000 | 1.000 |" in printed
    assert "- m0  A: planstrategi, kompetanseheving  B: planstrategi\n    Kurs i planstrategi" in printed
    # The disagreements are input for an adjudication session.
    assert [i.id for i in read_items(out)] == ["m0"]
    assert main(["agreement", a, b, "--disagreements", str(out)]) == 2
    assert "--force or -F" in capsys.readouterr().err
    assert main(["agreement", a, b, "--json", "--names", "kari", "ola"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["themes"]["planstrategi"]["kappa"] == 1.0 and result["disagreements"][0]["a"][1] == "kompetanseheving"
    assert main(["agreement", a, str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl: no such label file" in capsys.readouterr().err


def test_agreement_fills_the_texts_of_the_shipped_pass_files(tmp_path, capsys):
    from luktheme._paths import data_dir
    from luktheme.labeling import read_items

    out = tmp_path / "dis.jsonl"
    passes = data_dir() / "annotation"
    assert main(["agreement", str(passes / "pass_a.jsonl"), str(passes / "pass_b.jsonl"),
                 "--disagreements", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["text"] for r in rows)
    err = capsys.readouterr().err
    suggested = err.split("`luktheme label ")[1].split("`")[0].split()
    assert suggested[0] == str(out) and suggested[-1] != str(out)  # never labels over its own input
    assert [i.id for i in read_items(out)] == [r["id"] for r in rows]  # the suggested command can read it


def test_agreement_says_how_to_fill_missing_texts(tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"id": "x1", "labels": ["bolyst"]}\n', encoding="utf-8")
    b.write_text('{"id": "x1", "labels": []}\n', encoding="utf-8")
    assert main(["agreement", str(a), str(b), "--disagreements", str(tmp_path / "d.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "--texts" in err and "luktheme label" not in err
