"""Cross-validation: parallel fits give the same figures as serial ones."""

from __future__ import annotations


def test_parallel_evaluation_gives_the_same_figures(toy):
    from luktheme.corpus import Example
    from luktheme.evaluation import evaluate
    from luktheme.model import ThemeClassifier

    texts, labels = toy
    rows = [Example(str(i), t, tuple(l), {"group": str(i % 6)}) for i, (t, l) in enumerate(zip(texts, labels))]
    models = {"luktheme": lambda: ThemeClassifier(threshold_folds=0)}
    one = evaluate(rows, models, n_splits=3, n_repeats=1, curve=True, n_jobs=1, progress=False)
    two = evaluate(rows, models, n_splits=3, n_repeats=1, curve=True, n_jobs=2, progress=False)
    assert (one.predictions["luktheme"] == two.predictions["luktheme"]).all()
    assert one.curves == two.curves
