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
