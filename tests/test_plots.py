"""The figures of luktheme.plots: they draw what they claim, in the theme colours, and clean up after themselves."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib", reason="luktheme.plots needs matplotlib (the 'notebooks' extra)")
matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from luktheme import Example  # noqa: E402
from luktheme import plots  # noqa: E402
from luktheme.baselines import KeywordRules  # noqa: E402
from luktheme.evaluation import cross_validate  # noqa: E402
from luktheme.model import best_thresholds  # noqa: E402
from luktheme.taxonomy import COLOURS, THEMES  # noqa: E402

from .conftest import ROOT, TOY  # noqa: E402


@pytest.fixture(scope="module")
def rows():
    counties = ["Troms", "Troms", "Nordland"]
    return [Example(f"r{i}", text, tuple(t for t in THEMES if t in labels),
                    {"lang": "nn" if i % 2 else "nb", "origin": "seed" if i < 6 else "written",
                     "group": f"g{i % 4}", "kind": "tiltak", **({"county": counties[i % 3]} if i < 6 else {})})
            for i, (text, labels) in enumerate(TOY * 2)]


@pytest.fixture(scope="module")
def report(rows):
    # Keyword rules need no training, so the report costs milliseconds; the curve is made up but well-formed.
    rep = cross_validate(rows, {"rules": KeywordRules}, n_splits=2, n_repeats=1, holdout_seed=False)
    rep.curves = {str(f): {"micro_f1": 0.5 + f / 4, "themes": {t: 0.4 + f / 3 for t in THEMES}}
                  for f in (0.25, 0.5, 1.0)}
    return rep


@pytest.fixture
def tagged():
    return pd.DataFrame({"file": ["plans/a.md"] * 3 + ["b.pdf"],
                         "text": ["x", "y", "z", "w"],
                         "bolyst": [1, 0, 0, 1], "planstrategi": [1, 0, 0, 0], "stedsutvikling": 0,
                         "kompetanseheving": [0, 1, 0, 0], "statistikk": 0})


def _colours(artists) -> set[str]:
    return {mcolors.to_hex(a.get_facecolor()) for a in artists}


def test_importing_plots_does_not_import_matplotlib():
    code = "import sys, luktheme, luktheme.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("draw", [
    lambda r, rep, df: plots.plot_themes_by_group(r, by="county"),
    lambda r, rep, df: plots.plot_label_counts(r),
    lambda r, rep, df: plots.plot_cooccurrence(r),
    lambda r, rep, df: plots.plot_lengths(r),
    lambda r, rep, df: plots.plot_learning_curve(rep),
    lambda r, rep, df: plots.plot_threshold_curves(rep, "rules"),
    lambda r, rep, df: plots.plot_precision_recall(rep),
    lambda r, rep, df: plots.plot_theme_profile(df),
], ids=["by_group", "label_counts", "cooccurrence", "lengths", "learning_curve", "thresholds",
        "precision_recall", "profile"])
def test_every_plot_returns_a_closed_titled_figure(draw, rows, report, tagged):
    before = plt.get_fignums()
    fig = draw(rows, report, tagged)
    assert isinstance(fig, matplotlib.figure.Figure)
    # Closed in pyplot: a notebook shows it once (as the cell's value), and loops don't pile figures up.
    assert plt.get_fignums() == before
    titles = [ax.get_title() for ax in fig.axes] + ([fig._suptitle.get_text()] if fig._suptitle else [])
    assert any(titles)
    fig.canvas.draw()  # renders without error


def test_themes_by_group_shares_and_theme_coloured_labels(rows):
    fig = plots.plot_themes_by_group(rows, by="county")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Nordland (n=2)", "Troms (n=4)"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [*THEMES, "no theme"]
    assert {t.get_text(): mcolors.to_hex(t.get_color()) for t in ax.get_xticklabels()}["statistikk"] == \
        COLOURS["statistikk"]
    shares = ax.images[0].get_array()
    nordland = [r for r in rows if r.meta.get("county") == "Nordland"]
    assert shares[0, THEMES.index("bolyst")] == pytest.approx(100 * np.mean(["bolyst" in r.labels for r in nordland]))


def test_themes_by_group_names_the_fields_when_none_has_it(rows):
    with pytest.raises(ValueError, match="No row has the field 'municipality'.*county"):
        plots.plot_themes_by_group(rows, by="municipality")


def test_label_counts_bars_are_the_theme_colours(rows):
    fig = plots.plot_label_counts(rows)
    bars = fig.axes[0].patches
    assert [b.get_height() for b in bars] == [sum(t in r.labels for r in rows) for t in THEMES]
    assert _colours(bars) == set(COLOURS.values())


def test_cooccurrence_counts_pairs(rows):
    fig = plots.plot_cooccurrence(rows)
    texts = {(round(t.get_position()[0]), round(t.get_position()[1])): t.get_text() for t in fig.axes[0].texts}
    both = sum("planstrategi" in r.labels and "kompetanseheving" in r.labels for r in rows)
    assert texts[(THEMES.index("planstrategi"), THEMES.index("kompetanseheving"))] == str(both)


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


def test_theme_profile_shares_per_document(tagged):
    profile = plots.theme_profile(tagged)
    assert profile.index.tolist() == ["a.md", "b.pdf"]
    assert profile.loc["a.md", "measures"] == 3
    assert profile.loc["a.md", "bolyst"] == pytest.approx(1 / 3)
    assert profile.loc["a.md", "no theme"] == pytest.approx(1 / 3)
    assert profile.loc["b.pdf", "bolyst"] == 1.0


def test_theme_profile_bars_one_group_per_theme(tagged):
    fig = plots.plot_theme_profile(tagged)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [*THEMES, "no theme"]
    assert len(ax.patches) == 2 * (len(THEMES) + 1)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["a.md (3 measures)", "b.pdf (1 measure)"]
    assert set(COLOURS.values()) <= _colours(ax.patches)


def test_theme_profile_rejects_a_table_without_theme_columns():
    with pytest.raises(ValueError, match="no column 'bolyst'.*tag_documents"):
        plots.theme_profile(pd.DataFrame({"file": ["a"], "text": ["x"]}))


def test_examples_table_keeps_the_order_of_ids(rows):
    table = plots.examples_table(rows, ["r3", "r0"], columns=("text", "labels", "county"))
    assert table.index.tolist() == ["r3", "r0"]
    assert table.loc["r0", "labels"] == ", ".join(rows[0].labels)
    assert table.loc["r0", "county"] == "Troms"


def test_examples_table_errors(rows):
    with pytest.raises(KeyError, match="No labeled row with id 'nope'"):
        plots.examples_table(rows, ["r1", "nope"])
    with pytest.raises(TypeError, match=r"list of row ids.*Write \['r1'\]"):
        plots.examples_table(rows, "r1")
    with pytest.raises(TypeError, match="not a path"):
        plots.plot_cooccurrence("data/")
