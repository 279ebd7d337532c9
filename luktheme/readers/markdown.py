"""Markdown files (``.md``, ``.markdown``): headings, lists, tables and running text.

Front matter, fenced code and rules are dropped; links keep their text,
emphasis its words, and a table's header row (the row above the ``|---|``
line) names columns, so it is no block. The encodings are those of
:mod:`luktheme.readers.text`.

A heading's level is its count of ``#``, or 1 and 2 for a heading underlined with ``=`` and
``-``. List items keep their number as written ("1.", "2.3", "a)"), nested items are items of
their own, and a table whose header names action-plan columns gives one measure row per body
row, the other cells by role.
"""

from __future__ import annotations

import re
from pathlib import Path

from .block import Block
from .lines import clean_text, lines_to_blocks, strip_marker
from .outline import action_table, heading_number
from .text import _text_bytes, decode_text

_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*_`])(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?![\w*_`])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_TAG = re.compile(r"<[^>]+>")
_CELL_BORDER = re.compile(r"(?<!\\)\|")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(lambda m: m.group(1) or "", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis, "***x***"
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


def _cells(line: str) -> list[str]:
    # A pipe escaped as "\\|" is text inside a cell.
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [clean_text(_md_inline(c.replace("\\|", "|"))) for c in _CELL_BORDER.split(inner)]


def _table_blocks(lines: list[str]) -> list[Block]:
    """The rows of one table: measure rows when its header names action-plan columns, else cells joined."""
    sep = next((i for i, line in enumerate(lines) if _MD_TABLE_SEP.match(line.strip())), None)
    rows = [_cells(line) for i, line in enumerate(lines) if i != sep]
    if sep is not None and sep > 0:
        header, body = rows[sep - 1], rows[:sep - 1] + rows[sep:]
        found = action_table(header, body)
        if found is not None:
            return found
        rows = body  # the row above the separator is the header
    return [Block("row", " | ".join(c for c in cells if c)) for cells in rows if any(cells)]


def _heading(text: str, level: int) -> Block:
    text = clean_text(_md_inline(text))
    return Block("heading", text, level=level, number=heading_number(text))


def _markdown_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                lines = lines[i + 1:]
                break
    blocks: list[Block] = []
    para: list[str] = []
    table: list[str] = []
    fence = None

    def close() -> None:
        nonlocal para, table
        if para:
            blocks.extend(lines_to_blocks([_md_inline(p) for p in para], numbers=True))
        if table:
            blocks.extend(_table_blocks(table))
        para, table = [], []

    for line in lines:
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            close()
            fence = stripped[:3]
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            close()
            blocks.append(_heading(heading.group(2), len(heading.group(1))))
            continue
        if para and len(para) == 1 and re.fullmatch(r"=+|-+", stripped) and not strip_marker(para[0])[0]:
            blocks.append(_heading(para.pop(), 1 if stripped[0] == "=" else 2))  # a setext heading
            continue
        if _MD_RULE.match(line):
            close()
            continue
        if stripped.startswith("|"):
            if para:
                close()
            table.append(stripped)
            continue
        if table:
            close()
        if not stripped:
            close()
            continue
        para.append(re.sub(r"^\s*>\s?", "", line))
    close()
    return blocks


def read_markdown(path: Path) -> list[Block]:
    """Read a Markdown file into blocks.

    :func:`luktheme.readers.read_blocks` checks the file before it calls this.

    Parameters
    ----------
    path : Path
        A ``.md`` or ``.markdown`` file in UTF-8, UTF-16 with BOM or Windows-1252.

    Returns
    -------
    list of Block

    Raises
    ------
    DocumentError
        If the bytes are not text (see :func:`luktheme.readers.text.check_is_text`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.md"
    >>> _ = f.write_text("## Bolyst\\n\\n- Lage en **velkomstpakke**\\n", encoding="utf-8")
    >>> [(b.kind, b.text) for b in read_markdown(f)]
    [('heading', 'Bolyst'), ('bullet', 'Lage en velkomstpakke')]
    """
    return _markdown_blocks(decode_text(_text_bytes(path)))
