"""Word documents (``.docx``): headings, list items (Word numbering or list styles), tables and paragraphs.

Read in document order with python-docx and its XML. Page headers and footers
live in other parts of the file and are never read; a table of contents
repeats the headings and is dropped.

Headings are known by their style (Heading 1..9, Overskrift 1..9, Title, and styles based on
them) or their outline level (``w:outlineLvl``, on the paragraph or its style); the level is the
style's number, or the outline level plus one. A document whose headings open with a Title
paragraph has the title as level 1 and its Heading 1 chapters as level 2, so the title stays
first in the chain of headings above a measure. A numbered paragraph gets the number Word
shows (:mod:`luktheme.readers.docx_numbering`); a numbered heading keeps it in its text, as
Word shows it. A table whose first row names action-plan columns
(:func:`luktheme.readers.columns.column_roles`) gives one measure row per body row.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import DocumentError
from .block import Block
from .columns import column_roles
from .docx_numbering import WordNumbering
from .lines import clean_text, header_like, lines_to_blocks, split_marker
from .outline import action_table, heading_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NAME = re.compile(r"^(?:heading|overskrift)\s*(\d)\b")


def _outline_level(ppr) -> int | None:
    el = ppr.find(f"{_W}outlineLvl")
    if el is None:
        return None
    level = el.get(f"{_W}val") or ""
    return int(level) if level.isdigit() and int(level) < 9 else None


def _val(element, child: str) -> str | None:
    found = element.find(f"{_W}{child}") if element is not None else None
    return found.get(f"{_W}val") if found is not None else None


def _numpr(ppr) -> tuple[str | None, int | None] | None:
    """The numbering instance and level a ``w:pPr`` names, either of them possibly missing."""
    num = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num is None:
        return None
    ilvl = _val(num, "ilvl")
    return _val(num, "numId"), int(ilvl) if ilvl is not None and ilvl.isdigit() else None


@dataclass(frozen=True)
class _Style:
    """What a paragraph style makes of its paragraphs, with what it inherits through ``basedOn``."""

    kind: str | None = None  # "heading", "toc", "bullet", or None for running text
    level: int | None = None  # a heading's depth, 1 for the top
    title: bool = False  # the Title style
    num: tuple[str, int] | None = None  # the numbering (numId, ilvl) the style gives its paragraphs


def _docx_styles(document) -> tuple[dict[str, _Style], str | None, dict[str, str]]:
    """The paragraph styles of a document, the default style's id, and each numbering style's instance.

    Resolved once per document (python-docx's per-paragraph style lookup scans the
    styles part each time), following ``basedOn`` so a house style built on
    "List Bullet" or "Heading 2" counts too, and a style's own numbering makes a list.
    """
    raw = {}
    default = None
    links: dict[str, str] = {}
    for st in document.styles.element.iterchildren(f"{_W}style"):
        sid = st.get(f"{_W}styleId")
        ppr = st.find(f"{_W}pPr")
        if st.get(f"{_W}type") == "numbering":
            num = _numpr(ppr)
            if num and num[0]:
                links[sid] = num[0]
            continue
        if st.get(f"{_W}type") != "paragraph":
            continue
        name = st.find(f"{_W}name")
        based = st.find(f"{_W}basedOn")
        raw[sid] = ((name.get(f"{_W}val") if name is not None else sid or "").casefold(),
                    based.get(f"{_W}val") if based is not None else None, ppr)
        if st.get(f"{_W}default") in ("1", "true", "on"):
            default = sid

    def own(sid: str) -> _Style | None:
        # What the style itself says, before what it inherits.
        name, _, ppr = raw[sid]
        heading = _HEADING_NAME.match(name)
        if heading:
            return _Style("heading", int(heading.group(1)) or None)
        if name.startswith(("heading", "overskrift")):
            return _Style("heading")
        if name.startswith(("title", "tittel")):
            return _Style("heading", 1, title=True)
        if name.startswith(("toc", "innholdsfortegnelse", "table of figures", "figurliste")):
            return _Style("toc")
        if ppr is not None:
            level = _outline_level(ppr)
            if level is not None:
                return _Style("heading", level + 1)
            if ppr.find(f"{_W}numPr") is not None:
                return _Style("bullet")
        if "list" in name or "liste" in name:
            return _Style("bullet")
        return None

    def resolve(sid: str | None, depth: int = 0) -> _Style:
        if sid not in raw or depth > 10:
            return _Style()
        _, based, ppr = raw[sid]
        parent = resolve(based, depth + 1) if based else _Style()
        style = own(sid) or parent
        num = _numpr(ppr)
        if num is not None:
            # A style's numPr may name the instance and leave the level to the style it is based on.
            inherited = parent.num or (None, 0)
            num = (num[0] or inherited[0], num[1] if num[1] is not None else inherited[1])
        return replace(style, num=num if num and num[0] else parent.num)

    return {sid: resolve(sid) for sid in raw}, default, links


def _numbering_root(document):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


def _docx_cell_text(tc) -> str:
    # A cell's paragraphs, and the lines a break starts within one, are joined by a space.
    parts = []
    for p in tc.iter(f"{_W}p"):
        for run in p.iter(f"{_W}r"):
            for el in run:
                if el.tag == f"{_W}t":
                    parts.append(el.text or "")
                elif el.tag in (f"{_W}br", f"{_W}cr", f"{_W}tab"):
                    parts.append(" ")
        parts.append(" ")
    return clean_text("".join(parts))


@dataclass(frozen=True)
class _GridRow:
    cells: list[str]  # one text per grid column; a merged cell's text in its first column
    repeated: bool  # a header row Word repeats on every page (w:tblHeader)
    spanning: bool  # one cell across the whole table: a group label


def _table_grid(rows: list) -> list[_GridRow]:
    """The rows of a table on its column grid: ``gridSpan`` widens a cell, ``vMerge`` carries one down.

    A vertically merged cell is written once, in the row where the merge starts; the rows it
    covers have an empty continuing cell, which takes the text above, since the cell holds
    for each of them (one responsible unit for three measures).
    """
    grid: list[_GridRow] = []
    above: dict[int, str] = {}
    width = 0
    spans = []
    for tr in rows:
        trpr = tr.find(f"{_W}trPr")
        before = _val(trpr, "gridBefore")
        col = int(before) if before and before.isdigit() else 0
        cells = [""] * col
        count = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span = _val(tcpr, "gridSpan")
            span = int(span) if span and span.isdigit() and int(span) > 0 else 1
            merge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                text = above.get(col, "")
            else:
                text = _docx_cell_text(tc)
            above[col] = text
            cells.extend([text] + [""] * (span - 1))
            col += span
            count += 1
        width = max(width, col)
        repeated = trpr is not None and trpr.find(f"{_W}tblHeader") is not None \
            and _val(trpr, "tblHeader") not in ("0", "false", "off")
        grid.append(_GridRow(cells, repeated, False))
        spans.append(count)
    return [replace(row, cells=row.cells + [""] * (width - len(row.cells)),
                    spanning=count == 1 and width > 1 and bool(row.cells[0]) and not any(row.cells[1:]))
            for row, count in zip(grid, spans)]


#: The most a .docx may unpack to. A long plan with pictures unpacks to tens of MB; a file that claims
#: more is a decompression bomb or damaged, and reading it could take the whole batch down.
MAX_DOCX_UNPACKED = 200 * 2**20


def _check_docx_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # docx.Document reports a damaged package with its own message
    if unpacked > MAX_DOCX_UNPACKED:
        raise DocumentError(f"{path}: too large: it unpacks to {unpacked / 2**20:,.0f} MB, more than the "
                            f"{MAX_DOCX_UNPACKED / 2**20:.0f} MB a plan document needs. It was not read; check "
                            "that the file is the document you meant, or save it again from Word.")


class _DocxReader:
    """Walks a document's body in order, keeping the numbering counters and the heading depth."""

    def __init__(self, document) -> None:
        from docx.text.paragraph import Paragraph

        self.document = document
        self.paragraph_of = Paragraph
        self.styles, self.default, links = _docx_styles(document)
        self.numbering = WordNumbering(_numbering_root(document), links)
        self.blocks: list[Block] = []
        self.shift: int | None = None  # 1 when the headings open with a Title paragraph
        self.outer = 0  # the level of the last heading, for group labels in tables

    def heading(self, text: str, level: int | None, title: bool = False, number: str | None = None) -> None:
        if self.shift is None:
            self.shift = 1 if title else 0
        if level is not None and not title:
            level += self.shift
        self.outer = level or self.outer
        self.blocks.append(Block("heading", text, level=level, number=heading_number(text) or number))

    def paragraph(self, p) -> None:
        ppr = p.find(f"{_W}pPr")
        sid = _val(ppr, "pStyle") or self.default
        style = self.styles.get(sid, _Style())
        outline = _outline_level(ppr) if ppr is not None else None
        kind, level = ("heading", outline + 1) if outline is not None else (style.kind, style.level)
        own = _numpr(ppr)
        num = style.num
        if own is not None:
            num = (own[0] or (num[0] if num else None), own[1] if own[1] is not None else (num[1] if num else 0))
        # Counted before the text is looked at: an empty numbered paragraph still takes a number in Word.
        listed, number = self.numbering.label(num[0], num[1]) if num and kind != "toc" else (False, None)
        text = self.paragraph_of(p, self.document._body).text
        if not text.strip() or kind == "toc":
            return  # a table of contents repeats the headings with page numbers
        if kind == "heading":
            text = clean_text(text)
            self.heading(f"{number} {text}" if number else text, level, style.title and outline is None, number)
        elif listed or (kind == "bullet" and not (own and own[0] == "0")):
            item, typed, rest = split_marker(text)
            self.blocks.append(Block("bullet", clean_text(rest if item else text), number=number or typed))
        else:
            self.blocks.extend(lines_to_blocks(text.split("\n"), numbers=True))

    def table(self, tbl) -> None:
        rows = list(tbl.iterchildren(f"{_W}tr"))
        width = max((len(list(tr.iterchildren(f"{_W}tc"))) for tr in rows), default=0)
        if width <= 1:
            for tr in rows:  # a one-column table is a layout frame: read it as text
                for tc in tr.iterchildren(f"{_W}tc"):
                    self.body(tc)
            return
        if not self.action_plan(_table_grid(rows)):
            self.plain_table(rows)

    def action_plan(self, grid: list[_GridRow]) -> bool:
        """Read a table whose header names action-plan columns; False if it has no such header."""
        filled = [row for row in grid if any(row.cells)]
        # A caption across the table ("Tiltak for bolyst") may stand above the header.
        at = 1 if len(filled) > 2 and filled[0].spanning else 0
        if not filled or column_roles(filled[at].cells) is None:
            return False
        header = filled[at].cells
        for caption in filled[:at]:
            self.blocks.extend(lines_to_blocks([caption.cells[0]]))
        for row in filled[at + 1:]:
            if row.repeated:
                continue  # the header again, repeated on a new page
            if row.spanning:
                # A label across the table groups the rows below it, a level under the table's section.
                text = row.cells[0]
                self.blocks.append(Block("heading", text, level=self.outer + 1, number=heading_number(text)))
                continue
            self.blocks.extend(action_table(header, [row.cells]) or [])
        return True

    def plain_table(self, rows: list) -> None:
        texts = []
        for tr in rows:
            cells, last = [], None
            for tc in tr.iterchildren(f"{_W}tc"):
                t = _docx_cell_text(tc)
                if t and t != last:  # merged cells repeat their text
                    cells.append(t)
                last = t
            texts.append((tr, cells))
        for i, (tr, cells) in enumerate(texts):
            if not cells:
                continue
            trpr = tr.find(f"{_W}trPr")
            if trpr is not None and trpr.find(f"{_W}tblHeader") is not None:
                continue
            if i == 0 and len(texts) > 1 and header_like(cells, [c for _, cs in texts[1:] for c in cs]):
                continue
            self.blocks.append(Block("row", " | ".join(cells)))

    def body(self, element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                self.paragraph(child)
            elif tag == f"{_W}tbl":
                self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent")
                self.body(content if content is not None else child)


def read_docx(path: Path) -> list[Block]:
    """Read a Word document into blocks: headings, list items, table rows and paragraphs, in document order.

    :func:`luktheme.readers.read_blocks` checks the file before it calls this.

    Parameters
    ----------
    path : Path
        A ``.docx`` file.

    Returns
    -------
    list of Block
        Headings with their level and number, list items with the number Word shows,
        action-plan table rows with their measure as text and other cells by role.

    Raises
    ------
    DocumentError
        If the file unpacks to more than :data:`MAX_DOCX_UNPACKED` bytes or is
        not a readable Word package.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> d = docx.Document()
    >>> _ = d.add_heading("Bolyst", level=1)
    >>> _ = d.add_paragraph("Lage en velkomstpakke", style="List Number")
    >>> _ = d.add_paragraph("Arrangere en tilflytterdag", style="List Number")
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.docx"
    >>> d.save(str(f))
    >>> for b in read_docx(f):
    ...     print(b.kind, b.level, b.number, b.text)
    heading 1 None Bolyst
    bullet None 1. Lage en velkomstpakke
    bullet None 2. Arrangere en tilflytterdag
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    _check_docx_size(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as err:
        reason = "not a Word .docx package" if isinstance(err, PackageNotFoundError) else str(err)
        raise DocumentError(f"{path}: corrupt DOCX ({reason}). Open it in Word and save it again as .docx, "
                            "then run again.") from None
    reader = _DocxReader(document)
    reader.body(document.element.body)
    return reader.blocks
