"""``luktheme evaluate``: the report as a table and as JSON."""

from __future__ import annotations

import json

import pytest

from luktheme.cli import main


def test_evaluate_prints_table_and_json(labels, capsys):
    assert main(["evaluate", str(labels), "--models", "keyword rules (cue stems)", "--folds", "3",
                 "--repeats", "1", "-q", "--no-curve"]) == 0
    assert "| keyword rules (cue stems) |" in capsys.readouterr().out
    assert main(["evaluate", str(labels), "--models", "keyword rules (cue stems)", "--folds", "3",
                 "--repeats", "1", "-q", "--json", "--no-curve"]) == 0
    report = json.loads(capsys.readouterr().out)
    # The rows' texts carry their themes' cue words, so the keyword rules find most of them.
    assert report["cv"]["keyword rules (cue stems)"]["all"]["micro_f1"] > 0.5
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", str(labels), "--models", "gpt", "-q"])
    assert exit_.value.code == 2
    assert "'keyword rules (cue stems)'" in capsys.readouterr().err  # the valid names are listed


def test_evaluate_and_audit_default_to_the_project_data_from_any_folder(tmp_path, monkeypatch):
    from luktheme._paths import data_dir
    from luktheme.cli import build_parser

    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["evaluate"])
    assert args.data == [] and (data_dir() / "seed.jsonl").is_file()
    assert str(data_dir()) in build_parser()._subparsers._group_actions[0].choices["audit"].format_help()


def test_evaluate_reports_progress_with_time_left(capsys):
    from luktheme.baselines import KeywordRules
    from luktheme.corpus import Example
    from luktheme.evaluation import evaluate

    rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
        [("Kurs for nye tilsette", ("kompetanseheving",)), ("Ny veg", ())] * 5)]
    lines = []
    evaluate(rows, {"rules": KeywordRules}, n_repeats=1, curve=False, n_jobs=1, progress=lines.append)
    assert len(lines) == 5 and lines[-1].startswith("5x1 CV: fit 5/5 done (rules, repeat 1, fold 5)")
    assert "min so far" in lines[0] and "min left" in lines[0]
    evaluate(rows, {"rules": KeywordRules}, n_repeats=1, curve=False, n_jobs=1)
    assert "fit 5/5 done" in capsys.readouterr().err
