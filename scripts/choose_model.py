"""Choose the theme model's settings on the blind dev rows, never on the blind test rows.

Each candidate is trained on the training rows (``data/*.jsonl``: seed, written
and blind-written rows) and scored on ``data/heldout/blind_dev.jsonl``, rows by
writers who never saw the specification, the codebook or any row. The blind
test rows are scored only for the final choice, with ``--test``.

    python scripts/choose_model.py                  # the candidate table on blind dev
    python scripts/choose_model.py --only 'C=4'     # one candidate
    python scripts/choose_model.py --test 'C=4'     # the chosen one on blind test (once, at the end)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from luktheme.corpus import label_matrix, read_examples  # noqa: E402
from luktheme.evaluation import scores  # noqa: E402
from luktheme.analysis import analyse  # noqa: E402
from luktheme.model import ThemeClassifier  # noqa: E402
from luktheme.taxonomy import THEMES  # noqa: E402

#: name -> (training origins, ThemeClassifier parameters)
CANDIDATES = {
    "bundled before: seed+written, C=16, no lexicon": (("seed", "written"), {"lexicon_weight": 0.0}),
    "+blind, C=16, no lexicon": (("seed", "written", "blind"), {"lexicon_weight": 0.0}),
    "+blind, C=16, lexicon 1": (("seed", "written", "blind"), {"lexicon_weight": 1.0}),
    "+blind, C=16, lexicon 0.5": (("seed", "written", "blind"), {"lexicon_weight": 0.5}),
    "+blind, C=16, lexicon 2": (("seed", "written", "blind"), {"lexicon_weight": 2.0}),
    "+blind, C=4, lexicon 1": (("seed", "written", "blind"), {"C": 4.0, "lexicon_weight": 1.0}),
    "+blind, C=1, lexicon 1": (("seed", "written", "blind"), {"C": 1.0, "lexicon_weight": 1.0}),
    "+blind, C=64, lexicon 1": (("seed", "written", "blind"), {"C": 64.0, "lexicon_weight": 1.0}),
    "+blind, C=16, lexicon 1, cues 0": (("seed", "written", "blind"), {"lexicon_weight": 1.0, "cue_weight": 0.0}),
    "+blind, C=16, lexicon 1, char 3-5": (("seed", "written", "blind"), {"lexicon_weight": 1.0,
                                                                         "char_ngram_range": (3, 5)}),
    "+blind, C=16, lexicon 1, words 1-1": (("seed", "written", "blind"), {"lexicon_weight": 1.0,
                                                                          "word_ngram_range": (1, 1)}),
    "seed+written, C=16, lexicon 1": (("seed", "written"), {"lexicon_weight": 1.0}),
    "blind only, C=16, lexicon 1": (("blind",), {"lexicon_weight": 1.0}),
}


def fit_and_score(name: str, rows, heldout, params_override=None):
    origins, params = CANDIDATES[name]
    train = [r for r in rows if r.origin in origins]
    start = time.perf_counter()
    clf = ThemeClassifier(**{**params, **(params_override or {})})
    clf.fit([r.text for r in train], label_matrix([r.labels for r in train]), groups=[r.group for r in train])
    Y = label_matrix([r.labels for r in heldout])
    P = clf.predict([r.text for r in heldout])
    lang = np.array([r.lang for r in heldout])
    s = scores(Y, P)
    out = {"name": name, "n_train": len(train), "micro_f1": s["micro_f1"], "macro_f1": s["macro_f1"],
           "nb": scores(Y[lang == "nb"], P[lang == "nb"])["micro_f1"],
           "nn": scores(Y[lang == "nn"], P[lang == "nn"])["micro_f1"],
           "themes": {t: round(s["themes"][t]["f1"], 3) for t in THEMES}, "seconds": time.perf_counter() - start}
    return out


def threshold_check(name: str, rows, heldout) -> str:
    """Thresholds from the inner out-of-fold scores (as shipped) against thresholds chosen on blind dev rows.

    The dev rows are cut in two halves by source document; thresholds chosen on one half are scored on the
    other, and the other way round, so no row is scored by thresholds chosen on it.
    """
    from luktheme.model import best_thresholds

    origins, params = CANDIDATES[name]
    train = [r for r in rows if r.origin in origins]
    clf = ThemeClassifier(**params).fit([r.text for r in train], label_matrix([r.labels for r in train]),
                                        groups=[r.group for r in train])
    Y = label_matrix([r.labels for r in heldout])
    prob = clf.predict_proba([r.text for r in heldout])
    groups = sorted({r.group for r in heldout})
    half = set(np.random.default_rng(0).permutation(groups)[: len(groups) // 2])
    first = np.array([r.group in half for r in heldout])
    inner, tuned = np.zeros_like(Y), np.zeros_like(Y)
    for fit_part in (first, ~first):
        score_part = ~fit_part
        inner[score_part] = prob[score_part] >= clf.thresholds_
        tuned[score_part] = prob[score_part] >= best_thresholds(Y[fit_part], prob[fit_part])
    return (f"{name}: inner out-of-fold thresholds {scores(Y, inner)['micro_f1']:.3f}, "
            f"thresholds chosen on the other half of blind dev {scores(Y, tuned)['micro_f1']:.3f}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", nargs="+", help="candidate names to run")
    p.add_argument("--test", help="score this candidate on the blind test rows (the final check)")
    p.add_argument("-j", "--jobs", type=int, default=2, help="candidates fitted in parallel")
    p.add_argument("--thresholds", help="compare inner-fold thresholds with thresholds chosen on blind dev rows, "
                                        "for this candidate")
    args = p.parse_args(argv)
    if args.thresholds:
        rows = read_examples(ROOT / "data")
        print(threshold_check(args.thresholds, rows, read_examples(ROOT / "data" / "heldout" / "blind_dev.jsonl")))
        return 0
    rows = read_examples(ROOT / "data")
    split = "test" if args.test else "dev"
    heldout = read_examples(ROOT / "data" / "heldout" / f"blind_{split}.jsonl")
    names = [args.test] if args.test else (args.only or list(CANDIDATES))
    analyse([r.text for r in rows + heldout], "lemma")  # once here; forked workers share it
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(fit_and_score, names, [rows] * len(names), [heldout] * len(names)))
    print(f"scored on blind {split} ({len(heldout)} rows)")
    print("| candidate | train rows | micro F1 | macro F1 | nb | nn | " + " | ".join(THEMES) + " |")
    print("|---|---|---|---|---|---|" + "---|" * len(THEMES))
    for r in results:
        print(f"| {r['name']} | {r['n_train']} | {r['micro_f1']:.3f} | {r['macro_f1']:.3f} | {r['nb']:.3f} | "
              f"{r['nn']:.3f} | " + " | ".join(f"{r['themes'][t]:.3f}" for t in THEMES) + " |")
    print(json.dumps(results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
