"""The ``luktheme label`` and ``luktheme agreement`` commands.

``add_label_parser`` and ``add_agreement_parser`` register the commands on the
main parser's subparsers; each sets ``func(args) -> int``. ``python -m
luktheme.cli_label label ...`` runs them on their own.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ._io import iter_jsonl
from .errors import LabelError


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_label(args) -> int:
    """Run the labeling screen over ``args.input``, appending to ``args.output``."""
    from .labeling.screen import LabelState, require_terminal, run
    from .labeling import LabelStore, default_annotator, item_from_row, prepare_queue, read_items

    out = Path(args.output)
    inputs = [Path(p) for p in args.input]
    for path in inputs:
        if path.exists() and out.exists() and path.resolve() == out.resolve():
            raise LabelError(f"{out}: the output is also an input. Write the labels to another file, "
                             "e.g. -o labels.jsonl.")
    # Check for a terminal before the slow steps, so a pipe or a CI job fails at once.
    require_terminal()
    items = read_items(*inputs, text_column=args.text_column)
    store = LabelStore(out, annotator=args.annotator or default_annotator()).open()
    if store.repaired:
        _say(f"{out}: dropped an unfinished last line left by an interrupted session.")
    decided = store.decided
    left = sum(item.id not in decided for item in items)
    if not left:
        _say(f"All {len(items)} texts in {', '.join(map(str, inputs))} are labeled in {out}. Nothing to do.")
        return 0
    tagger = None
    if not args.no_model:
        from .storage import load

        _say(f"scoring {left} texts with the model to order them ...")
        tagger = load(args.model)
    queue = prepare_queue(items, store, tagger, order=args.order)
    by_id = {item.id: item for item in items}
    history = [(by_id.get(row["id"]) or item_from_row(row), tuple(row["labels"])) for row in store.rows]
    state = LabelState(queue, store, history=history, blind=args.blind or args.no_model, limit=args.limit)
    try:
        run(state, title=f"luktheme label · {store.annotator or 'anonymous'}")
    except KeyboardInterrupt:
        _say(f"interrupted: {state.saved} labels saved this session, {len(store)} rows in {out}. "
             "Nothing was lost; rerun the same command to go on.")
        return 130
    finally:
        store.close()
    _say(f"{state.saved} labels saved this session, {state.skipped} skipped; {len(store)} rows in {out}."
         + (f" {state.remaining} texts left: rerun to go on." if state.remaining else ""))
    return 0


def add_label_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme label`` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "label", help="label texts in a terminal screen, most informative first; decisions append to a file",
        description="Label texts with themes in the terminal. Keys: 1-5 toggle a theme, Enter saves, 0 saves "
                    "'no theme', s skips, u undoes, q quits. Every decision is written at once; rerun the same "
                    "command to resume.")
    p.add_argument("input", nargs="+",
                   help="texts to label: a .txt (one per line), .jsonl, .csv, .xlsx or .parquet file, "
                        "e.g. the output of `luktheme tag`")
    p.add_argument("-o", "--output", required=True,
                   help="the label file (.jsonl) to append to; an existing one is resumed")
    p.add_argument("--annotator", help="your name, written into each row (default: the login name)")
    p.add_argument("--limit", type=_positive, help="stop after this many labels")
    p.add_argument("-m", "--model", help="model folder that scores and orders the texts (default: the bundled one)")
    p.add_argument("--blind", action="store_true",
                   help="hide the model's suggestion (for a second annotator in an agreement study)")
    p.add_argument("--no-model", action="store_true", help="do not load a model: no suggestions, input order")
    p.add_argument("--order", choices=("uncertain", "input"), default="uncertain",
                   help="most uncertain first, spread over sources (default), or input order")
    p.add_argument("--text-column", help="the column or field holding the text (default: text)")
    p.set_defaults(func=cmd_label)
    return p


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


def _read_rows(path: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for _, row in iter_jsonl(path, error=LabelError):
        if "id" in row:
            rows.setdefault(row["id"], row)
    return rows


def _texts_near(label_files: list[Path], sources: list[Path] | None) -> dict[str, str]:
    """Texts by id from ``sources`` (files or folders of JSONL rows); by default the label files' own
    folders and the folders above them, where a project keeps its data (``data/annotation/pass_a.jsonl``
    beside ``data/seed.jsonl``)."""
    if sources is None:
        sources = sorted({f.resolve().parent for f in label_files} | {f.resolve().parent.parent for f in label_files})
    texts: dict[str, str] = {}
    for source in sources:
        files = sorted(source.glob("*.jsonl")) if source.is_dir() else [source]
        for f in files:
            try:
                rows = _read_rows(f)
            except (OSError, UnicodeDecodeError, LabelError) as err:
                # A file beside the label files may be anything; say why its texts are not used.
                _say(f"texts: {f} skipped ({getattr(err, 'strerror', None) or err})")
                continue
            for row_id, row in rows.items():
                if isinstance(row.get("text"), str) and row["text"]:
                    texts.setdefault(row_id, row["text"])
    return texts


def cmd_agreement(args) -> int:
    """Print per-theme agreement between two label files and list the rows they disagree on."""
    from .agreement import agreement, format_agreement, read_labels

    paths = [Path(args.a), Path(args.b)]
    for path in paths:
        if not path.is_file():
            raise LabelError(f"{path}: no such label file. Pass two JSONL files with 'id' and 'labels', "
                             "e.g. written by `luktheme label`.")
    out = Path(args.disagreements) if args.disagreements else None
    if out is not None:
        from .tables import refuse_foreign

        refuse_foreign(out)
    if out is not None and out.exists() and not args.force:
        raise FileExistsError(f"{out} exists. To replace it, set the --force or -F flag (force=True).")
    a, b = read_labels(paths[0]), read_labels(paths[1])
    result = agreement(a, b)
    rows_a, rows_b = _read_rows(paths[0]), _read_rows(paths[1])
    texts = _texts_near(paths, [Path(t) for t in args.texts] if args.texts else None)
    name_a, name_b = args.names or (paths[0].stem, paths[1].stem)
    if name_a == name_b:
        name_a, name_b = str(paths[0]), str(paths[1])
    listed = []
    for row_id, labels_a, labels_b in result["disagreements"]:
        source = rows_a.get(row_id) or rows_b.get(row_id) or {}
        entry = {"id": row_id, "text": source.get("text") or texts.get(row_id, ""), "a": labels_a, "b": labels_b}
        if source.get("source"):
            entry["source"] = source["source"]
        listed.append(entry)
    if args.json:
        print(json.dumps({**result, "disagreements": listed, "names": [name_a, name_b]},
                         ensure_ascii=False, indent=2))
    else:
        print(f"A = {name_a} ({paths[0]}), B = {name_b} ({paths[1]})\n")
        print(format_agreement(result))
        if result["only_in_a"] or result["only_in_b"]:
            print(f"\nCompared on the {result['n']} shared ids; {result['only_in_a']} only in A, "
                  f"{result['only_in_b']} only in B.")
        if listed:
            print(f"\nDisagreements ({len(listed)}):")
            for entry in listed:
                text = entry["text"] if len(entry["text"]) <= 160 else entry["text"][:159] + "…"
                print(f"- {entry['id']}  A: {', '.join(entry['a']) or '(none)'}  "
                      f"B: {', '.join(entry['b']) or '(none)'}")
                if text:
                    print(f"    {text}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for entry in listed:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        missing = [e["id"] for e in listed if not e["text"]]
        if missing:
            print(f"wrote {len(listed)} disagreements to {out}; {len(missing)} have no text (e.g. {missing[0]}): "
                  "pass the labeled rows with --texts (e.g. --texts data/) to fill them before labeling",
                  file=sys.stderr)
        else:
            target = out.with_name(f"{out.stem}.adjudicated.jsonl")
            print(f"wrote {len(listed)} disagreements to {out}; adjudicate them with "
                  f"`luktheme label {out} -o {target}`", file=sys.stderr)
    return 0


def add_agreement_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme agreement`` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "agreement", help="per-theme Cohen's kappa and Krippendorff's alpha between two annotators' label files",
        description="Compare two label files on the ids they share: per-theme agreement, Cohen's kappa, "
                    "Krippendorff's alpha and F1, then the list of rows they disagree on.")
    p.add_argument("a", help="the first annotator's label file (.jsonl)")
    p.add_argument("b", help="the second annotator's label file (.jsonl)")
    p.add_argument("--names", nargs=2, metavar=("A", "B"),
                   help="names for the two annotators (default: the file names)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--disagreements", metavar="FILE",
                   help="also write the disagreeing rows as JSONL, ready for `luktheme label` to adjudicate")
    p.add_argument("--texts", nargs="+", metavar="PATH",
                   help="labeled rows (JSONL files or folders) to take the texts of the disagreeing ids from "
                        "(default: the label files' folders and the folders above them)")
    p.add_argument("-F", "--force", action="store_true", help="replace an existing --disagreements file")
    p.set_defaults(func=cmd_agreement)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``label`` or ``agreement`` through the project's command line; returns the exit code."""
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
