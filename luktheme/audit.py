"""Label audit: the rows whose labels most disagree with out-of-fold predictions.

A person re-checks the top of the list against the specification; nothing here
changes a label.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path


from ._io import refuse_existing, write_text_atomic
from .corpus import Example
from .taxonomy import THEMES


def audit(examples: Sequence[Example], report=None, *, model: str = "luktheme", n_repeats: int = 2,
          top: int | None = None) -> list[dict]:
    """Rank (row, theme) pairs by how strongly the model's out-of-fold score contradicts the label.

    Parameters
    ----------
    examples : sequence of Example
    report : Report, optional
        A cross-validation report over the same ``examples`` that holds ``model``'s
        scores; computed (``n_repeats`` x 5 folds) when not given.
    model : str
        The model whose scores are used.
    top : int, optional
        Keep only the ``top`` strongest disagreements.

    Returns
    -------
    list of dict
        ``id, text, labels, theme, direction, score, threshold, disagreement``, strongest first.
        ``direction`` is ``"labeled, scored low"`` or ``"scored high, not labeled"``.
    """
    from .evaluation import cross_validate, default_models

    if report is None:
        report = cross_validate(examples, {model: default_models()[model]}, n_repeats=n_repeats, holdout_seed=False)
    if report.ids != [ex.id for ex in examples]:
        raise ValueError("The report was computed on other rows; pass the examples it was made from.")
    S = report.scores[model].mean(0)
    P = report.predictions[model].mean(0)
    rows = []
    for i, ex in enumerate(examples):
        for k, theme in enumerate(THEMES):
            labeled = theme in ex.labels
            wrong = (1 - P[i, k]) if labeled else P[i, k]   # share of repeats that disagreed
            if wrong == 0:
                continue
            distance = (1 - S[i, k]) if labeled else S[i, k]
            rows.append({"id": ex.id, "text": ex.text, "labels": "|".join(ex.labels), "theme": theme,
                         "direction": "labeled, scored low" if labeled else "scored high, not labeled",
                         "score": round(float(S[i, k]), 4), "disagreement": round(float(distance * wrong), 4)})
    rows.sort(key=lambda r: -r["disagreement"])
    return rows[:top] if top else rows


def write_audit(rows: list[dict], path: str | os.PathLike, *, force: bool = False) -> Path:
    """Write audit rows as CSV (UTF-8 with BOM, so spreadsheet programs read æøå), atomically."""
    from .tables import refuse_foreign

    path = Path(path)
    refuse_foreign(path)
    refuse_existing(path, force)
    fields = ["id", "theme", "direction", "score", "disagreement", "labels", "text"]

    def write(out) -> None:
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)

    return write_text_atomic(path, write, encoding="utf-8-sig", newline="")
