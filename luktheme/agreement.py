"""Agreement between two annotators' label files: per theme and overall."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ._io import iter_jsonl
from .errors import LabelError
from .taxonomy import THEMES, check_themes


def read_labels(path: str | os.PathLike) -> dict[str, tuple[str, ...]]:
    """Read ``{"id", "labels"}`` rows (other fields ignored) into a dict by id."""
    path = Path(path)
    out: dict[str, tuple[str, ...]] = {}
    for where, row in iter_jsonl(path, error=LabelError, expected="a JSON object with 'id' and 'labels'"):
        if "id" not in row or "labels" not in row:
            raise LabelError(f"{where}: each row needs 'id' and 'labels'.")
        if row["id"] in out:
            raise LabelError(f"{where}: duplicate id {row['id']!r}.")
        out[row["id"]] = check_themes(row["labels"], where=where)
    return out


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's kappa of two 0/1 vectors (1.0 when both are constant and equal)."""
    po = float((a == b).mean())
    pe = float(a.mean() * b.mean() + (1 - a.mean()) * (1 - b.mean()))
    return 1.0 if pe == 1.0 else (po - pe) / (1 - pe)


def krippendorff_alpha(a: np.ndarray, b: np.ndarray) -> float:
    """Krippendorff's alpha, nominal, for two coders and no missing values."""
    values = np.concatenate([a, b])
    n = len(values)
    p1 = values.mean()
    expected = 2 * p1 * (1 - p1) * n / (n - 1)
    observed = float((a != b).mean())
    return 1.0 if expected == 0 else 1 - observed / expected


def agreement(a: dict[str, tuple[str, ...]], b: dict[str, tuple[str, ...]]) -> dict:
    """Per-theme and overall agreement over the ids both label sets share.

    Returns
    -------
    dict
        ``themes``: per theme the counts, percent agreement, Cohen's kappa,
        Krippendorff's alpha and F1 of ``b`` against ``a``; ``micro_f1``,
        ``exact`` (share of rows with identical label sets), ``n`` and the
        ``disagreements`` (id, a, b).

    Examples
    --------
    >>> a = {"1": ("bolyst",), "2": (), "3": ("statistikk",)}
    >>> b = {"1": ("bolyst",), "2": ("bolyst",), "3": ("statistikk",)}
    >>> agreement(a, b)["exact"]
    0.6666666666666666
    """
    ids = sorted(set(a) & set(b))
    if not ids:
        raise LabelError("The two label files share no id; agreement needs the same rows labeled twice.")
    A = np.array([[t in a[i] for t in THEMES] for i in ids], dtype=int)
    B = np.array([[t in b[i] for t in THEMES] for i in ids], dtype=int)
    themes = {}
    for k, t in enumerate(THEMES):
        x, y = A[:, k], B[:, k]
        tp = int((x & y).sum())
        themes[t] = {"a": int(x.sum()), "b": int(y.sum()), "agree": float((x == y).mean()),
                     "kappa": cohen_kappa(x, y), "alpha": krippendorff_alpha(x, y),
                     "f1": 2 * tp / max(int(x.sum() + y.sum()), 1)}
    tp = int((A & B).sum())
    return {"n": len(ids), "themes": themes, "micro_f1": 2 * tp / max(int(A.sum() + B.sum()), 1),
            "exact": float((A == B).all(1).mean()),
            "disagreements": [(i, list(a[i]), list(b[i])) for i in ids if a[i] != b[i]],
            "only_in_a": len(set(a) - set(b)), "only_in_b": len(set(b) - set(a))}


def format_agreement(result: dict) -> str:
    """A Markdown table of :func:`agreement` output."""
    lines = ["| theme | rows A | rows B | agreement | Cohen's kappa | Krippendorff's alpha | F1 (B vs A) |",
             "|---|---|---|---|---|---|---|"]
    for t, r in result["themes"].items():
        lines.append(f"| {t} | {r['a']} | {r['b']} | {r['agree']:.3f} | {r['kappa']:.3f} | {r['alpha']:.3f} | "
                     f"{r['f1']:.3f} |")
    lines.append("")
    lines.append(f"{result['n']} rows; micro-F1 between the passes {result['micro_f1']:.3f}; identical label sets "
                 f"on {result['exact']:.1%} of rows; {len(result['disagreements'])} rows disagree.")
    return "\n".join(lines)
