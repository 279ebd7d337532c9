"""Figures and tables of the labeled rows: themes by group, label counts, co-occurrence, lengths, examples table."""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib", reason="luktheme.plots needs matplotlib (the 'notebooks' extra)")
matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402

from luktheme import plots  # noqa: E402
from luktheme.taxonomy import COLOURS, THEMES  # noqa: E402

from ..conftest import check_closed_titled_figure, face_colours  # noqa: E402


@pytest.mark.parametrize("draw", [
    lambda r: plots.plot_themes_by_group(r, by="county"),
    lambda r: plots.plot_label_counts(r),
    lambda r: plots.plot_cooccurrence(r),
    lambda r: plots.plot_lengths(r),
], ids=["by_group", "label_counts", "cooccurrence", "lengths"])
def test_every_plot_returns_a_closed_titled_figure(draw, rows):
    check_closed_titled_figure(lambda: draw(rows))


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
    assert face_colours(bars) == set(COLOURS.values())


def test_cooccurrence_counts_pairs(rows):
    fig = plots.plot_cooccurrence(rows)
    texts = {(round(t.get_position()[0]), round(t.get_position()[1])): t.get_text() for t in fig.axes[0].texts}
    both = sum("planstrategi" in r.labels and "kompetanseheving" in r.labels for r in rows)
    assert texts[(THEMES.index("planstrategi"), THEMES.index("kompetanseheving"))] == str(both)


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
