"""Markdown files (``.md``, ``.markdown``): headings, lists, tables and running text.

Front matter, fenced code and rules are dropped; links keep their text,
emphasis its words, and a table's header row (the row above the ``|---|``
line) names columns, so it is no block. The encodings are those of
:mod:`luktheme.readers.text`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .block import Block
from .lines import lines_to_blocks, clean_text, strip_marker
from .text import _text_bytes, decode_text

_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*_`])(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?![\w*_`])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_TAG = re.compile(r"<[^>]+>")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(lambda m: m.group(1) or "", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis, "***x***"
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


def _markdown_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                lines = lines[i + 1:]
                break
    blocks: list[Block] = []
    para: list[str] = []
    fence = None

    def close() -> None:
        nonlocal para
        if para:
            blocks.extend(lines_to_blocks([_md_inline(p) for p in para]))
        para = []

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
            blocks.append(Block("heading", clean_text(_md_inline(heading.group(2)))))
            continue
        if para and len(para) == 1 and re.fullmatch(r"=+|-+", stripped) and not strip_marker(para[0])[0]:
            blocks.append(Block("heading", clean_text(_md_inline(para.pop()))))  # a setext heading
            continue
        if _MD_RULE.match(line):
            close()
            continue
        if stripped.startswith("|"):
            close()
            if _MD_TABLE_SEP.match(stripped):
                if blocks and blocks[-1].kind == "row":
                    blocks.pop()  # the row above the separator is the header
                continue
            cells = [clean_text(_md_inline(c)) for c in stripped.strip("|").split("|")]
            text = " | ".join(c for c in cells if c)
            if text:
                blocks.append(Block("row", text))
            continue
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
