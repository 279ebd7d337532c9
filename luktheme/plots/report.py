"""Figures of an evaluation report: learning curve, F1 by threshold, precision and recall.

Each function takes the :class:`~luktheme.evaluation.Report` of
:func:`luktheme.evaluate` or :func:`luktheme.evaluation.cross_validate`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..taxonomy import COLOURS, THEMES
from ._style import _colour_ticklabels, _finish, _pyplot


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
    from ..model import best_thresholds

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
