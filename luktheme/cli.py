"""The ``luktheme`` command: thin wrappers over library functions.

Each command validates its arguments, refuses to overwrite without ``--force``
and calls a function that the tests call directly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from ._paths import data_dir
from .errors import LukthemeError, TextCleanedWarning

DESCRIPTION = ("Tag the measures (tiltak) of Norwegian plan documents with five themes: bolyst, planstrategi, "
               "stedsutvikling, kompetanseheving, statistikk. Start with `luktheme tag PLAN.pdf -o tiltak.xlsx`.")
_MODEL_NAMES = ("luktheme", "keyword rules (cue stems)", "word TF-IDF + LR", "char TF-IDF + LR",
                "spaCy textcat_multilabel (bow)", "spaCy textcat_multilabel (ensemble)")


def _say(args, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr)


def cmd_train(args) -> int:
    from .corpus import read_examples
    from .storage import check_output
    from .training import describe, train

    out = Path(args.output)
    check_output(out, force=args.force)
    examples = read_examples(*args.data)
    _say(args, f"training on {len(examples)} rows from {', '.join(map(str, args.data))}")
    if len(args.data) > 1:
        for path in args.data:
            counts = describe(read_examples(path))
            gained = ", ".join(f"{t} +{n}" for t, n in counts["per_theme"].items())
            _say(args, f"  {path}: {counts['n_examples']} rows ({gained}, no theme +{counts['no_theme']})")
    params = json.loads(args.params) if args.params else {}
    tagger = train(examples, **params)
    tagger.meta["training"]["files"] = sorted({str(p) for p in args.data})
    if args.evaluate:
        from .evaluation import default_models, evaluate

        models = default_models()
        if params:
            from .model import ThemeClassifier

            models["luktheme"] = lambda: ThemeClassifier(**params)
        if not args.baselines:
            models = {"luktheme": models["luktheme"]}
        report = evaluate(examples, models, n_splits=args.folds, n_repeats=args.repeats, curve=args.baselines,
                          progress=None if args.quiet else (lambda m: _say(args, m)))
        tagger.meta["evaluation"] = {"table": report.to_markdown(), "report": report.to_text(),
                                     "figures": report.to_dict()}
    if args.heldout:
        from .evaluation import heldout_scores

        tagger.meta["heldout"] = {}
        for path in args.heldout:
            name = Path(path).stem
            tagger.meta["heldout"][name] = heldout_scores(tagger, read_examples(path))
            _say(args, f"{name}: micro F1 {tagger.meta['heldout'][name]['micro_f1']:.3f}")
    metrics = {}
    if args.evaluate:
        metrics["cv_micro_f1"] = round(tagger.meta["evaluation"]["figures"]["cv"]["luktheme"]["all"]["micro_f1"], 4)
    for name, figures in tagger.meta.get("heldout", {}).items():
        metrics[f"{name}_micro_f1"] = figures["micro_f1"]
    if metrics:
        tagger.meta["metrics"] = metrics
    tagger.save(out, force=args.force)
    _say(args, f"saved {out}")
    if args.evaluate:
        print(tagger.meta["evaluation"]["table"])
    return 0


def cmd_evaluate(args) -> int:
    from .corpus import read_examples
    from .evaluation import default_models, evaluate, quick_models

    examples = read_examples(*(args.data or [data_dir()]))
    models = default_models() if (args.full or args.models) else quick_models()
    if args.model:
        from .storage import load

        params = load(args.model).classifier.get_params()
        from .model import ThemeClassifier

        models["luktheme"] = lambda: ThemeClassifier(**params)
    if args.models:
        models = {k: v for k, v in models.items() if k in args.models}
    report = evaluate(examples, models, full=args.full, n_splits=args.folds, n_repeats=args.repeats,
                      curve=args.curve, n_jobs=args.jobs, progress=False if args.quiet else True)
    print(report.to_json() if args.json else report.to_text())
    return 0


def cmd_audit(args) -> int:
    from .audit import audit, write_audit
    from .corpus import read_examples

    from .tables import refuse_foreign

    out = Path(args.output)
    refuse_foreign(out)
    if out.exists() and not args.force:
        raise FileExistsError(f"{out} exists. To overwrite it, set the --force or -F flag.")
    examples = read_examples(*(args.data or [data_dir()]))
    rows = audit(examples, n_repeats=args.repeats, top=args.top)
    write_audit(rows, out, force=args.force)
    _say(args, f"wrote {len(rows)} rows to re-check to {out}")
    for r in rows[: min(10, len(rows))]:
        print(f"{r['disagreement']:.2f}  {r['id']}  {r['theme']}: {r['direction']} ({r['score']:.2f})  {r['text'][:80]}")
    return 0


def cmd_validate(args) -> int:
    from .corpus import read_examples
    from .training import describe

    examples = read_examples(*args.data)
    print(json.dumps(describe(examples), ensure_ascii=False, indent=2))
    return 0


def cmd_tag_text(args) -> int:
    from .storage import load

    import warnings

    tagger = load(args.model)
    if args.text:
        texts = args.text
    else:
        # Bytes, decoded here: a strict decoder would stop the whole run at the first Latin-1 letter.
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8", "replace")
        data = raw.decode("utf-8-sig", errors="replace")
        if "\ufffd" in data and b"\xef\xbf\xbd" not in raw:
            _say(args, "luktheme tag-text: note: standard input is not UTF-8; undecodable bytes became U+FFFD. "
                       "Convert it first, e.g. `iconv -f latin1 -t utf-8`.")
        texts = [line for line in data.splitlines() if line.strip()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TextCleanedWarning)
        for t in tagger.pipe(texts):
            print(json.dumps({"text": t.text, "themes": list(t.themes),
                              "scores": {k: round(v, 4) for k, v in t.scores.items()}}, ensure_ascii=False))
    if any(issubclass(w.category, TextCleanedWarning) for w in caught):
        _say(args, "luktheme tag-text: note: characters that are not text (NUL, control characters, or "
                   "bytes that are not UTF-8) were replaced by U+FFFD.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luktheme", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"luktheme {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="train a model folder from labeled JSONL rows",
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
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="cross-validate luktheme and the baselines on the same folds",
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
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("audit", help="list rows whose labels most disagree with out-of-fold predictions",
                       description="Write the rows whose labels most disagree with out-of-fold predictions, "
                                   "for a second look.")
    p.add_argument("data", nargs="*", help=f"label files or folders (default: the project's data folder, {data_dir()})")
    p.add_argument("-o", "--output", required=True, help="CSV file to write")
    p.add_argument("-F", "--force", action="store_true", help="replace an existing output file")
    p.add_argument("--top", type=int, default=100, help="how many rows to list (default: 100)")
    p.add_argument("--repeats", type=int, default=2, help="cross-validation repeats (default: 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the listed rows")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("validate", help="check label files and print their counts")
    p.add_argument("data", nargs="+", help="label files (.jsonl) or folders of them")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("tag-text", help="tag texts given as arguments (or lines on stdin); JSON lines out")
    p.add_argument("text", nargs="*", help="texts to tag; none: one text per line of standard input")
    p.add_argument("-m", "--model", help="model folder (default: the bundled model)")
    p.set_defaults(func=cmd_tag_text)

    from .batch import add_tag_parser
    from .cli_label import add_agreement_parser, add_label_parser

    add_tag_parser(sub)

    add_label_parser(sub)
    add_agreement_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (LukthemeError, FileExistsError, ValueError, TypeError) as err:
        print(f"luktheme {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"luktheme {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
