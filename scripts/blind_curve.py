"""Learning curve on the blind test rows as blind-written training rows are added.

The model (the bundled model's parameters) is trained on the seed and written
rows plus a growing share of the blind training documents (whole documents, in
a fixed random order), and scored on ``data/heldout/blind_test.jsonl``. This
is reporting, not choosing: no setting is picked from these figures.

    python scripts/blind_curve.py
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from luktheme.corpus import label_matrix, read_examples  # noqa: E402
from luktheme.evaluation import scores  # noqa: E402
from luktheme.analysis import analyse  # noqa: E402
from luktheme.model import ThemeClassifier  # noqa: E402

SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)


def point(share: float, rows, test, params) -> dict:
    blind_groups = sorted({r.group for r in rows if r.origin == "blind"})
    order = np.random.default_rng(0).permutation(blind_groups)
    keep = set(order[: int(round(share * len(order)))])
    train = [r for r in rows if r.origin != "blind" or r.group in keep]
    clf = ThemeClassifier(**params).fit([r.text for r in train], label_matrix([r.labels for r in train]),
                                        groups=[r.group for r in train])
    Y, P = label_matrix([r.labels for r in test]), clf.predict([r.text for r in test])
    lang = np.array([r.lang for r in test])
    return {"share": share, "blind_rows": sum(r.origin == "blind" for r in train), "micro_f1": scores(Y, P)["micro_f1"],
            "nb": scores(Y[lang == "nb"], P[lang == "nb"])["micro_f1"],
            "nn": scores(Y[lang == "nn"], P[lang == "nn"])["micro_f1"]}


def main() -> int:
    meta = json.loads((ROOT / "models" / "luktheme-themes-v1" / "meta.json").read_text(encoding="utf-8"))
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in meta["classifier"].items()}
    rows = read_examples(ROOT / "data")
    test = read_examples(ROOT / "data" / "heldout" / "blind_test.jsonl")
    analyse([r.text for r in rows + test], params.get("analysis", "lemma"))
    with ProcessPoolExecutor(2) as pool:
        points = list(pool.map(point, SHARES, [rows] * len(SHARES), [test] * len(SHARES), [params] * len(SHARES)))
    print(f"blind test rows: {len(test)}; parameters: {params}")
    print("| blind training rows | micro F1 | nb | nn |\n|---|---|---|---|")
    for p in points:
        print(f"| {p['blind_rows']} ({p['share']:.0%}) | {p['micro_f1']:.3f} | {p['nb']:.3f} | {p['nn']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
