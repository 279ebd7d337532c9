"""The block: one structural piece of a document, as a reader finds it.

A block is the smallest unit whose structure the file itself tells: a
heading, one bullet or numbered item, one table row, or a paragraph of running
text. Every reader in :mod:`luktheme.readers` returns blocks in document order;
:mod:`luktheme.segments` turns them into measures.
"""

from __future__ import annotations

from dataclasses import dataclass

BLOCK_KINDS = ("heading", "bullet", "row", "text")


@dataclass(frozen=True)
class Block:
    """One structural piece of a document.

    Attributes
    ----------
    kind : str
        ``"heading"``, ``"bullet"`` (a bullet or numbered item, marker removed),
        ``"row"`` (a table row, cells joined by ``" | "``) or ``"text"`` (a
        paragraph of running text).
    text : str
        The text, NFC-normalized, with white space folded to single spaces.
    page : int or None
        The 1-based page (PDF only).
    """

    kind: str
    text: str
    page: int | None = None
