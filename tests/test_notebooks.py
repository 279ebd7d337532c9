"""Run every notebook in notebooks/ top to bottom, as a reader would open it.

Deliberately not marked ``slow``: the three notebooks take a few minutes
together and must keep working, so CI runs them. They are skipped, with the
reason shown, when the ``notebooks`` extra (nbclient, nbformat, ipykernel,
matplotlib) is not installed.
"""

from __future__ import annotations

import ast
import os
import time

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
INSTALL = 'pip install -e ".[notebooks]"'

for _module in ("nbclient", "nbformat", "ipykernel", "matplotlib"):
    pytest.importorskip(_module, reason=f"the notebooks need {_module}: {INSTALL}")


def _kernel_available() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return False
    return True


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    # The package may be used from a source checkout without being installed.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    # One BLAS thread: the model's solver works on small matrices, where extra threads on a busy
    # CI machine only contend with each other (measured: 10x slower with the default on 2 shared cores).
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


def _shows(source: str) -> str | None:
    """What a cell shows: "figure" when it ends by calling a ``plot_*`` function, "value" when it ends with
    another expression, None when it ends with a statement (an assignment, a loop)."""
    body = ast.parse(source).body
    if not body or not isinstance(body[-1], ast.Expr):
        return None
    call = body[-1].value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr.startswith("plot_"):
        return "figure"
    return "value"


def test_the_notebooks_are_found():
    # Guards the glob: an empty list would make the tests below pass without running anything.
    assert {"01_training_data.ipynb", "02_model.ipynb", "03_tag_a_plan.ipynb"} <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    import nbformat

    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    stored = [i for i, c in enumerate(book.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not stored, f"{path.name}: cells {stored} hold outputs; clear them before committing (small diffs)."


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path):
    import nbformat
    from nbclient import NotebookClient

    if not _kernel_available():
        pytest.skip(f"no 'python3' Jupyter kernel is installed: {INSTALL}, then python -m ipykernel install --user")
    book = nbformat.read(path, as_version=4)
    client = NotebookClient(book, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute(env=_kernel_env())
    seconds = time.perf_counter() - start
    # nbclient raises on the first cell that fails, so here every cell ran without an error; what is
    # left to check is that each ran, in order, and shows what it is there to show.
    code = [(i, c) for i, c in enumerate(book.cells) if c.cell_type == "code"]
    assert [c.execution_count for _, c in code] == list(range(1, len(code) + 1)), f"{path.name}: not every cell ran"
    for i, cell in code:
        shows = _shows(cell.source)
        images = sum("image/png" in o.get("data", {}) for o in cell.outputs)
        # The plots are closed before they are returned, so a figure appears once, not twice, and never
        # again in a later cell.
        assert images == (1 if shows == "figure" else 0), f"{path.name}, cell {i}: {images} images"
        if shows:
            assert any(o.output_type in ("execute_result", "display_data") for o in cell.outputs), \
                f"{path.name}, cell {i} ends with an expression but showed nothing"
        for o in cell.outputs:
            if o.output_type == "stream" and o.name == "stderr":
                assert "Warning" not in o.text, f"{path.name}, cell {i} warns: {o.text}"
    print(f"{path.name}: {seconds:.0f} s")
