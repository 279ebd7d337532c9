"""Cross-validation of the theme model beside its baselines, on the same folds.

Folds are grouped (rows of one source never sit on both sides) and stratified
over the five themes; each model's thresholds, where it has any, are tuned
inside the training part of every fold only.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from .corpus import Example, label_matrix
from .splits import repeated_folds
from .taxonomy import THEMES


def default_models() -> dict[str, Callable[[], object]]:
    """luktheme's model and the baselines of the comparison table, by display name."""
    from .baselines import KeywordRules, SpacyTextcat, TfidfLogReg
    from .model import ThemeClassifier

    return {
        "luktheme": ThemeClassifier,
        "keyword rules (cue stems)": KeywordRules,
        "word TF-IDF + LR": lambda: TfidfLogReg("word"),
        "char TF-IDF + LR": lambda: TfidfLogReg("char"),
        "spaCy textcat_multilabel (bow)": lambda: SpacyTextcat("bow"),
        "spaCy textcat_multilabel (ensemble)": lambda: SpacyTextcat("ensemble"),
    }


def scores(Y: np.ndarray, P: np.ndarray) -> dict:
    """Micro and macro F1 and per-theme precision, recall and F1 of 0/1 predictions.

    Examples
    --------
    >>> Y = np.array([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0]])
    >>> scores(Y, Y)["micro_f1"]
    1.0
    """
    p, r, f, support = precision_recall_fscore_support(Y, P, average=None, zero_division=0, labels=range(len(THEMES)))
    return {
        "micro_f1": float(f1_score(Y, P, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(Y, P, average="macro", zero_division=0)),
        "no_theme_true": float((Y.sum(1) == 0).mean()) if len(Y) else 0.0,
        "no_theme_pred": float((P.sum(1) == 0).mean()) if len(P) else 0.0,
        "themes": {t: {"precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]), "support": int(support[k])}
                   for k, t in enumerate(THEMES)},
        "n": int(len(Y)),
    }


def subsets_of(examples: Sequence[Example]) -> dict[str, np.ndarray]:
    """Row masks for the figures reported separately: seed vs written, Bokmål vs Nynorsk."""
    origin = np.array([ex.origin for ex in examples])
    lang = np.array([ex.lang for ex in examples])
    masks = {"all": np.ones(len(examples), bool), "seed": origin == "seed", "written": origin == "written",
             "nb": lang == "nb", "nn": lang == "nn"}
    return {k: m for k, m in masks.items() if m.any()}


@dataclass
class Report:
    """Out-of-fold predictions of several models and the figures computed from them."""

    Y: np.ndarray
    subsets: dict[str, np.ndarray]
    predictions: dict[str, np.ndarray]          # model -> (n_repeats, n, 5) 0/1
    seconds: dict[str, float]
    settings: dict
    holdout: dict[str, dict] = field(default_factory=dict)   # model -> scores, trained on written, tested on seed

    def figures(self, model: str, subset: str = "all") -> dict:
        """Scores of ``model`` on ``subset``, averaged over repeats (with their spread)."""
        mask = self.subsets[subset]
        runs = [scores(self.Y[mask], P[mask]) for P in self.predictions[model]]
        out = {key: float(np.mean([r[key] for r in runs])) for key in ("micro_f1", "macro_f1", "no_theme_true",
                                                                       "no_theme_pred")}
        out["micro_f1_sd"] = float(np.std([r["micro_f1"] for r in runs]))
        out["themes"] = {t: {m: float(np.mean([r["themes"][t][m] for r in runs])) for m in ("precision", "recall", "f1")}
                         for t in THEMES}
        out["n"] = int(mask.sum())
        return out

    def to_dict(self) -> dict:
        return {"settings": self.settings, "seconds": self.seconds,
                "cv": {m: {s: self.figures(m, s) for s in self.subsets} for m in self.predictions},
                "holdout_seed": self.holdout}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        """The comparison table: micro/macro F1 overall, by subset and per theme."""
        subsets = [s for s in ("all", "seed", "written", "nb", "nn") if s in self.subsets]
        head = ["model"] + [f"micro F1 {s}" for s in subsets] + ["macro F1 all"] + [f"F1 {t}" for t in THEMES]
        if self.holdout:
            head.insert(len(subsets) + 2, "micro F1 seed, trained on written only")
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for m in self.predictions:
            figs = {s: self.figures(m, s) for s in subsets}
            row = [m] + [f"{figs[s]['micro_f1']:.3f}" for s in subsets] + [f"{figs['all']['macro_f1']:.3f}"]
            if self.holdout:
                row.append(f"{self.holdout[m]['micro_f1']:.3f}" if m in self.holdout else "")
            row += [f"{figs['all']['themes'][t]['f1']:.3f}" for t in THEMES]
            lines.append("| " + " | ".join(row) + " |")
        s = self.settings
        lines.append("")
        lines.append(f"{s['n_repeats']}×{s['n_splits']} grouped multi-label stratified cross-validation on "
                     f"{len(self.Y)} rows ({s['n_groups']} source groups); figures are means over repeats.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        from .display import report_html

        return report_html(self)


def cross_validate(examples: Sequence[Example], models: dict[str, Callable[[], object]] | None = None, *,
                   n_splits: int = 5, n_repeats: int = 2, random_state: int = 0, holdout_seed: bool = True,
                   progress: Callable[[str], None] | None = None) -> Report:
    """Score several models on the same grouped, stratified folds.

    Parameters
    ----------
    examples : sequence of Example
        Labeled rows, e.g. ``read_examples("data/")``.
    models : dict of name to zero-argument factory, optional
        Defaults to :func:`default_models`.
    n_splits, n_repeats : int
        Folds per repeat and repeats (each repeat deals the groups anew).
    holdout_seed : bool
        Also train every model on the written rows only and score it on the seed rows.

    Returns
    -------
    Report

    Examples
    --------
    >>> from luktheme.baselines import KeywordRules
    >>> rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
    ...     [("Kurs for planleggere", ("kompetanseheving",)), ("Ny vei", ())] * 5)]
    >>> report = cross_validate(rows, {"rules": KeywordRules}, n_repeats=1, holdout_seed=False)
    >>> report.figures("rules")["micro_f1"]
    1.0
    """
    models = models or default_models()
    texts = [ex.text for ex in examples]
    Y = label_matrix([ex.labels for ex in examples])
    groups = [ex.group for ex in examples]
    preds = {m: np.zeros((n_repeats, len(texts), len(THEMES)), dtype=np.int64) for m in models}
    seconds = {m: 0.0 for m in models}
    for r, f, train, test in repeated_folds(Y, groups, n_splits, n_repeats, random_state=random_state):
        for name, factory in models.items():
            start = time.perf_counter()
            est = factory()
            est.fit([texts[i] for i in train], Y[train], groups=[groups[i] for i in train])
            preds[name][r, test] = est.predict([texts[i] for i in test])
            seconds[name] += time.perf_counter() - start
        if progress:
            progress(f"repeat {r + 1}/{n_repeats}, fold {f + 1}/{n_splits} done")
    holdout = {}
    seed = np.array([ex.origin == "seed" for ex in examples])
    if holdout_seed and seed.any() and (~seed).any():
        train, test = np.flatnonzero(~seed), np.flatnonzero(seed)
        for name, factory in models.items():
            est = factory()
            est.fit([texts[i] for i in train], Y[train], groups=[groups[i] for i in train])
            holdout[name] = scores(Y[test], est.predict([texts[i] for i in test]))
        if progress:
            progress("seed hold-out done")
    settings = {"n_splits": n_splits, "n_repeats": n_repeats, "random_state": random_state,
                "n_groups": len(set(groups))}
    return Report(Y, subsets_of(examples), preds, seconds, settings, holdout)
