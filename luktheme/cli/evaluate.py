"""``luktheme evaluate``: cross-validate luktheme and the baselines on the same folds."""

from __future__ import annotations

import argparse

from .._paths import data_dir

_MODEL_NAMES = ("luktheme", "keyword rules (cue stems)", "word TF-IDF + LR", "char TF-IDF + LR",
                "spaCy textcat_multilabel (bow)", "spaCy textcat_multilabel (ensemble)")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme evaluate`` on the main parser's subparsers."""
    p = subparsers.add_parser("evaluate", help="cross-validate luktheme and the baselines on the same folds",
                       description="Cross-validate luktheme and baselines on the same grouped folds. The default "
                                   "is the quick report (fast baselines, 5x2 folds, all cores: a few minutes); "
                                   "--full runs the published protocol (all baselines, 5x5).")
    p.add_argument("data", nargs="*", help="label files or folders (default: the project's data folder, "
                                           f"{data_dir()})")
    p.add_argument("-m", "--model", help="evaluate the parameters of this model folder (default: defaults)")
    p.add_argument("--models", nargs="+", choices=_MODEL_NAMES, metavar="NAME",
                   help="restrict to these models; quote names with spaces. Choices: "
                        + "; ".join(f"'{n}'" for n in _MODEL_NAMES))
    p.add_argument("--full", action="store_true", help="the published protocol: every baseline, 5 repeats (slow)")
    p.add_argument("--folds", type=int, default=5, help="folds per repeat (default: 5)")
    p.add_argument("--repeats", type=int, help="repeats (default: 2, or 5 with --full)")
    p.add_argument("-j", "--jobs", type=int, help="worker processes for the fits (default: one per CPU)")
    p.add_argument("--no-curve", dest="curve", action="store_false", help="skip the learning curve")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines on standard error")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..corpus import read_examples
    from ..evaluation import default_models, evaluate, quick_models

    examples = read_examples(*(args.data or [data_dir()]))
    models = default_models() if (args.full or args.models) else quick_models()
    if args.model:
        from ..tagger import load

        params = load(args.model).classifier.get_params()
        from ..model import ThemeClassifier

        models["luktheme"] = lambda: ThemeClassifier(**params)
    if args.models:
        models = {k: v for k, v in models.items() if k in args.models}
    report = evaluate(examples, models, full=args.full, n_splits=args.folds, n_repeats=args.repeats,
                      curve=args.curve, n_jobs=args.jobs, progress=False if args.quiet else True)
    print(report.to_json() if args.json else report.to_text())
    return 0
