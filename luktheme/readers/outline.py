"""The outline every format shares: heading numbers, list counters and action-plan tables.

A heading's number is read from its text as written ("2.1 Attraktive tettstader", "Mål 2.1
Levande sentrum", "Innsatsområde 2: Bolyst"); a list counter is written the way Word and web
browsers show it (decimal, letters, Roman numerals); and a table whose header
:func:`luktheme.readers.columns.column_roles` recognises is read as an action plan
(:func:`action_table`), whatever format it came in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .block import Block
from .columns import action_row, column_roles
from .lines import clean_text

#: A heading's number: at the start, or after one capitalised label word ("Mål", "Kapittel", "Innsatsområde").
#: Parts have at most two digits, so a year ("Handlingsprogram 2025–2028") is no number; what follows
#: the number is the end, or a capital, a digit or a quote after white space, so "Om 5 år" is no number either.
_HEADING_NUMBER = re.compile(
    r"^(?:[A-ZÆØÅ][\wæøåÆØÅ-]*\s+)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}\.?)(?=:?(?:$|\s+[^\W\d_a-zæøå]|\s+[\d«\"“]))")

#: A section number opening a line: "2", "2.1", "2.1.3" (a final dot allowed after a multi-level number).
SECTION_NUMBER = re.compile(r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2})\s+(?P<rest>\S.*)$")


def heading_number(text: str) -> str | None:
    """The number a heading carries as written, or None.

    Examples
    --------
    >>> heading_number("Mål 2.1 Attraktive tettstader"), heading_number("3. Tiltak")
    ('2.1', '3.')
    >>> heading_number("Innsatsområde 2: Bolyst"), heading_number("Handlingsprogram 2025–2028")
    ('2', None)
    """
    m = _HEADING_NUMBER.match(clean_text(text))
    return m.group("number") if m else None


def number_depth(number: str) -> int:
    """How deep a section number is: "2" is 1, "2.1" is 2, "2.1.3." is 3.

    Examples
    --------
    >>> number_depth("2"), number_depth("2.1"), number_depth("2.1.3.")
    (1, 2, 3)
    """
    return len([part for part in number.split(".") if part])


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word and browsers differ after "z": Word repeats the letter ("aa", "bbb"), browsers count on
    # ("aa", "ab"). Plans rarely pass 26 items; Word's form is used.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, style: str) -> str:
    """A list counter written in a numbering style.

    ``style`` is a Word ``w:numFmt`` (``decimal``, ``decimalZero``, ``lowerLetter``,
    ``upperLetter``, ``lowerRoman``, ``upperRoman``) or an HTML ``<ol type>`` (``1``, ``a``,
    ``A``, ``i``, ``I``); other styles are written in decimal, as Word does for styles it
    cannot show.

    Examples
    --------
    >>> [format_counter(4, s) for s in ("decimal", "lowerLetter", "upperRoman", "a", "i", "decimalZero")]
    ['4', 'd', 'IV', 'd', 'iv', '04']
    """
    if n < 1 and style not in ("decimal", "decimalZero", "1"):
        return str(n)
    if style in ("lowerLetter", "a"):
        return _letters(n)
    if style in ("upperLetter", "A"):
        return _letters(n).upper()
    if style in ("lowerRoman", "i"):
        return _roman(n)
    if style in ("upperRoman", "I"):
        return _roman(n).upper()
    if style == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _folded(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(clean_text(c).casefold() for c in cells)


def action_table(header: Sequence[str], body: Sequence[Sequence[str]], page: int | None = None) -> list[Block] | None:
    """The rows of an action-plan table, if ``header`` names its columns; else None.

    Every body row becomes :func:`~luktheme.readers.columns.action_row`: its measure cell as
    text, the other cells by role. A body row that repeats the header (tables that run over
    several pages repeat it) and a row without a measure are left out.

    Parameters
    ----------
    header : sequence of str
        The header cells, one per column of the table's grid.
    body : sequence of sequence of str
        The body rows, cells in the same columns (a merged cell's text in each column and
        row it covers, or in its first column only).
    page : int, optional
        The page of the rows (PDF).

    Examples
    --------
    >>> rows = action_table(["Tiltak", "Ansvarleg"], [["Opne eit frivilligsenter", "Kultur"],
    ...                                               ["Tiltak", "Ansvarleg"]])
    >>> [(b.text, b.fields) for b in rows]
    [('Opne eit frivilligsenter', (('responsible', 'Kultur'),))]
    >>> action_table(["Kommune", "Folketal"], [["Bø", "5 900"]]) is None
    True
    """
    roles = column_roles(header)
    if roles is None:
        return None
    head = _folded(header)
    blocks = []
    for cells in body:
        if _folded(cells) == head:
            continue
        block = action_row(cells, roles, page)
        if block is not None:
            blocks.append(block)
    return blocks

