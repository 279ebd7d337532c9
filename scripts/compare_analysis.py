"""Theme model on the tokenizer's words against the Norwegian pipeline's lemmas and compound parts.

Run::

    OPENBLAS_NUM_THREADS=1 python scripts/compare_analysis.py [data/] [--repeats 5] [--json out.json]

Both variants are scored on the same grouped folds (``luktheme.cross_validate``);
the script prints micro-F1 for all rows, Bokmål, Nynorsk, seed and written rows,
and F1 per theme.  The bundled model uses the variant that measures better.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    from luktheme import THEMES, read_examples
    from luktheme.evaluation import cross_validate
    from luktheme.model import ThemeClassifier

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="*", default=["data"])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    examples = read_examples(*args.data)
    models = {"blank": lambda: ThemeClassifier(analysis="blank"), "lemma": lambda: ThemeClassifier(analysis="lemma")}
    report = cross_validate(examples, models, n_repeats=args.repeats, holdout_seed=False)
    cv = report.to_dict()["cv"]
    subsets = [s for s in ("all", "nb", "nn", "seed", "written") if s in cv["blank"]]
    print(f"{len(examples)} rows, {args.repeats}x5 grouped folds; micro-F1 per subset, F1 per theme (all rows)")
    print(f"{'analysis':10s}" + "".join(f"{s:>9s}" for s in subsets) + "".join(f"{t[:8]:>10s}" for t in THEMES))
    for name in models:
        row = cv[name]
        print(f"{name:10s}" + "".join(f"{row[s]['micro_f1']:9.3f}" for s in subsets)
              + "".join(f"{row['all']['themes'][t]['f1']:10.3f}" for t in THEMES))
    if args.json:
        args.json.write_text(json.dumps(cv, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
