"""Doctests that draw a figure need matplotlib, an optional dependency (the ``notebooks`` extra).

Without it they are skipped, with the reason shown, instead of failing; the
other doctests of :mod:`luktheme.plots` (the tables) still run.
"""

from __future__ import annotations

import doctest
import re

import pytest

# A call of one of the figure functions, which are all named plot_*.
_DRAWS = re.compile(r"\bplot_\w+\(")


def _draws(item) -> bool:
    test = getattr(item, "dtest", None)  # set on doctest items only
    if test is None:
        return False
    return any(_DRAWS.search(ex.source) and not ex.options.get(doctest.SKIP) for ex in test.examples)


def _has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def pytest_collection_modifyitems(config, items) -> None:
    drawing = [item for item in items if _draws(item)]
    if not drawing or _has_matplotlib():
        return
    skip = pytest.mark.skip(reason="draws a figure, which needs matplotlib: pip install 'luktheme[notebooks]'")
    for item in drawing:
        item.add_marker(skip)
