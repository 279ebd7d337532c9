"""Plain text files (``.txt``), and the encodings and checks of every text-based format.

UTF-8 (with or without BOM), UTF-16 with BOM, and the Windows-1252 / Latin-1
of older Norwegian documents are read, so "æøå" come out right. A paragraph of
one short line without final punctuation is a heading, and so is a line underlined
with ``===`` or ``---``; list items start at a marker and keep their number
(:func:`luktheme.readers.lines.split_marker`).

A heading's level comes from what the text shows: a section number's depth ("2" is 1,
"2.1" is 2, "2.1.3" is 3), an ALL-CAPS or ``===``-underlined line is 1 and a
``---``-underlined line 2. A document that opens with an unnumbered heading (its title) before
numbered ones has the title as level 1 and the numbered headings one level deeper, as a
Markdown document would write them. Other headings have no level.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentError
from .block import Block
from .lines import TERMINAL, clean_text, lines_to_blocks, strip_marker
from .outline import SECTION_NUMBER, heading_number, number_depth


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("latin-1"), err.end


_LATIN1_FALLBACK = "luktheme-latin1"
codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


_MAGIC = ((b"%PDF", "a PDF; rename it to .pdf"), (b"PK\x03\x04", "a zip package (e.g. .docx); give it its "
          "real suffix"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x7fELF", "a program"), (b"MZ", "a Windows program"), (b"\xd0\xcf\x11\xe0", "an old Office file; "
          "save it as .docx"))


def check_is_text(data: bytes, path: str | os.PathLike) -> None:
    """Refuse bytes that are not text (a program, an image) behind a text file's name.

    Raises
    ------
    DocumentError
        Naming what the file seems to be.

    Examples
    --------
    >>> check_is_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "plan.txt")
    Traceback (most recent call last):
    ...
    luktheme.errors.DocumentError: plan.txt: not a text file: it looks like a PNG image. It was not read.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return
    what = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
    if what is None:
        sample = data[:65536]
        # Text has no NUL bytes and almost no other control characters; binaries are full of them.
        controls = sum(sample.count(bytes([c])) for c in (*range(0, 9), 11, 14, *range(16, 27), *range(28, 32)))
        if b"\x00" in sample or controls > max(8, len(sample) // 100):
            what = "a binary file (a program, an image or a packed file)"
    if what is not None:
        raise DocumentError(f"{path}: not a text file: it looks like {what}. It was not read.")


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Windows-1252 is tried after UTF-8 because a Latin-1/Windows file with
    "æøå" is almost never valid UTF-8, while the reverse guess would turn
    "ø" into "Ã¸". Bytes Windows-1252 leaves undefined are read as Latin-1.

    Examples
    --------
    >>> decode_text("Bø i Telemark".encode("cp1252"))
    'Bø i Telemark'
    >>> decode_text(codecs.BOM_UTF8 + "Førde".encode("utf-8"))
    'Førde'
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors=_LATIN1_FALLBACK)


def _paragraphs(text: str) -> Iterator[list[str]]:
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.rstrip())
        elif lines:
            yield lines
            lines = []
    if lines:
        yield lines


def _looks_like_heading(line: str) -> bool:
    # A paragraph of one short line without final punctuation, like "Tiltak" or "3.2 Bolyst".
    text = line.strip()
    words = text.split()
    return (0 < len(words) <= 12 and text[-1] not in TERMINAL + ","
            and (text[0].isupper() or text[0].isdigit()) and any(c.isalpha() for c in text))


_UNDERLINE = re.compile(r"^\s*(={3,}|-{3,})\s*$")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _heading_of(lines: list[str]) -> tuple[Block | None, bool]:
    """The heading a paragraph is (or None), and whether a section number opens it.

    A numbered heading's level is its number's depth here; :func:`_text_blocks` moves it under a title.
    """
    if len(lines) == 2 and _UNDERLINE.match(lines[1]) and not strip_marker(lines[0])[0] \
            and _looks_like_heading(lines[0]):
        text = clean_text(lines[0])
        level = 1 if lines[1].strip()[0] == "=" else 2
        return Block("heading", text, level=level, number=heading_number(text)), False
    if len(lines) != 1:
        return None, False
    text = clean_text(lines[0])
    numbered = SECTION_NUMBER.match(text)
    # "2.1 Attraktive tettstader" and "2 Bolyst" are section headings; "2. Bolyst" and "2) Bolyst"
    # stay list items, as plain-text lists number them.
    if numbered and _looks_like_heading(numbered.group("rest")):
        number = numbered.group("number")
        return Block("heading", text, level=number_depth(number), number=number), True
    if strip_marker(text)[0] or not _looks_like_heading(text):
        return None, False
    return Block("heading", text, level=1 if _is_caps(text) else None, number=heading_number(text)), False


def _text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    numbered: list[int] = []  # the blocks that are numbered headings, whose level is their depth so far
    titled = False  # an unnumbered level-1 heading stands before the first numbered one
    for lines in _paragraphs(text):
        heading, is_numbered = _heading_of(lines)
        if heading is None:
            blocks.extend(lines_to_blocks(lines, numbers=True))
            continue
        if heading.level is None and not blocks:
            heading = replace(heading, level=1)  # the first line of a document, when a heading, is its title
        if is_numbered:
            numbered.append(len(blocks))
        elif heading.level == 1 and not numbered:
            titled = True
        blocks.append(heading)
    if titled:
        for i in numbered:
            blocks[i] = replace(blocks[i], level=blocks[i].level + 1)
    return blocks


def _text_bytes(path: Path) -> bytes:
    """The bytes of a text-based file (text, Markdown, HTML), refused if they are not text."""
    data = path.read_bytes()
    check_is_text(data, path)
    return data


def read_text(path: Path) -> list[Block]:
    """Read a plain text file into blocks.

    :func:`luktheme.readers.read_blocks` checks the file before it calls this.

    Parameters
    ----------
    path : Path
        A ``.txt`` file in UTF-8, UTF-16 with BOM or Windows-1252.

    Returns
    -------
    list of Block

    Raises
    ------
    DocumentError
        If the bytes are not text (see :func:`check_is_text`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = f.write_bytes("Tiltak i Bø\\n\\n1) Kartlegge boligbehovet.\\n".encode("cp1252"))
    >>> [(b.kind, b.text) for b in read_text(f)]
    [('heading', 'Tiltak i Bø'), ('bullet', 'Kartlegge boligbehovet.')]
    """
    return _text_blocks(decode_text(_text_bytes(path)))
