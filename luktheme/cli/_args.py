"""Argument types and the message helper shared by the commands."""

from __future__ import annotations

import argparse
import sys


def quiet(args) -> bool:
    """Whether the command was given ``--quiet`` (commands without the option never are)."""
    return bool(getattr(args, "quiet", False))


def say(quiet: bool, message: str) -> None:
    """Print a progress or summary line on standard error, unless ``quiet``."""
    if not quiet:
        print(message, file=sys.stderr)


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return number


def positive_or_zero(text: str) -> int:
    """An argparse type: a whole number of at least 0 (0 meaning: one per CPU)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (all cores) or more, got {value}")
    return value
