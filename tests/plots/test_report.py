"""Figures of an evaluation report: learning curve, F1 by threshold, precision and recall."""

from __future__ import annotations

import dataclasses

import pytest

matplotlib = pytest.importorskip("matplotlib", reason="luktheme.plots needs matplotlib (the 'notebooks' extra)")
matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402

from luktheme import plots  # noqa: E402
from luktheme.baselines import KeywordRules  # noqa: E402
from luktheme.evaluation import cross_validate  # noqa: E402
from luktheme.model import best_thresholds  # noqa: E402
from luktheme.taxonomy import COLOURS, THEMES  # noqa: E402

from ..conftest import check_closed_titled_figure  # noqa: E402


@pytest.fixture(scope="module")
def report(rows):
    # Keyword rules need no training, so the report costs milliseconds; the curve is made up but well-formed.
    rep = cross_validate(rows, {"rules": KeywordRules}, n_splits=2, n_repeats=1, holdout_seed=False)
    rep.curves = {str(f): {"micro_f1": 0.5 + f / 4, "themes": {t: 0.4 + f / 3 for t in THEMES}}
                  for f in (0.25, 0.5, 1.0)}
    return rep


@pytest.mark.parametrize("draw", [
    lambda rep: plots.plot_learning_curve(rep),
    lambda rep: plots.plot_threshold_curves(rep, "rules"),
    lambda rep: plots.plot_precision_recall(rep),
], ids=["learning_curve", "thresholds", "precision_recall"])
def test_every_plot_returns_a_closed_titled_figure(draw, report):
    check_closed_titled_figure(lambda: draw(report))


def test_threshold_curves_mark_the_best_thresholds(report):
    fig = plots.plot_threshold_curves(report, "rules")
    expected = best_thresholds(report.Y, report.scores["rules"].mean(0))
    for ax, t, want in zip(fig.axes, THEMES, expected):
        assert ax.get_title() == t
        assert mcolors.to_hex(ax.lines[0].get_color()) == COLOURS[t]
        assert ax.lines[1].get_xdata()[0] == pytest.approx(want)   # the dashed line at the chosen threshold


def test_threshold_curves_can_mark_given_thresholds(report):
    given = dict.fromkeys(THEMES, 0.7)
    fig = plots.plot_threshold_curves(report, "rules", thresholds=given)
    assert all(ax.lines[1].get_xdata()[0] == pytest.approx(0.7) for ax in fig.axes)


def test_unknown_model_lists_the_report_s_models(report):
    with pytest.raises(KeyError, match="no model 'luktheme'. Models in it: rules"):
        plots.plot_threshold_curves(report, "luktheme")


def test_learning_curve_needs_a_curve(report):
    with pytest.raises(ValueError, match="no learning curve.*curve=True"):
        plots.plot_learning_curve(dataclasses.replace(report, curves={}))


def test_precision_recall_bars_are_the_report_s_figures(report):
    fig = plots.plot_precision_recall(report)
    figs = report.figures("rules")["themes"]
    heights = [b.get_height() for b in fig.axes[0].patches[:len(THEMES)]]
    assert heights == pytest.approx([figs[t]["precision"] for t in THEMES])
