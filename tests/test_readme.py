"""Every code block of the README runs as pasted from the repository root."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(python|bash)\n(.*?)```", README, flags=re.S)
ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}


def _slow(code: str) -> bool:
    # Cross-validating the full data takes minutes: such blocks run with `-m slow`.
    return "evaluate(" in code


def test_the_readme_has_its_blocks():
    kinds = [k for k, _ in BLOCKS]
    assert kinds.count("python") >= 2 and kinds[0] == "bash"


@pytest.mark.parametrize("code", [pytest.param(c, marks=pytest.mark.slow) if _slow(c) else c
                                  for k, c in BLOCKS if k == "python"])
def test_python_block_runs_as_pasted(code):
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_setup_commands_run_as_pasted():
    setup = BLOCKS[0][1].strip().splitlines()
    assert len(setup) == 2  # one line installs and runs the main job, one installs and runs the tests
    created = []
    for line in setup[:1]:  # the second line runs this very test suite
        for command in line.split("&&"):
            argv = shlex.split(command)
            if argv[:2] == ["pip", "install"]:
                assert argv[2] in (".", "-e") and argv[-1].startswith(".")  # installs this project only
                continue
            out = argv[argv.index("-o") + 1] if "-o" in argv else None
            existed = out is not None and (ROOT / out).exists()
            done = subprocess.run(argv, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr[-3000:]
            if out and not existed:
                created.append(ROOT / out)
    try:
        import pandas as pd

        table = pd.read_csv(created[0])
        assert len(table) >= 81 and {"text", "themes"} <= set(table.columns)
    finally:
        for path in created:
            path.unlink()
    assert "python -m pytest" in setup[1] and "pip install" in setup[1]
