"""Where the bundled artifacts live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def models_dir() -> Path:
    """Return the folder that holds the bundled models.

    An installed wheel carries them inside the package (``luktheme/_models``);
    a source checkout keeps them in the top-level ``models/`` folder.
    """
    for candidate in (_PACKAGE / "_models", _PACKAGE.parent / "models"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / "models"


def data_dir() -> Path:
    """Return the folder of the labeled training rows (``data/`` of a checkout, ``luktheme/_data`` in a wheel).

    Commands that default to "the project's data" use this, not ``./data``,
    so they work from any working directory.
    """
    for candidate in (_PACKAGE / "_data", _PACKAGE.parent / "data"):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / "data"
