"""Figures for the notebooks and reports: the labeled rows, the evaluation, tagged documents.

Every function returns a :class:`matplotlib.figure.Figure` and draws the themes
in :data:`~luktheme.taxonomy.COLOURS`, the same five colours as the HTML views.
matplotlib is imported inside the functions, so the core library (tagging,
training, the command line) works without it; install it with the
``notebooks`` extra.

The figures are closed in pyplot before they are returned. A notebook then
shows each one once, as the value of its cell (an open pyplot figure would be
drawn a second time at the end of the cell), and a loop that makes many
figures does not pile them up in memory. Save one with ``fig.savefig(path)``.

Examples
--------
>>> import luktheme
>>> from luktheme.plots import plot_cooccurrence
>>> fig = plot_cooccurrence(luktheme.read_examples("data/"))   # doctest: +SKIP
>>> fig.savefig("cooccurrence.png", dpi=150)                    # doctest: +SKIP
"""

from __future__ import annotations

from ._style import NO_THEME_COLOUR
from .data import examples_table, plot_cooccurrence, plot_label_counts, plot_lengths, plot_themes_by_group
from .profile import plot_theme_profile, theme_profile
from .report import plot_learning_curve, plot_precision_recall, plot_threshold_curves

__all__ = [
    "NO_THEME_COLOUR", "examples_table", "plot_cooccurrence", "plot_label_counts", "plot_learning_curve",
    "plot_lengths", "plot_precision_recall", "plot_theme_profile", "plot_themes_by_group", "plot_threshold_curves",
    "theme_profile",
]
