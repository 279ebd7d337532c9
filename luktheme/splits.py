"""Grouped, multi-label stratified folds.

Rows of one source (a county's section of the seed, a batch of written rows)
must sit on one side of a split, or near-duplicates leak from training into
test. Whole groups are dealt to folds greedily, each to the fold that most
lacks the themes the group carries, so every fold holds a share of every theme.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def grouped_multilabel_folds(Y: np.ndarray, groups: Sequence | None, n_splits: int = 5, *,
                             random_state: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split rows into ``n_splits`` (train, test) index pairs, keeping groups whole.

    Parameters
    ----------
    Y : array of shape (n_samples, n_labels)
        0/1 label matrix.
    groups : sequence or None
        Group of each row; None puts every row in its own group.
    n_splits : int
    random_state : int
        Seeds the order in which groups of equal size are dealt.

    Returns
    -------
    list of (train_indices, test_indices)

    Examples
    --------
    >>> Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [0, 0]])
    >>> folds = grouped_multilabel_folds(Y, ["a", "a", "b", "b", "c", "d"], 2)
    >>> sorted(len(test) for _, test in folds)
    [3, 3]
    """
    Y = np.asarray(Y)
    n = len(Y)
    groups = np.arange(n) if groups is None else np.asarray(list(groups), dtype=object)
    if len(groups) != n:
        raise ValueError(f"groups has {len(groups)} entries for {n} rows; give one group per row.")
    names, codes = np.unique(groups.astype(str), return_inverse=True)
    if len(names) < n_splits:
        raise ValueError(f"Cannot make {n_splits} folds from {len(names)} groups; lower n_splits.")
    rng = np.random.default_rng(random_state)
    counts = np.zeros((len(names), Y.shape[1] + 1))
    np.add.at(counts, codes, np.column_stack([Y, np.ones(n)]))
    order = rng.permutation(len(names))
    order = order[np.argsort(-counts[order, -1], kind="stable")]
    target = counts.sum(0) / n_splits
    have = np.zeros((n_splits, counts.shape[1]))
    fold_of = np.empty(len(names), dtype=int)
    for g in order:
        need = (target - have) / np.maximum(target, 1)
        score = (need * (counts[g] > 0)).sum(1) + need[:, -1]
        best = np.flatnonzero(score >= score.max() - 1e-12)
        fold = rng.choice(best)
        fold_of[g] = fold
        have[fold] += counts[g]
    row_fold = fold_of[codes]
    return [(np.flatnonzero(row_fold != f), np.flatnonzero(row_fold == f)) for f in range(n_splits)]


def repeated_folds(Y, groups, n_splits: int = 5, n_repeats: int = 5, *,
                   random_state: int = 0) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
    """Yield ``(repeat, fold, train, test)`` for ``n_repeats`` differently seeded splits."""
    for r in range(n_repeats):
        for f, (train, test) in enumerate(grouped_multilabel_folds(Y, groups, n_splits, random_state=random_state + r)):
            yield r, f, train, test
