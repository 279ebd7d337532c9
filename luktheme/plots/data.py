"""Figures and tables of the labeled rows: label counts, themes by group, co-occurrence, text lengths.

Each function takes labeled rows (:class:`luktheme.Example`, e.g. from
:func:`luktheme.read_examples`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from ..taxonomy import COLOURS, THEMES
from ._style import NO_THEME_COLOUR, _colour_ticklabels, _finish, _pyplot


def _check_examples(examples) -> list:
    if isinstance(examples, (str, bytes, Path)):
        raise TypeError("Pass labeled rows, e.g. luktheme.read_examples('data/'), not a path.")
    examples = list(examples)
    if not examples:
        raise ValueError("No labeled rows to plot: the list is empty.")
    return examples


def _label_matrix(examples) -> np.ndarray:
    return np.array([[int(t in ex.labels) for t in THEMES] for ex in examples], dtype=np.int64)


# --------------------------------------------------------------------------- tables beside the figures


def examples_table(examples: Iterable, ids: Sequence[str] | None = None, *,
                   columns: Sequence[str] = ("text", "labels", "lang", "kind", "origin")):
    """Labeled rows as a table, indexed by id: all of them, or those in ``ids`` in that order.

    Parameters
    ----------
    examples : iterable of Example
    ids : sequence of str, optional
        Row ids to show, e.g. the ids the codebook cites.
    columns : sequence of str
        ``text``, ``labels`` (comma-separated themes, empty for none) and any
        field of :attr:`Example.meta` (missing fields are left blank).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    KeyError
        If an id in ``ids`` is not among the rows.

    Examples
    --------
    >>> from luktheme import Example
    >>> rows = [Example("a", "Kurs i planstrategi", ("planstrategi", "kompetanseheving"), {"lang": "nb"}),
    ...         Example("b", "Asfaltere fylkesvegen", (), {"lang": "nn"})]
    >>> examples_table(rows, ["a"])[["text", "labels"]].values.tolist()
    [['Kurs i planstrategi', 'planstrategi, kompetanseheving']]
    """
    import pandas as pd

    examples = _check_examples(examples)
    if isinstance(ids, str):
        raise TypeError(f"ids must be a list of row ids, got the string {ids!r}. Write [{ids!r}].")
    by_id = {ex.id: ex for ex in examples}
    if ids is not None:
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise KeyError(f"No labeled row with id {', '.join(map(repr, missing))}. "
                           "Check the ids against data/*.jsonl.")
        examples = [by_id[i] for i in ids]

    def value(ex, col):
        if col == "text":
            return ex.text
        if col == "labels":
            return ", ".join(ex.labels)
        return ex.meta.get(col, "")

    return pd.DataFrame([[value(ex, c) for c in columns] for ex in examples], columns=list(columns),
                        index=pd.Index([ex.id for ex in examples], name="id"))


# --------------------------------------------------------------------------- the figures


def plot_themes_by_group(examples: Iterable, by: str = "county", *, no_theme: bool = True):
    """Heatmap: the share of rows in each theme, one row per value of a field (county, kind, language ...).

    Parameters
    ----------
    examples : iterable of Example
        Rows without the field ``by`` are left out (only the seed rows have a county).
    by : str
        A field of :attr:`Example.meta`: ``county``, ``kind``, ``lang``, ``origin``,
        ``group``, ``source_doc`` ...
    no_theme : bool
        Add a column for rows with no theme.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from luktheme import Example
    >>> rows = [Example("a", "Kurs i planstrategi", ("planstrategi", "kompetanseheving"), {"lang": "nb"}),
    ...         Example("b", "Asfaltere fylkesvegen", (), {"lang": "nn"})]
    >>> fig = plot_themes_by_group(rows, by="lang")
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['nb (n=1)', 'nn (n=1)']
    """
    examples = [ex for ex in _check_examples(examples) if ex.meta.get(by) not in (None, "")]
    if not examples:
        raise ValueError(f"No row has the field {by!r}. Fields of the labeled rows: county (seed rows), kind, "
                         "lang, origin, group, source_doc.")
    values = sorted({str(ex.meta[by]) for ex in examples})
    Y = _label_matrix(examples)
    keys = np.array([str(ex.meta[by]) for ex in examples])
    columns = list(THEMES) + (["no theme"] if no_theme else [])
    share = np.zeros((len(values), len(columns)))
    counts = []
    for i, v in enumerate(values):
        rows = Y[keys == v]
        counts.append(len(rows))
        share[i, :len(THEMES)] = rows.mean(0)
        if no_theme:
            share[i, -1] = (rows.sum(1) == 0).mean()
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(1.3 * len(columns) + 3, 0.32 * len(values) + 1.8), layout="constrained")
    image = ax.imshow(share * 100, cmap="Greys", vmin=0, vmax=100, aspect="auto")
    for (i, j), v in np.ndenumerate(share):
        ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8, color="white" if v > 0.55 else "black")
    ax.set_xticks(range(len(columns)), columns, rotation=30, ha="right")
    ax.set_yticks(range(len(values)), [f"{v} (n={n})" for v, n in zip(values, counts)])
    _colour_ticklabels(ax.get_xticklabels())
    ax.set_title(f"Share of rows with each theme, by {by} ({len(examples)} rows)")
    fig.colorbar(image, ax=ax, label="% of the rows", shrink=0.8)
    return _finish(fig)


def plot_label_counts(examples: Iterable):
    """Two bar charts: rows per theme, and rows by their number of themes (0 = no theme).

    Parameters
    ----------
    examples : iterable of Example

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from luktheme import Example
    >>> rows = [Example("a", "Kurs i planstrategi", ("planstrategi", "kompetanseheving"), {"lang": "nb"}),
    ...         Example("b", "Asfaltere fylkesvegen", (), {"lang": "nn"})]
    >>> fig = plot_label_counts(rows)
    >>> fig.axes[1].get_xlabel()
    'number of themes (0 = no theme)'
    """
    examples = _check_examples(examples)
    Y = _label_matrix(examples)
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained",
                                      gridspec_kw={"width_ratios": [5, 3]})
    per_theme = Y.sum(0)
    bars = left.bar(THEMES, per_theme, color=[COLOURS[t] for t in THEMES])
    left.bar_label(bars, [f"{n}\n{n / len(Y):.0%}" for n in per_theme], fontsize=8)
    left.set_ylabel("rows")
    left.set_title(f"Rows labeled with each theme (of {len(Y)})")
    left.tick_params(axis="x", rotation=20)
    _colour_ticklabels(left.get_xticklabels())
    left.margins(y=0.2)
    n_themes = Counter(Y.sum(1).tolist())
    ks = list(range(max(n_themes) + 1))
    bars = right.bar([str(k) for k in ks], [n_themes.get(k, 0) for k in ks],
                     color=[NO_THEME_COLOUR] + ["#555555"] * (len(ks) - 1))
    right.bar_label(bars, [f"{n_themes.get(k, 0) / len(Y):.0%}" for k in ks], fontsize=8)
    right.set_xlabel("number of themes (0 = no theme)")
    right.set_ylabel("rows")
    right.set_title("Themes per row")
    right.margins(y=0.15)
    return _finish(fig)


def plot_cooccurrence(examples: Iterable):
    """Heatmap of theme pairs: how many rows carry both (the diagonal: each theme in all).

    Parameters
    ----------
    examples : iterable of Example

    Returns
    -------
    matplotlib.figure.Figure
        The pairs are shaded on their own scale; the diagonal, far larger, is
        drawn in the theme's colour instead.

    Examples
    --------
    >>> from luktheme import Example
    >>> rows = [Example("a", "Kurs i planstrategi", ("planstrategi", "kompetanseheving"), {"lang": "nb"}),
    ...         Example("b", "Asfaltere fylkesvegen", (), {"lang": "nn"})]
    >>> fig = plot_cooccurrence(rows)
    >>> fig.axes[0].get_title()
    'Theme co-occurrence in the labeled rows'
    """
    examples = _check_examples(examples)
    Y = _label_matrix(examples)
    both = Y.T @ Y
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 5.2), layout="constrained")
    # The diagonal is far larger than any pair; shading it on the same scale would wash the pairs out.
    off = both.astype(float).copy()
    np.fill_diagonal(off, np.nan)
    image = ax.imshow(off, cmap="Greys", vmin=0, vmax=max(1, np.nanmax(off)))
    for (i, j), n in np.ndenumerate(both):
        if i == j:
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, color=COLOURS[THEMES[i]], alpha=0.35))
            ax.text(j, i, f"{n}\n(all)", ha="center", va="center", fontsize=8, fontweight="bold")
        else:
            ax.text(j, i, str(n), ha="center", va="center", fontsize=9,
                    color="white" if n > 0.6 * np.nanmax(off) else "black")
    ax.set_xticks(range(len(THEMES)), THEMES, rotation=30, ha="right")
    ax.set_yticks(range(len(THEMES)), THEMES)
    _colour_ticklabels(ax.get_xticklabels())
    _colour_ticklabels(ax.get_yticklabels())
    ax.set_title("Theme co-occurrence in the labeled rows")
    fig.colorbar(image, ax=ax, label="rows with both themes", shrink=0.8)
    return _finish(fig)


def plot_lengths(examples: Iterable, by: str = "origin"):
    """Text length in words: a histogram per value of ``by``, and a box per theme.

    Parameters
    ----------
    examples : iterable of Example
    by : str
        A field of :attr:`Example.meta` whose values get one histogram each,
        e.g. ``origin`` (seed / written) or ``lang``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from luktheme import Example
    >>> rows = [Example("a", "Kurs i planstrategi", ("planstrategi", "kompetanseheving"), {"lang": "nb"}),
    ...         Example("b", "Asfaltere fylkesvegen", (), {"lang": "nn"})]
    >>> fig = plot_lengths(rows, by="lang")
    >>> fig.axes[0].get_title()
    'Text length by lang'
    """
    from matplotlib.ticker import PercentFormatter

    examples = _check_examples(examples)
    words = np.array([len(ex.text.split()) for ex in examples])
    keys = np.array([str(ex.meta.get(by, "(none)")) for ex in examples])
    Y = _label_matrix(examples)
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
    bins = np.arange(0, words.max() + 5, 3)
    for value, style in zip(sorted(set(keys)), ("-", "--", ":", "-.")):
        part = words[keys == value]
        left.hist(part, bins=bins, histtype="step", linestyle=style, linewidth=1.6, color="black",
                  weights=np.full(len(part), 1 / len(part)),
                  label=f"{value} (n={len(part)}, median {np.median(part):.0f})")
    left.set_xlabel("words per row")
    left.set_ylabel("share of the rows (3-word bins)")
    left.yaxis.set_major_formatter(PercentFormatter(1.0))
    left.set_title(f"Text length by {by}")
    left.legend(fontsize=8)
    groups = [words[Y[:, k] == 1] for k in range(len(THEMES))] + [words[Y.sum(1) == 0]]
    names = list(THEMES) + ["no theme"]
    # No labels/orientation keywords: matplotlib 3.9 and 3.10 renamed them; ticks set below work everywhere.
    box = right.boxplot(groups, patch_artist=True, showfliers=False, medianprops={"color": "black"})
    for patch, name in zip(box["boxes"], names):
        patch.set_facecolor(COLOURS.get(name, NO_THEME_COLOUR))
        patch.set_alpha(0.6)
    right.set_xticks(range(1, len(names) + 1), names, rotation=20)
    _colour_ticklabels(right.get_xticklabels())
    right.set_ylabel("words per row")
    right.set_title("Text length by theme (box: middle half; whiskers: 1.5 IQR)")
    return _finish(fig)
