"""Theme profiles of tagged documents: the shares per document, and their bars."""

from __future__ import annotations

import pytest

matplotlib = pytest.importorskip("matplotlib", reason="luktheme.plots needs matplotlib (the 'notebooks' extra)")
matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from luktheme import plots  # noqa: E402
from luktheme.taxonomy import COLOURS, THEMES  # noqa: E402

from ..conftest import check_closed_titled_figure, face_colours  # noqa: E402


@pytest.fixture
def tagged():
    return pd.DataFrame({"file": ["plans/a.md"] * 3 + ["b.pdf"],
                         "text": ["x", "y", "z", "w"],
                         "bolyst": [1, 0, 0, 1], "planstrategi": [1, 0, 0, 0], "stedsutvikling": 0,
                         "kompetanseheving": [0, 1, 0, 0], "statistikk": 0})


def test_theme_profile_plot_is_a_closed_titled_figure(tagged):
    check_closed_titled_figure(lambda: plots.plot_theme_profile(tagged))


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
    assert set(COLOURS.values()) <= face_colours(ax.patches)


def test_theme_profile_rejects_a_table_without_theme_columns():
    with pytest.raises(ValueError, match="no column 'bolyst'.*tag_documents"):
        plots.theme_profile(pd.DataFrame({"file": ["a"], "text": ["x"]}))
