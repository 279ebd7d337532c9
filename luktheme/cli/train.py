"""``luktheme train``: train a model folder from labeled rows and write its card."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ._args import quiet, say


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme train`` on the main parser's subparsers."""
    p = subparsers.add_parser("train", help="train a model folder from labeled JSONL rows",
                       description="Train a model folder from labeled rows and write its card.")
    p.add_argument("data", nargs="+", help="label files (.jsonl) or folders of them, e.g. data/")
    p.add_argument("-o", "--output", required=True, help="the model folder to write (a new folder)")
    p.add_argument("-F", "--force", action="store_true",
                   help="replace an existing model folder (only one written by luktheme train)")
    p.add_argument("--params", help='ThemeClassifier parameters as JSON, e.g. \'{"C": 4}\'')
    p.add_argument("--no-evaluate", dest="evaluate", action="store_false",
                   help="skip the cross-validation written into the model card")
    p.add_argument("--baselines", action="store_true", help="score the baselines too (slow: trains spaCy)")
    p.add_argument("--heldout", nargs="+", metavar="FILE",
                   help="label files never trained on (e.g. data/heldout/blind_test.jsonl) to score the model on; "
                        "their figures go into the card under the file's name")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds for the card (default: 5)")
    p.add_argument("--repeats", type=int, default=2, help="cross-validation repeats for the card (default: 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="print no progress, only the result table")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..corpus import read_examples
    from ..storage import check_output
    from ..training import describe, train

    out = Path(args.output)
    check_output(out, force=args.force)
    examples = read_examples(*args.data)
    say(quiet(args), f"training on {len(examples)} rows from {', '.join(map(str, args.data))}")
    if len(args.data) > 1:
        for path in args.data:
            counts = describe(read_examples(path))
            gained = ", ".join(f"{t} +{n}" for t, n in counts["per_theme"].items())
            say(quiet(args), f"  {path}: {counts['n_examples']} rows ({gained}, no theme +{counts['no_theme']})")
    params = json.loads(args.params) if args.params else {}
    tagger = train(examples, **params)
    tagger.meta["training"]["files"] = sorted({str(p) for p in args.data})
    if args.evaluate:
        from ..evaluation import default_models, evaluate

        models = default_models()
        if params:
            from ..model import ThemeClassifier

            models["luktheme"] = lambda: ThemeClassifier(**params)
        if not args.baselines:
            models = {"luktheme": models["luktheme"]}
        report = evaluate(examples, models, n_splits=args.folds, n_repeats=args.repeats, curve=args.baselines,
                          progress=None if args.quiet else (lambda m: say(quiet(args), m)))
        tagger.meta["evaluation"] = {"table": report.to_markdown(), "report": report.to_text(),
                                     "figures": report.to_dict()}
    if args.heldout:
        from ..evaluation import heldout_scores

        tagger.meta["heldout"] = {}
        for path in args.heldout:
            name = Path(path).stem
            tagger.meta["heldout"][name] = heldout_scores(tagger, read_examples(path))
            say(quiet(args), f"{name}: micro F1 {tagger.meta['heldout'][name]['micro_f1']:.3f}")
    metrics = {}
    if args.evaluate:
        metrics["cv_micro_f1"] = round(tagger.meta["evaluation"]["figures"]["cv"]["luktheme"]["all"]["micro_f1"], 4)
    for name, figures in tagger.meta.get("heldout", {}).items():
        metrics[f"{name}_micro_f1"] = figures["micro_f1"]
    if metrics:
        tagger.meta["metrics"] = metrics
    tagger.save(out, force=args.force)
    say(quiet(args), f"saved {out}")
    if args.evaluate:
        print(tagger.meta["evaluation"]["table"])
    return 0
