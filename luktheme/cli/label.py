"""``luktheme label``: label texts with themes in a terminal screen; decisions append to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import LabelError
from ._args import positive, say


def add_parser(subparsers) -> argparse.ArgumentParser:
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
    p.add_argument("--limit", type=positive, help="stop after this many labels")
    p.add_argument("-m", "--model", help="model folder that scores and orders the texts (default: the bundled one)")
    p.add_argument("--blind", action="store_true",
                   help="hide the model's suggestion (for a second annotator in an agreement study)")
    p.add_argument("--no-model", action="store_true", help="do not load a model: no suggestions, input order")
    p.add_argument("--order", choices=("uncertain", "input"), default="uncertain",
                   help="most uncertain first, spread over sources (default), or input order")
    p.add_argument("--text-column", help="the column or field holding the text (default: text)")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    """Run the labeling screen over ``args.input``, appending to ``args.output``."""
    from ..labeling.screen import LabelState, require_terminal, run
    from ..labeling import LabelStore, default_annotator, item_from_row, prepare_queue, read_items

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
        say(False, f"{out}: dropped an unfinished last line left by an interrupted session.")
    decided = store.decided
    left = sum(item.id not in decided for item in items)
    if not left:
        say(False, f"All {len(items)} texts in {', '.join(map(str, inputs))} are labeled in {out}. Nothing to do.")
        return 0
    tagger = None
    if not args.no_model:
        from ..tagger import load

        say(False, f"scoring {left} texts with the model to order them ...")
        tagger = load(args.model)
    queue = prepare_queue(items, store, tagger, order=args.order)
    by_id = {item.id: item for item in items}
    history = [(by_id.get(row["id"]) or item_from_row(row), tuple(row["labels"])) for row in store.rows]
    state = LabelState(queue, store, history=history, blind=args.blind or args.no_model, limit=args.limit)
    try:
        run(state, title=f"luktheme label · {store.annotator or 'anonymous'}")
    except KeyboardInterrupt:
        say(False, f"interrupted: {state.saved} labels saved this session, {len(store)} rows in {out}. "
             "Nothing was lost; rerun the same command to go on.")
        return 130
    finally:
        store.close()
    say(False, f"{state.saved} labels saved this session, {state.skipped} skipped; {len(store)} rows in {out}."
         + (f" {state.remaining} texts left: rerun to go on." if state.remaining else ""))
    return 0
