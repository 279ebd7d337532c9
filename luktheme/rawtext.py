"""Raw text before analysis: characters that are not text, and texts too long for one pass.

Plan documents and pasted text carry NUL bytes, control characters and lone
surrogates (from a file decoded with the wrong codec, or a non-UTF-8
command-line argument); spaCy and every output format choke on them. Very
long texts (a whole report on one line) exceed what spaCy takes in one call.
"""

from __future__ import annotations

import re

# C0 and C1 control characters other than tab, newline and carriage return, and lone surrogates.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_characters(text: str) -> tuple[str, int]:
    """Replace characters that are not text by U+FFFD; return the text and how many were replaced.

    Examples
    --------
    >>> clean_characters("Kurs\\x00 i plan\\ud800")
    ('Kurs\\ufffd i plan\\ufffd', 2)
    >>> clean_characters("Vanleg tekst")
    ('Vanleg tekst', 0)
    """
    return _NOT_TEXT.subn("\ufffd", text)


def cut_text(text: str, size: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``size`` characters, at white space where there is some.

    Returns ``(offset, piece)`` pairs whose pieces joined give ``text`` back.
    A cut prefers the end of a sentence (". ") in the second half of the window.

    Examples
    --------
    >>> cut_text("Ein. To tre. Fire", 10)
    [(0, 'Ein. To '), (8, 'tre. Fire')]
    """
    if len(text) <= size:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            half = start + size // 2
            cut = text.rfind(". ", half, end - 1)
            cut = cut + 2 if cut >= 0 else text.rfind(" ", half, end) + 1
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
