"""``luktheme validate``: check label files and print their counts."""

from __future__ import annotations

import argparse
import json


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme validate`` on the main parser's subparsers."""
    p = subparsers.add_parser("validate", help="check label files and print their counts")
    p.add_argument("data", nargs="+", help="label files (.jsonl) or folders of them")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..corpus import read_examples
    from ..training import describe

    examples = read_examples(*args.data)
    print(json.dumps(describe(examples), ensure_ascii=False, indent=2))
    return 0
