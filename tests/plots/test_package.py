"""The plots package: importing it needs no matplotlib, and every public name is there."""

from __future__ import annotations

import subprocess
import sys

import luktheme.plots
from luktheme.plots import __all__ as public

from ..conftest import ROOT


def test_importing_plots_does_not_import_matplotlib():
    code = "import sys, luktheme, luktheme.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


def test_the_package_exports_every_figure_and_table():
    assert set(public) == {
        "NO_THEME_COLOUR", "examples_table", "theme_profile", "plot_cooccurrence", "plot_label_counts",
        "plot_learning_curve", "plot_lengths", "plot_precision_recall", "plot_theme_profile", "plot_themes_by_group",
        "plot_threshold_curves"}
    assert all(hasattr(luktheme.plots, name) for name in public)
