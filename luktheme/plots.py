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

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from .taxonomy import COLOURS, THEMES

#: The grey of "no theme", beside the five theme colours.
NO_THEME_COLOUR = "#999999"


def _pyplot():
    # Lazy, so `import luktheme` never needs matplotlib; the error says how to get it.
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("luktheme.plots needs matplotlib. Install it with: pip install 'luktheme[notebooks]'") \
            from None
    return plt


def _finish(fig):
    _pyplot().close(fig)
    return fig


def _colour_ticklabels(labels) -> None:
    for label in labels:
        colour = COLOURS.get(label.get_text())
        if colour:
            label.set_color(colour)
            label.set_fontweight("bold")


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


def theme_profile(df, by: str = "file"):
    """Share of measures per theme (and with no theme) for each document of a tagged table.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`luktheme.tag_documents`: one row per measure and a
        0/1 column per theme.
    by : str
        The column that names the document.

    Returns
    -------
    pandas.DataFrame
        One row per document in order of appearance, indexed by its file name:
        ``measures``, then the share (0-1) of its measures in each theme and in
        ``no theme``. A measure with two themes counts in both, so the shares
        can add up to more than 1.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"file": ["a.md", "a.md", "b.md"], "bolyst": [1, 0, 1], "planstrategi": 0,
    ...                    "stedsutvikling": 0, "kompetanseheving": [1, 0, 0], "statistikk": 0})
    >>> theme_profile(df)[["measures", "bolyst", "no theme"]].values.tolist()
    [[2.0, 0.5, 0.5], [1.0, 1.0, 0.0]]
    """
    import pandas as pd

    missing = [c for c in (by, *THEMES) if c not in df.columns]
    if missing:
        raise ValueError(f"The table has no column {', '.join(map(repr, missing))}. Pass the table of "
                         "luktheme.tag_documents(), which has a 0/1 column per theme.")
    rows, names = [], []
    for name in dict.fromkeys(df[by]):
        flags = df.loc[df[by] == name, list(THEMES)].astype(int).to_numpy()
        rows.append([len(flags), *flags.mean(0), float((flags.sum(1) == 0).mean())])
        names.append(Path(str(name)).name)
    return pd.DataFrame(rows, columns=["measures", *THEMES, "no theme"],
                        index=pd.Index(names, name=by)).astype(float)


# --------------------------------------------------------------------------- the labeled rows


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


# --------------------------------------------------------------------------- the evaluation


def _model_of(report, model: str | None) -> str:
    model = model or next(iter(report.predictions))
    if model not in report.predictions:
        raise KeyError(f"The report has no model {model!r}. Models in it: {', '.join(report.predictions)}.")
    return model


def plot_learning_curve(report):
    """F1 per theme (and micro F1) against the share of the training rows the model learned from.

    Parameters
    ----------
    report : Report
        From :func:`luktheme.evaluation.evaluate` with ``curve=True`` (the default).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the report holds no learning curve.

    Examples
    --------
    >>> from luktheme import Example
    >>> from luktheme.baselines import KeywordRules
    >>> from luktheme.evaluation import evaluate
    >>> rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
    ...     [("Kurs for planleggere", ("kompetanseheving",)), ("Ny vei", ())] * 5)]
    >>> report = evaluate(rows, {"rules": KeywordRules}, n_repeats=1)
    >>> plot_learning_curve(report).axes[0].get_ylabel()
    'F1 on the same test folds'
    """
    if not report.curves:
        raise ValueError("This report has no learning curve. Make it with evaluate(examples, ..., curve=True).")
    shares = [float(s) for s in report.curves]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 4.2), layout="constrained")
    x = [100 * s for s in shares]
    lowest = 1.0
    for t in THEMES:
        f1 = [row["themes"][t] for row in report.curves.values()]
        lowest = min(lowest, *f1)
        ax.plot(x, f1, marker="o", color=COLOURS[t], label=t)
    ax.plot(x, [row["micro_f1"] for row in report.curves.values()], marker="s", color="black", linestyle="--",
            linewidth=2, label="micro F1")
    ax.set_xticks(x, [f"{v:.0f}%" for v in x])
    ax.set_xlabel("share of the training folds' source groups the model learned from")
    ax.set_ylabel("F1 on the same test folds")
    # Start the axis near the data (at a tenth), so the slope is visible; the label shows where it starts.
    ax.set_ylim(max(0.0, np.floor(lowest * 10 - 1) / 10), 1)
    ax.grid(alpha=0.3)
    ax.set_title(f"Learning curve of {next(iter(report.predictions))} (does more labeling still help?)")
    ax.legend(fontsize=8, loc="lower right", ncol=2)
    return _finish(fig)


def _f1_curve(y: np.ndarray, p: np.ndarray, grid: np.ndarray) -> np.ndarray:
    pred = p[None, :] >= grid[:, None]
    tp = (pred & y.astype(bool)).sum(1)
    return 2 * tp / np.maximum(pred.sum(1) + y.sum(), 1)


def plot_threshold_curves(report, model: str = "luktheme", *, thresholds: Mapping[str, float] | None = None):
    """F1 against the threshold, one panel per theme, with the chosen threshold marked.

    The curves use the report's out-of-fold scores (the mean over repeats).
    By default the marked threshold is the one
    :func:`luktheme.model.best_thresholds` picks on those scores, i.e. what
    a model trained on all rows would choose; pass ``thresholds`` (such as
    ``tagger.thresholds``) to mark a model's own instead.

    Parameters
    ----------
    report : Report
    model : str
        A model of the report.
    thresholds : dict of str to float, optional
        The threshold to mark per theme.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per theme, in :data:`~luktheme.THEMES` order.

    Examples
    --------
    >>> from luktheme import Example
    >>> from luktheme.baselines import KeywordRules
    >>> from luktheme.evaluation import cross_validate
    >>> rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
    ...     [("Kurs for planleggere", ("kompetanseheving",)), ("Ny vei", ())] * 5)]
    >>> report = cross_validate(rows, {"rules": KeywordRules}, n_repeats=1, holdout_seed=False)
    >>> [ax.get_title() for ax in plot_threshold_curves(report, "rules").axes][:2]
    ['bolyst', 'planstrategi']

    With a loaded model, mark its own thresholds:
    ``plot_threshold_curves(report, thresholds=luktheme.load().thresholds)``.
    """
    from .model import best_thresholds

    model = _model_of(report, model)
    S = report.scores[model].mean(0)
    Y = report.Y
    if thresholds is None:
        chosen = dict(zip(THEMES, best_thresholds(Y, S)))
        marked = "best on these scores"
    else:
        chosen = {t: float(thresholds[t]) for t in THEMES}
        marked = "given"
    grid = np.round(np.arange(0.01, 0.991, 0.01), 2)
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(THEMES), figsize=(14, 3.4), sharey=True, layout="constrained")
    for k, (t, ax) in enumerate(zip(THEMES, axes)):
        f1 = _f1_curve(Y[:, k], S[:, k], grid)
        ax.plot(grid, f1, color=COLOURS[t], linewidth=2)
        c = chosen[t]
        at = _f1_curve(Y[:, k], S[:, k], np.array([c]))[0]
        ax.axvline(c, color="black", linestyle="--", linewidth=1)
        ax.plot([c], [at], "o", color="black")
        ax.annotate(f"{c:.2f}\nF1 {at:.2f}", (c, at), xytext=(6, -28), textcoords="offset points", fontsize=8)
        ax.axvline(0.5, color="#bbbbbb", linestyle=":", linewidth=1)
        ax.set_title(t, color=COLOURS[t], fontweight="bold")
        ax.set_xlabel("threshold")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("F1 (out of fold)")
    fig.suptitle(f"{model}: F1 by threshold per theme; dashed line = threshold ({marked}), dotted = 0.5")
    return _finish(fig)


def plot_precision_recall(report, model: str | None = None):
    """Per theme: precision and recall as bars (left) and precision-recall curves (right).

    The bars are the report's out-of-fold figures at the model's own
    thresholds; the curves sweep the threshold over the out-of-fold scores,
    with the same operating point marked on each.

    Parameters
    ----------
    report : Report
    model : str, optional
        Default: the report's first model.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from luktheme import Example
    >>> from luktheme.baselines import KeywordRules
    >>> from luktheme.evaluation import cross_validate
    >>> rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
    ...     [("Kurs for planleggere", ("kompetanseheving",)), ("Ny vei", ())] * 5)]
    >>> report = cross_validate(rows, {"rules": KeywordRules}, n_repeats=1, holdout_seed=False)
    >>> plot_precision_recall(report).axes[1].get_xlabel()
    'recall'
    """
    from sklearn.metrics import precision_recall_curve

    model = _model_of(report, model)
    figs = report.figures(model)["themes"]
    S = report.scores[model].mean(0)
    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.4), layout="constrained")
    x = np.arange(len(THEMES))
    width = 0.38
    prec = [figs[t]["precision"] for t in THEMES]
    rec = [figs[t]["recall"] for t in THEMES]
    colours = [COLOURS[t] for t in THEMES]
    b1 = left.bar(x - width / 2, prec, width, color=colours, edgecolor="black", label="precision")
    b2 = left.bar(x + width / 2, rec, width, color=colours, edgecolor="black", hatch="///", alpha=0.55,
                  label="recall")
    left.bar_label(b1, [f"{v:.2f}" for v in prec], fontsize=7)
    left.bar_label(b2, [f"{v:.2f}" for v in rec], fontsize=7)
    left.set_xticks(x, THEMES, rotation=20)
    _colour_ticklabels(left.get_xticklabels())
    left.set_ylim(0, 1.08)
    left.set_ylabel("out-of-fold precision / recall")
    left.set_title(f"{model}: precision (solid) and recall (hatched)")
    for patch in left.legend(fontsize=8, loc="lower right").get_patches():
        patch.set_facecolor("white")  # solid vs hatched is the key here, not the theme colour
    for k, t in enumerate(THEMES):
        if report.Y[:, k].any():
            p, r, _ = precision_recall_curve(report.Y[:, k], S[:, k])
            right.plot(r, p, color=COLOURS[t], linewidth=1.8, label=t)
        right.plot([rec[k]], [prec[k]], "o", color=COLOURS[t], markeredgecolor="black", markersize=7)
    right.set_xlabel("recall")
    right.set_ylabel("precision")
    right.set_xlim(0, 1.02)
    right.set_ylim(0, 1.02)
    right.grid(alpha=0.3)
    right.set_title("Precision-recall curves (dots: the model's thresholds)")
    right.legend(fontsize=8, loc="lower left")
    return _finish(fig)


# --------------------------------------------------------------------------- tagged documents


_HATCHES = ("", "///", "...", "xx", "\\\\", "++")


def _measures(n: float) -> str:
    return f"{int(n)} measure" + ("" if n == 1 else "s")


def plot_theme_profile(df, by: str = "file", *, no_theme: bool = True):
    """Bars: the share of a document's measures in each theme, for one or several documents.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`luktheme.tag_documents` (one row per measure).
    by : str
        The column that names the document.
    no_theme : bool
        Add a grey bar for the measures with no theme.

    Returns
    -------
    matplotlib.figure.Figure
        One group of bars per theme; within a group, one bar per document
        (told apart by hatching and the legend), labeled with its share.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"file": ["a.md", "a.md", "b.md"], "bolyst": [1, 0, 1], "planstrategi": 0,
    ...                    "stedsutvikling": 0, "kompetanseheving": [1, 0, 0], "statistikk": 0})
    >>> fig = plot_theme_profile(df)
    >>> [t.get_text() for t in fig.legends[0].get_texts()]
    ['a.md (2 measures)', 'b.md (1 measure)']
    """
    from matplotlib.ticker import PercentFormatter

    profile = theme_profile(df, by)
    if profile.empty:
        raise ValueError("The table has no measures to plot.")
    columns = list(THEMES) + (["no theme"] if no_theme else [])
    colours = [COLOURS.get(c, NO_THEME_COLOUR) for c in columns]
    n_docs = len(profile)
    width = 0.8 / n_docs
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(8, 1.2 * len(columns) * max(1, n_docs * 0.6)), 4.4), layout="constrained")
    x = np.arange(len(columns))
    for i, (name, row) in enumerate(profile.iterrows()):
        shares = [row[c] for c in columns]
        bars = ax.bar(x - 0.4 + width * (i + 0.5), shares, width, color=colours, edgecolor="black",
                      hatch=_HATCHES[i % len(_HATCHES)], label=f"{name} ({_measures(row['measures'])})")
        ax.bar_label(bars, [f"{s:.0%}" for s in shares], fontsize=7)
    ax.set_xticks(x, columns, rotation=15)
    _colour_ticklabels(ax.get_xticklabels())
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("share of the document's measures")
    ax.margins(y=0.15)
    title = "Theme profile" + (f" of {profile.index[0]}" if n_docs == 1 else f" of {n_docs} documents")
    ax.set_title(title + " (a measure can have several themes)")
    # Below the axes, so it never hides a tall bar; documents are told apart by hatching, not colour.
    legend = fig.legend(loc="outside lower center", ncol=min(n_docs, 3), fontsize=8)
    for patch in legend.get_patches():
        patch.set_facecolor("white")
    return _finish(fig)
