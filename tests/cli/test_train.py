"""``luktheme train``: model folders from label files."""

from __future__ import annotations

import json

import luktheme
from luktheme.cli import main
from tests.conftest import ROWS


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
