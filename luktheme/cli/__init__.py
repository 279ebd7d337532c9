"""The ``luktheme`` command: one thin module per subcommand over library functions.

Each command module has ``add_parser(subparsers)``, which registers the command with its options,
and ``run(args) -> int``, which validates the arguments, refuses to overwrite without ``--force``
and calls a library function that the tests call directly.
"""

from __future__ import annotations

import argparse
import sys

from .._version import __version__
from ..errors import LukthemeError
from . import agreement, audit, evaluate, label, tag, tag_text, train, validate

__all__ = ["build_parser", "main"]

DESCRIPTION = ("Tag the measures (tiltak) of Norwegian plan documents with five themes: bolyst, planstrategi, "
               "stedsutvikling, kompetanseheving, statistikk. Start with `luktheme tag PLAN.pdf -o tiltak.xlsx`.")

#: The subcommands in the order ``luktheme --help`` lists them.
COMMANDS = (train, evaluate, audit, validate, tag_text, tag, label, agreement)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``luktheme`` with every subcommand.

    Examples
    --------
    >>> args = build_parser().parse_args(["tag", "plans/", "-o", "tiltak.xlsx", "--jobs", "2"])
    >>> args.inputs, args.output, args.jobs, args.func.__module__
    (['plans/'], 'tiltak.xlsx', 2, 'luktheme.cli.tag')
    """
    parser = argparse.ArgumentParser(prog="luktheme", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"luktheme {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 1 some documents failed, 2 bad input)."""
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
