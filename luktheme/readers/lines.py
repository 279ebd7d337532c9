"""The text rules every reader shares: white space, list markers, hyphenation, lines into blocks.

Whatever the format, a line that starts with a bullet glyph, a dash or an item
number opens a list item, a word hyphenated over a line break is joined, and
a table-of-contents entry is known by its dot leaders (:data:`LEADER`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .block import Block

_BULLET_MARKS = "•◦▪▫■□●○·‣⁃∙◆◇►▶➢➤✓✔–—*+-"
#: A list marker at the start of a line: a bullet glyph, a dash, "1." / "1)" / "(1)" / "a)" / "1.2.3" / "iv.".
_MARKER = re.compile(
    r"^\s*(?:[" + re.escape(_BULLET_MARKS) + r"](?=\s)"
    r"|(?P<number>\(?\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2}){1,3}\.?|\(?[a-zæøå][.)]|\(?(?:i{1,3}|iv|v|vi{1,3}|ix|x)[.)])(?=\s))"
    r"\s*"
)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Glyphs without a Unicode mapping come out as control characters: noise in running text.
_INVISIBLE.update({c: " " for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"})
_SPACE = re.compile(r"\s+")
#: Words after which a line-final hyphen is a suspended compound ("nærings- og"), not a break.
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "enn", "til", "som", "and", "or", "and/or", "og/eller"})
TERMINAL = ".!?:;"
#: A table-of-contents entry: dot leaders, then a page number.
LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\b|…{2,}\s*\d{1,4}\b")


def clean_text(text: str) -> str:
    """Normalize to NFC, undo typographic ligatures, drop invisible characters, fold white space.

    Examples
    --------
    >>> clean_text("  Kompetanse\\u00adheving\\n i   ﬁre  kommuner ")
    'Kompetanseheving i fire kommuner'
    """
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


def _is_mark_glyph(ch: str) -> bool:
    # A bullet drawn from a symbol font often has no Unicode mapping and comes out as a
    # control or private-use character (Word's Symbol bullet is U+F0B7), or as a dingbat.
    return unicodedata.category(ch) in ("Co", "Cc", "So") and ch not in "\t\n\r ©®°℗™"


def split_marker(line: str) -> tuple[bool, str | None, str]:
    """Split a list marker off a line, keeping an item number.

    Returns
    -------
    is_item : bool
        True if the line starts with a bullet, dash or item number.
    number : str or None
        The item's number as written ("2)", "1.2.3", "a)", "iv."); None for a bullet or dash.
    rest : str
        The line without its marker.

    Examples
    --------
    >>> split_marker("1.2.3 Etablere et nettverk")
    (True, '1.2.3', 'Etablere et nettverk')
    >>> split_marker("iv) Kartlegge behovet"), split_marker(" • Arrangere kurs.")
    ((True, 'iv)', 'Kartlegge behovet'), (True, None, 'Arrangere kurs.'))
    """
    s = line.lstrip()
    if s and _is_mark_glyph(s[0]) and (len(s) == 1 or s[1].isspace()):
        return True, None, s[1:].strip()
    m = _MARKER.match(line)
    if m:
        return True, m.group("number"), line[m.end():].strip()
    return False, None, line.strip()


def strip_marker(line: str) -> tuple[bool, str]:
    """Split a list marker off a line.

    Returns
    -------
    is_item : bool
        True if the line starts with a bullet, dash or item number.
    rest : str
        The line without its marker.

    Examples
    --------
    >>> strip_marker(" • Arrangere kurs.")
    (True, 'Arrangere kurs.')
    >>> strip_marker("2) Kartlegge behovet")
    (True, 'Kartlegge behovet')
    >>> strip_marker("Kommunen skal:")
    (False, 'Kommunen skal:')
    """
    item, _, rest = split_marker(line)
    return item, rest


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph, undoing hyphenation at line ends.

    "kompetanse-" + "heving" gives "kompetanseheving"; "nærings-" + "og ..."
    keeps the suspended compound; "LUK-" + "arbeid" and "Nord-" + "Troms" keep
    the hyphen.

    Examples
    --------
    >>> join_lines(["tiltak for kompetanse-", "heving i regionen"])
    'tiltak for kompetanseheving i regionen'
    >>> join_lines(["regional nærings-", "og samfunnsutvikling"])
    'regional nærings- og samfunnsutvikling'
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif len(out) >= 2 and out[-1] in "-‐" and out[-2].isalnum() and line[:1].isalpha():
            prefix = out[:-1].rsplit(" ", 1)[-1]
            first = line.split(" ", 1)[0].casefold().rstrip(",.;:")
            if first in _CONJUNCTIONS:
                out = out + " " + line
            elif line[0].isupper() or prefix.isupper() or any(c.isdigit() for c in prefix):
                out = out + line
            else:
                out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def ends_sentence(text: str) -> bool:
    return text.rstrip(" )»”\"'").endswith(tuple(TERMINAL))


def lines_to_blocks(lines: list[str], page: int | None = None, *, numbers: bool = False) -> list[Block]:
    """Blocks of one plain-text paragraph: list items start at a marker, the rest is text.

    With ``numbers=True`` an item keeps its number as written in ``Block.number``.

    Examples
    --------
    >>> [(b.kind, b.number, b.text) for b in lines_to_blocks(["Vi skal:", "a) Kartlegge", "   behovet"],
    ...                                                       numbers=True)]
    [('text', None, 'Vi skal:'), ('bullet', 'a)', 'Kartlegge behovet')]
    """
    blocks: list[Block] = []
    kind, parts, mark = None, [], None

    def close() -> None:
        if parts:
            text = clean_text(join_lines(parts))
            if text:
                blocks.append(Block(kind, text, page, number=mark if numbers and kind == "bullet" else None))

    for line in lines:
        if not line.strip():
            continue
        item, number, rest = split_marker(line)
        if item:
            close()
            kind, parts, mark = "bullet", [rest], number
        elif kind == "bullet" and (line[:1].isspace() or not ends_sentence(parts[-1])):
            parts.append(rest)  # an indented or unfinished line continues the item
        elif kind == "text":
            parts.append(rest)
        else:
            close()
            kind, parts = "text", [rest]
    close()
    return blocks


def header_like(first: list[str], rest: list[str]) -> bool:
    # Column names: every cell a short label, while the body has longer cells.
    short = all(len(c.split()) <= 3 and not ends_sentence(c) and not any(ch.isdigit() for ch in c) for c in first)
    return len(first) > 1 and short and any(len(c.split()) > 3 for c in rest)
