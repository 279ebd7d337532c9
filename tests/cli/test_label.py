"""``luktheme label``: the checks made before the screen opens."""

from __future__ import annotations

import io
import sys

import pytest

from luktheme.cli import main
from luktheme.labeling import NoTerminalError, require_terminal
from tests.conftest import write_tag_output


def test_label_command_without_a_terminal_fails_fast(tmp_path, capsys, monkeypatch):
    source = write_tag_output(tmp_path / "tags.csv")
    # As in CI: no terminal on standard input (also when pytest runs with -s in one).
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    with pytest.raises(NoTerminalError):
        require_terminal(io.StringIO())
    assert main(["label", str(source), "-o", str(tmp_path / "labels.jsonl")]) == 2
    assert "needs an interactive terminal" in capsys.readouterr().err
    assert not (tmp_path / "labels.jsonl").exists()
    assert main(["label", str(source), "-o", str(source)]) == 2
    assert "the output is also an input" in capsys.readouterr().err
