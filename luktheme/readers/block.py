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
    level : int or None
        A heading's depth, 1 for the top (a title or chapter); None for other blocks
        and for headings whose depth the file does not tell.
    number : str or None
        The number a heading or list item carries as written ("2", "2.1", "1.2.3",
        "a)", "iv."). A list item's text is without it; a heading's text keeps it.
    fields : tuple of (str, str)
        For a row of an action-plan table (see :mod:`luktheme.readers.columns`):
        the cells of its other columns by role (``"responsible"``, ``"partners"``,
        ``"period"``, ``"cost"``; ``"number"`` goes to ``number``), while ``text`` is
        the measure cell. Empty for every other block.
    """

    kind: str
    text: str
    page: int | None = None
    level: int | None = None
    number: str | None = None
    fields: tuple[tuple[str, str], ...] = ()

    def field(self, role: str) -> str:
        """The cell of ``role`` in an action-plan row, or ``""``.

        Examples
        --------
        >>> Block("row", "Kurs", fields=(("responsible", "Kommunen"),)).field("responsible")
        'Kommunen'
        """
        return dict(self.fields).get(role, "")
