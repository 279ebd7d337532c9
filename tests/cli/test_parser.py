"""The command line as a whole: help on every option, descriptions for users."""

from __future__ import annotations


def test_every_option_of_every_command_has_help_and_the_description_is_for_users():
    import argparse

    from luktheme.cli import build_parser

    parser = build_parser()
    assert "thin wrappers" not in parser.description and "tiltak" in parser.description
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                missing += [f"{name} {a.option_strings or a.dest}" for a in sub._actions
                            if not a.help and not isinstance(a, argparse._HelpAction)]
    assert missing == []
