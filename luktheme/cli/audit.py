"""``luktheme audit``: list the rows whose labels most disagree with out-of-fold predictions."""

from __future__ import annotations

import argparse
from pathlib import Path

from .._io import refuse_existing
from .._paths import data_dir
from ._args import quiet, say


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme audit`` on the main parser's subparsers."""
    p = subparsers.add_parser("audit", help="list rows whose labels most disagree with out-of-fold predictions",
                       description="Write the rows whose labels most disagree with out-of-fold predictions, "
                                   "for a second look.")
    p.add_argument("data", nargs="*", help=f"label files or folders (default: the project's data folder, {data_dir()})")
    p.add_argument("-o", "--output", required=True, help="CSV file to write")
    p.add_argument("-F", "--force", action="store_true", help="replace an existing output file")
    p.add_argument("--top", type=int, default=100, help="how many rows to list (default: 100)")
    p.add_argument("--repeats", type=int, default=2, help="cross-validation repeats (default: 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the listed rows")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..audit import audit, write_audit
    from ..corpus import read_examples
    from ..tables import refuse_foreign

    out = Path(args.output)
    # Refused before the slow cross-validation, not after it.
    refuse_foreign(out)
    refuse_existing(out, args.force)
    examples = read_examples(*(args.data or [data_dir()]))
    rows = audit(examples, n_repeats=args.repeats, top=args.top)
    write_audit(rows, out, force=args.force)
    say(quiet(args), f"wrote {len(rows)} rows to re-check to {out}")
    for r in rows[: min(10, len(rows))]:
        print(f"{r['disagreement']:.2f}  {r['id']}  {r['theme']}: {r['direction']} ({r['score']:.2f})  {r['text'][:80]}")
    return 0
