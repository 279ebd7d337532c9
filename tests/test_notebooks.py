"""Run every notebook in notebooks/ top to bottom, as a reader would open it.

Deliberately not marked ``slow``: the three notebooks take a few minutes
together and must keep working, so CI runs them. They are skipped, with the
reason shown, when the ``notebooks`` extra (nbclient, nbformat, ipykernel,
matplotlib) is not installed.
"""

from __future__ import annotations

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
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    for i, cell in enumerate(book.cells):
        if cell.cell_type != "code":
            continue
        images = sum("image/png" in o.get("data", {}) for o in cell.outputs)
        # The plots are closed before they are returned, so a figure appears once, not twice.
        assert images <= 1, f"{path.name}, cell {i}: {images} images"
        for o in cell.outputs:
            if o.output_type == "stream" and o.name == "stderr":
                assert "Warning" not in o.text, f"{path.name}, cell {i} warns: {o.text}"
    print(f"{path.name}: {seconds:.0f} s")
