import json

import pytest

import luktheme
from luktheme.cli import main

from .conftest import ROWS

def test_train_writes_a_loadable_model_and_refuses_to_overwrite(labels, tmp_path, capsys):
    out = tmp_path / "model"
    assert main(["train", str(labels), "-o", str(out), "--folds", "3", "--repeats", "1", "-q"]) == 0
    assert "micro F1" in capsys.readouterr().out
    assert luktheme.load(out)("Nytt torg i sentrum").themes == ("stedsutvikling",)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "Cross-validated quality" in card and "| luktheme |" in card
    assert main(["train", str(labels), "-o", str(out), "--no-evaluate", "-q"]) == 2
    assert "--force or -F" in capsys.readouterr().err
    assert main(["train", str(labels), "-o", str(out), "--no-evaluate", "-q", "-F"]) == 0


def test_train_reports_bad_labels(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Kurs", "labels": ["kurs"]}\n', encoding="utf-8")
    assert main(["train", str(bad), "-o", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1: unknown theme 'kurs'" in err and not (tmp_path / "m").exists()


def test_evaluate_prints_table_and_json(labels, capsys):
    assert main(["evaluate", str(labels), "--models", "keyword rules (cue stems)", "--folds", "3",
                 "--repeats", "1", "-q", "--no-curve"]) == 0
    assert "| keyword rules (cue stems) |" in capsys.readouterr().out
    assert main(["evaluate", str(labels), "--models", "keyword rules (cue stems)", "--folds", "3",
                 "--repeats", "1", "-q", "--json", "--no-curve"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert 0 <= report["cv"]["keyword rules (cue stems)"]["all"]["micro_f1"] <= 1
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", str(labels), "--models", "gpt", "-q"])
    assert exit_.value.code == 2
    assert "'keyword rules (cue stems)'" in capsys.readouterr().err  # the valid names are listed


def test_tag_text_prints_json_lines(capsys):
    assert main(["tag-text", "Utvikle regionsenteret Otta", "Asfaltere fylkesvegen"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["themes"] for line in lines] == [["stedsutvikling"], []]


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


def test_train_on_several_label_files_reports_what_each_adds(labels, tmp_path, capsys):
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"id": "m1", "text": "Studietur for politikarane om torg og parkar",
                                 "labels": ["stedsutvikling", "kompetanseheving"], "annotator": "kari",
                                 "source": "plan.pdf"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train", str(labels), str(extra), "-o", str(out), "--no-evaluate"]) == 0
    err = capsys.readouterr().err
    assert "mine.jsonl: 1 rows (bolyst +0, planstrategi +0, stedsutvikling +1, kompetanseheving +1" in err
    assert json.loads((out / "meta.json").read_text())["training"]["n_examples"] == len(ROWS) * 2 + 1
