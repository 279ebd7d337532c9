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


def heldout_scores(tagger, examples: Sequence[Example]) -> dict:
    """Score a trained tagger on held-out rows it never saw: micro and macro F1, by language and theme.

    Used for the blind-written test rows (``data/heldout/blind_test.jsonl``):
    the project's estimate for measures written by other authors.

    Examples
    --------
    >>> import luktheme
    >>> rows = [Example("a", "Kurs i planstrategi", ("planstrategi", "kompetanseheving"), {"lang": "nb"})]
    >>> heldout_scores(luktheme.load(), rows)["micro_f1"]
    1.0
    """
    Y = label_matrix([ex.labels for ex in examples])
    P = np.array([[t in tag.themes for t in THEMES] for tag in tagger.pipe([ex.text for ex in examples])],
                 dtype=np.int64).reshape(len(examples), len(THEMES))
    s = scores(Y, P)
    out = {"n": len(examples), "micro_f1": round(s["micro_f1"], 4), "macro_f1": round(s["macro_f1"], 4),
           "exact_match": round(float((Y == P).all(1).mean()), 4) if len(examples) else 0.0}
    lang = np.array([ex.lang for ex in examples])
    for code in ("nb", "nn"):
        if (lang == code).any():
            out[f"micro_f1_{code}"] = round(scores(Y[lang == code], P[lang == code])["micro_f1"], 4)
    out["themes"] = {t: {k: round(v, 4) for k, v in s["themes"][t].items()} for t in THEMES}
    return out


def quick_models() -> dict[str, Callable[[], object]]:
    """luktheme's model and the baselines that train in seconds (no spaCy textcat), by display name."""
    models = default_models()
    return {name: factory for name, factory in models.items() if not name.startswith("spaCy")}


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
    """Row masks for the figures reported separately: by origin (seed, written, blind), Bokmål vs Nynorsk."""
    origin = np.array([ex.origin for ex in examples])
    lang = np.array([ex.lang for ex in examples])
    masks = {"all": np.ones(len(examples), bool), "seed": origin == "seed", "written": origin == "written",
             "blind": origin == "blind", "nb": lang == "nb", "nn": lang == "nn"}
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
    scores: dict[str, np.ndarray] = field(default_factory=dict)   # model -> (n_repeats, n, 5) probabilities
    groups: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    curves: dict[str, dict] = field(default_factory=dict)     # fraction -> per-theme F1, from learning_curve()

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

    def intervals(self, model: str, subset: str = "all", *, n_boot: int = 1000, seed: int = 0) -> dict:
        """95% bootstrap intervals of micro F1, macro F1 and per-theme F1.

        Whole source groups are resampled (rows of one source are not
        independent), over the out-of-fold predictions of every repeat.
        """
        mask = self.subsets[subset]
        names, codes = np.unique(np.asarray(self.groups, dtype=str)[mask], return_inverse=True)
        Y = self.Y[mask]
        stats = []
        for P in self.predictions[model]:
            P = P[mask]
            per_group = np.zeros((len(names), 3, len(THEMES)))
            np.add.at(per_group, codes, np.stack([Y & P, (1 - Y) & P, Y & (1 - P)], axis=1))
            stats.append(per_group)
        rng = np.random.default_rng(seed)
        weights = rng.multinomial(len(names), np.full(len(names), 1 / len(names)), size=n_boot)
        counts = np.mean([np.einsum("bg,gct->bct", weights, s) for s in stats], axis=0)
        tp, fp, fn = counts[:, 0], counts[:, 1], counts[:, 2]
        f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1e-12)
        micro = 2 * tp.sum(1) / np.maximum((2 * tp + fp + fn).sum(1), 1e-12)

        def ci(values):
            lo, hi = np.percentile(values, [2.5, 97.5])
            return [float(lo), float(hi)]

        return {"micro_f1": ci(micro), "macro_f1": ci(f1.mean(1)),
                "themes": {t: ci(f1[:, k]) for k, t in enumerate(THEMES)}}

    def confusion(self, model: str, subset: str = "all") -> dict:
        """Per theme: true/false positives and negatives, summed over repeats' means."""
        mask = self.subsets[subset]
        Y = self.Y[mask]
        out = {}
        for k, t in enumerate(THEMES):
            runs = [(int((Y[:, k] & P[mask][:, k]).sum()), int(((1 - Y[:, k]) & P[mask][:, k]).sum()),
                     int((Y[:, k] & (1 - P[mask][:, k])).sum())) for P in self.predictions[model]]
            tp, fp, fn = np.mean(runs, axis=0)
            out[t] = {"tp": float(tp), "fp": float(fp), "fn": float(fn), "tn": float(mask.sum() - tp - fp - fn)}
        return out

    def to_dict(self) -> dict:
        return {"settings": self.settings, "seconds": self.seconds,
                "cv": {m: {s: self.figures(m, s) for s in self.subsets} for m in self.predictions},
                "intervals": {m: self.intervals(m) for m in self.predictions},
                "confusion": {m: self.confusion(m) for m in self.predictions},
                "holdout_seed": self.holdout, "learning_curve": self.curves}

    def to_text(self) -> str:
        """The full report: the comparison table, intervals, per-theme figures, confusion, learning curve."""
        main = next(iter(self.predictions))
        parts = ["### Comparison on the same folds", "", self.to_markdown(), ""]
        ivs = self.intervals(main)
        figs = self.figures(main)
        parts += [f"### {main}: per theme (all rows, 95% group-bootstrap intervals)", "",
                  "| theme | precision | recall | F1 | F1 95% interval | TP | FP | FN |", "|---|---|---|---|---|---|---|---|"]
        conf = self.confusion(main)
        for t in THEMES:
            f = figs["themes"][t]
            lo, hi = ivs["themes"][t]
            c = conf[t]
            parts.append(f"| {t} | {f['precision']:.3f} | {f['recall']:.3f} | {f['f1']:.3f} | {lo:.3f}–{hi:.3f} | "
                         f"{c['tp']:.0f} | {c['fp']:.0f} | {c['fn']:.0f} |")
        lo, hi = ivs["micro_f1"]
        mlo, mhi = ivs["macro_f1"]
        parts += ["", f"micro F1 {figs['micro_f1']:.3f} ({lo:.3f}–{hi:.3f}), macro F1 {figs['macro_f1']:.3f} "
                  f"({mlo:.3f}–{mhi:.3f}); rows with no theme: {figs['no_theme_true']:.1%} true, "
                  f"{figs['no_theme_pred']:.1%} predicted.", ""]
        by_lang = [s for s in ("nb", "nn", "seed", "written", "blind") if s in self.subsets]
        if by_lang:
            parts += [f"### {main}: by subset", "", "| subset | rows | micro F1 | macro F1 | no theme true | no theme predicted |",
                      "|---|---|---|---|---|---|"]
            for s in by_lang:
                f = self.figures(main, s)
                parts.append(f"| {s} | {f['n']} | {f['micro_f1']:.3f} | {f['macro_f1']:.3f} | {f['no_theme_true']:.1%} | "
                             f"{f['no_theme_pred']:.1%} |")
            parts.append("")
        if self.curves:
            parts += [f"### {main}: learning curve (F1 per theme by share of the training rows)", "",
                      "| share | " + " | ".join(THEMES) + " | micro F1 |", "|---|" + "---|" * (len(THEMES) + 1)]
            for frac, row in self.curves.items():
                parts.append(f"| {float(frac):.0%} | " + " | ".join(f"{row['themes'][t]:.3f}" for t in THEMES)
                             + f" | {row['micro_f1']:.3f} |")
            parts.append("")
        parts.append("Seconds spent fitting and predicting: " + ", ".join(f"{m} {s:.0f}" for m, s in self.seconds.items()))
        return "\n".join(parts)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        """The comparison table: micro/macro F1 overall, by subset and per theme."""
        subsets = [s for s in ("all", "seed", "written", "blind", "nb", "nn") if s in self.subsets]
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


_FITS: dict = {}


def _fit_one(task) -> tuple[np.ndarray, np.ndarray, float]:
    name, _, _, train, test = task
    models, texts, Y, groups = _FITS["models"], _FITS["texts"], _FITS["Y"], _FITS["groups"]
    start = time.perf_counter()
    est = models[name]()
    est.fit([texts[i] for i in train], Y[train], groups=[groups[i] for i in train])
    test_texts = [texts[i] for i in test]
    prob = est.predict_proba(test_texts)
    return est.predict(test_texts), prob, time.perf_counter() - start


def _reporter(progress) -> Callable[[str], None] | None:
    if progress is True:
        import sys

        return lambda line: print(line, file=sys.stderr, flush=True)
    return progress or None


def run_fits(tasks: list[tuple], models: dict[str, Callable[[], object]], texts: list[str], Y: np.ndarray,
             groups: list, *, n_jobs: int | None = None, progress=None, what: str = "fits"):
    """Fit and score each ``(model, repeat, fold, train, test)`` task; yield ``(task, (P, scores, seconds))`` in order.

    With ``n_jobs`` > 1 the fits run in forked worker processes, which share the
    loaded Norwegian pipeline and its caches with this one; the results are the
    same as one by one. Each finished fit is reported to ``progress`` with the
    time so far and an estimate of the time left.

    Examples
    --------
    >>> from luktheme.baselines import KeywordRules
    >>> Y = np.array([[0, 0, 0, 1, 0], [0, 0, 0, 0, 0]] * 2)
    >>> tasks = [("rules", 0, 0, np.array([0, 1]), np.array([2, 3]))]
    >>> [P.tolist() for _, (P, _, _) in run_fits(tasks, {"rules": KeywordRules}, ["Kurs", "Veg"] * 2, Y, [0, 1] * 2)]
    [[[0, 0, 0, 1, 0], [0, 0, 0, 0, 0]]]
    """
    import multiprocessing
    import os

    say = _reporter(progress)
    n_jobs = min(n_jobs or os.cpu_count() or 1, len(tasks))
    if "fork" not in multiprocessing.get_all_start_methods():
        n_jobs = 1  # the factories are closures; only a forked worker can run them
    _FITS.update(models=models, texts=texts, Y=Y, groups=groups)
    start = time.perf_counter()
    pool = None
    try:
        if n_jobs > 1:
            from concurrent.futures import ProcessPoolExecutor

            # Analyse the texts once here, so every forked worker finds them in the cache.
            from .analysis import ANALYSERS, analyse

            for analysis in {getattr(f(), "analysis", None) for f in models.values()} & set(ANALYSERS):
                analyse(texts, analysis)
            pool = ProcessPoolExecutor(n_jobs, mp_context=multiprocessing.get_context("fork"))
            results = pool.map(_fit_one, tasks)
        else:
            results = map(_fit_one, tasks)
        for done, (task, result) in enumerate(zip(tasks, results), 1):
            if say:
                elapsed = time.perf_counter() - start
                left = elapsed / done * (len(tasks) - done)
                name, r, f = task[:3]
                where = "seed hold-out" if r < 0 else f"repeat {r + 1}, fold {f + 1}"
                say(f"{what}: fit {done}/{len(tasks)} done ({name}, {where}); {elapsed / 60:.1f} min so far, "
                    f"about {left / 60:.1f} min left")
            yield task, result
    finally:
        # Also when a fit fails or the caller stops early (Ctrl-C): no worker is left running.
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _FITS.clear()


def cross_validate(examples: Sequence[Example], models: dict[str, Callable[[], object]] | None = None, *,
                   n_splits: int = 5, n_repeats: int = 2, random_state: int = 0, holdout_seed: bool = True,
                   n_jobs: int | None = None, progress: Callable[[str], None] | bool | None = None) -> Report:
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
    n_jobs : int, optional
        Fits run in parallel worker processes; default one per CPU. The result is the same.
    progress : callable, bool or None
        Called with a line after every fit (fits done, model, fold, elapsed, time left);
        True prints those lines to standard error.

    Returns
    -------
    Report

    Examples
    --------
    >>> from luktheme.baselines import KeywordRules
    >>> rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
    ...     [("Kurs for nye ansatte", ("kompetanseheving",)), ("Ny vei", ())] * 5)]
    >>> report = cross_validate(rows, {"rules": KeywordRules}, n_repeats=1, holdout_seed=False)
    >>> report.figures("rules")["micro_f1"]
    1.0
    """
    models = models or default_models()
    texts = [ex.text for ex in examples]
    Y = label_matrix([ex.labels for ex in examples])
    groups = [ex.group for ex in examples]
    preds = {m: np.zeros((n_repeats, len(texts), len(THEMES)), dtype=np.int64) for m in models}
    probs = {m: np.zeros((n_repeats, len(texts), len(THEMES))) for m in models}
    seconds = {m: 0.0 for m in models}
    tasks = [(name, r, f, train, test) for r, f, train, test in
             repeated_folds(Y, groups, n_splits, n_repeats, random_state=random_state) for name in models]
    seed = np.array([ex.origin == "seed" for ex in examples])
    if holdout_seed and seed.any() and (~seed).any():
        tasks += [(name, -1, -1, np.flatnonzero(~seed), np.flatnonzero(seed)) for name in models]
    holdout = {}
    for (name, r, f, train, test), (P, prob, took) in run_fits(tasks, models, texts, Y, groups, n_jobs=n_jobs,
                                                               progress=progress, what=f"{n_splits}x{n_repeats} CV"):
        if r < 0:
            holdout[name] = scores(Y[test], P)
            continue
        preds[name][r, test] = P
        probs[name][r, test] = prob
        seconds[name] += took
    settings = {"n_splits": n_splits, "n_repeats": n_repeats, "random_state": random_state,
                "n_groups": len(set(groups))}
    return Report(Y, subsets_of(examples), preds, seconds, settings, holdout, probs, groups,
                  [ex.id for ex in examples], texts)


def learning_curve(examples: Sequence[Example], factory: Callable[[], object] | None = None, *,
                   fractions: Sequence[float] = (0.25, 0.5, 0.75, 1.0), n_splits: int = 5,
                   random_state: int = 0, n_jobs: int | None = None, progress=None) -> dict[str, dict]:
    """F1 per theme when the model learns from a share of each training fold.

    The test folds stay the same for every share; the training rows are cut by
    whole groups, so a smaller share means fewer sources, as with less labeling.

    Returns
    -------
    dict
        ``{share: {"micro_f1": float, "themes": {theme: F1}}}``.
    """
    from .model import ThemeClassifier

    factory = factory or ThemeClassifier
    texts = [ex.text for ex in examples]
    Y = label_matrix([ex.labels for ex in examples])
    groups = np.array([ex.group for ex in examples], dtype=object)
    rng = np.random.default_rng(random_state)
    preds = {f: np.zeros_like(Y) for f in fractions}
    tasks = []
    for _, f, train, test in repeated_folds(Y, groups, n_splits, 1, random_state=random_state):
        names = np.unique(groups[train].astype(str))
        order = rng.permutation(names)
        for frac in fractions:
            keep = set(order[: max(2, int(round(frac * len(names))))])
            tasks.append((frac, 0, f, np.array([i for i in train if str(groups[i]) in keep]), test))
    for (frac, _, _, _, test), (P, _, _) in run_fits(tasks, {frac: factory for frac in fractions}, texts, Y,
                                                     list(groups), n_jobs=n_jobs, progress=progress,
                                                     what="learning curve"):
        preds[frac][test] = P
    out = {}
    for frac, P in preds.items():
        s = scores(Y, P)
        out[str(frac)] = {"micro_f1": s["micro_f1"], "themes": {t: s["themes"][t]["f1"] for t in THEMES}}
    return out


def evaluate(examples: Sequence[Example], models: dict[str, Callable[[], object]] | None = None, *,
             full: bool = False, n_splits: int = 5, n_repeats: int | None = None, curve: bool = True,
             random_state: int = 0, n_jobs: int | None = None,
             progress: Callable[[str], None] | bool | None = True) -> Report:
    """The evaluation report: repeated grouped cross-validation of luktheme and its baselines.

    The default is the quick report (luktheme and the baselines that train in
    seconds, 5 folds x 2 repeats, fits spread over all cores: a few minutes on
    two cores); ``full=True`` is the published protocol (every baseline
    including spaCy's textcat, 5 x 5), which takes several times as long.

    Parameters
    ----------
    examples : sequence of Example
        E.g. ``luktheme.read_examples("data/")``.
    models : dict of name to zero-argument factory, optional
        The first is the model under study; default :func:`quick_models`, or
        :func:`default_models` with ``full=True``.
    full : bool
        The published protocol: all baselines and 5 repeats.
    n_splits, n_repeats : int
        Folds and repeats; ``n_repeats`` defaults to 2, or 5 with ``full=True``.
    curve : bool
        Add the learning curve of the first model.
    n_jobs : int, optional
        Worker processes for the fits; default one per CPU.
    progress : callable, bool or None
        True (default) prints a line per finished fit to standard error: fits
        done, model, fold, time so far and time left. A callable receives those
        lines; False or None is silent.

    Returns
    -------
    Report
        Prints as text, ``.to_json()``, and renders as HTML in Jupyter.

    Examples
    --------
    >>> from luktheme.baselines import KeywordRules
    >>> rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
    ...     [("Kurs for nye ansatte", ("kompetanseheving",)), ("Ny vei", ())] * 5)]
    >>> evaluate(rows, {"rules": KeywordRules}, n_repeats=1, curve=False, progress=False).figures("rules")["micro_f1"]
    1.0
    """
    models = models or (default_models() if full else quick_models())
    n_repeats = n_repeats if n_repeats is not None else (5 if full else 2)
    report = cross_validate(examples, models, n_splits=n_splits, n_repeats=n_repeats, random_state=random_state,
                            n_jobs=n_jobs, progress=progress)
    if curve:
        first = next(iter(models))
        report.curves = learning_curve(examples, models[first], n_splits=n_splits, random_state=random_state,
                                       n_jobs=n_jobs, progress=progress)
    return report
