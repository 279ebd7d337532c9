"""PDF files: the text layer, read with pypdf, with the layout telling the structure.

Text position and font size come from pypdf's text visitor, at the cost of
plain extraction: the indentation tells a bullet's continuation lines from the
paragraph after it, the font size and weight tell headings, and the top and
bottom lines that repeat on most pages (page headers, footers, page numbers)
are dropped. Words hyphenated over a line break are joined ("kompetanse-" +
"heving"); suspended compounds keep their hyphen ("nærings- og
samfunnsutvikling"). Lines that share a baseline with column gaps between them
are table rows.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError
from .block import Block
from .lines import LEADER, ends_sentence, header_like, clean_text, join_lines, strip_marker


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int
    cells: list[tuple[float, str]] | None = None  # pieces of one baseline with column gaps between


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """Join pieces that pypdf reports as separate lines but that share a baseline.

    A piece that starts where other pieces on the page start (a column or tab
    stop), or far to the right of where the text before it ends, starts a new
    cell; a piece close by, or after a lone list marker, continues the same cell. Where a piece ends is estimated from its length
    at 0.45 em a character (about the width of lower-case text in Helvetica or
    Arial); pypdf reports such pieces as separate lines only when they are
    separate text objects, which is what table cells are.
    """
    # Left edges where two or more pieces start are column or tab stops.
    stops = Counter(round(ln.x) for ln in lines)
    out: list[_Line] = []
    for ln in lines:
        last = out[-1] if out else None
        if last is None or abs(ln.y - last.y) >= 0.3 * max(ln.size, 1.0):
            out.append(ln)
            continue
        cells = list(last.cells or [(last.x, last.text.strip())])
        cx, ctext = cells[-1]
        piece = ln.text.strip()
        if ln.x <= cx:
            out.append(ln)  # back to the left on the same baseline: another text object
            continue
        end = cx + 0.45 * ln.size * len(ctext)
        item, rest = strip_marker(ctext + " x")
        if (item and rest == "x") or (ln.x - end <= ln.size and stops[round(ln.x)] < 2):
            cells[-1] = (cx, f"{ctext} {piece}")
        else:
            cells.append((ln.x, piece))
        out[-1] = _Line(" ".join(t for _, t in cells), last.x, last.y, max(last.size, ln.size),
                        last.bold and ln.bold, last.page, cells if len(cells) > 1 else None)
    return out


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_PAGE_NUMBER = re.compile(
    r"^(?:side|s\.|page|p\.|sida)?\s*[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:av|/|of|\|)\s*\d{1,4})?$", re.I)


@contextmanager
def _quiet_pypdf():
    # pypdf logs every repair it makes to a damaged file; the caller gets one error instead.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _page_lines(page, number: int) -> list[_Line]:
    lines: list[_Line] = []
    cur: list[tuple] = []  # (text, x, y, size, bold)

    def close() -> None:
        text = "".join(c[0] for c in cur)
        inked = [c for c in cur if c[0].strip()]
        if text.strip() and inked:
            first = inked[0]
            n_bold = sum(len(c[0].strip()) for c in inked if c[4])
            n_all = sum(len(c[0].strip()) for c in inked)
            # The size of most of the line's characters: a bullet glyph is often set larger.
            size = max(inked, key=lambda c: len(c[0].strip()))[3]
            lines.append(_Line(text, first[1], first[2], size, n_bold >= 0.8 * n_all, number))
        cur.clear()

    def visit(text, cm, tm, font, size) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        name = font.get("/BaseFont", "") if font else ""
        bold = bool(_BOLD.search(str(name)))
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part:
                cur.append((part, x, y, float(size) * scale, bold))
            if i < len(parts) - 1:
                close()

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _norm_repeat(text: str) -> str:
    return re.sub(r"\d+", "#", clean_text(text).casefold())


#: Share of the page height at the top and bottom where running headers and footers sit.
MARGIN_ZONE = 0.08


def _drop_margins(pages: list[list[_Line]], boxes: list[tuple[float, float]]) -> list[list[_Line]]:
    """Remove running headers, footers and page numbers.

    Candidates are the two top and two bottom lines of a page that lie in the
    page's margin zone (:data:`MARGIN_ZONE` of its height). A candidate goes if
    it is a page number ("12", "Side 3 av 40"), is set smaller than the body
    text (which also catches the header of a one-page document), or if, with
    digits masked, the same text is a candidate on three pages (two in a
    document of up to three pages), or if it starts or ends with a number
    that keeps step with the page on as many pages.
    """
    def edges(lines: list[_Line], box: tuple[float, float]) -> set[int]:
        bottom, top = box
        zone = (top - bottom) * MARGIN_ZONE
        ys = sorted({round(ln.y) for ln in lines})
        extreme = set(ys[-2:]) | set(ys[:2])
        return {i for i, ln in enumerate(lines)
                if round(ln.y) in extreme and (ln.y >= top - zone or ln.y <= bottom + zone)}

    cand = [edges(lines, box) for lines, box in zip(pages, boxes)]
    sizes: Counter = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    small = (sizes.most_common(1)[0][0] if sizes else 0.0) * 0.9
    counts: Counter = Counter()
    offsets: Counter = Counter()
    for number, (lines, idx) in enumerate(zip(pages, cand), start=1):
        counts.update({_norm_repeat(lines[i].text) for i in idx})
        offsets.update({number - n for i in idx for n in _edge_numbers(lines[i].text)})
    # Chapter-wise running headers ("Kapittel 3: Bolyst") repeat on fewer than half the pages.
    need = 2 if len(pages) <= 3 else 3
    # A running header that carries the page number ("Chapter 2: Bolyst 3") shows as a
    # number that keeps step with the physical page.
    steps = {off for off, c in offsets.items() if c >= need}
    out = []
    for number, (lines, idx) in enumerate(zip(pages, cand), start=1):
        keep = []
        for i, ln in enumerate(lines):
            if i in idx:
                if (_PAGE_NUMBER.match(clean_text(ln.text)) or ln.size < small
                        or (len(pages) > 1 and counts[_norm_repeat(ln.text)] >= need)
                        or any(number - n in steps for n in _edge_numbers(ln.text))):
                    continue
            keep.append(ln)
        out.append(keep)
    return out


_EDGE_NUMBER = re.compile(r"^\s*(\d{1,4})\b|\b(\d{1,4})\s*$")


def _edge_numbers(text: str) -> set[int]:
    return {int(a or b) for a, b in _EDGE_NUMBER.findall(text)}


def _mode(values: Iterable[float], default: float) -> float:
    c = Counter(values)
    return c.most_common(1)[0][0] if c else default


class _Table:
    """Rows of a table being read: cells by column, a column known by its left edge."""

    def __init__(self, line: _Line) -> None:
        self.columns = [x for x, _ in line.cells]
        self.rows: list[tuple[dict[int, list[str]], bool]] = []
        self.page = line.page
        self.top = self.bottom = line.y
        self.new_row(line)

    def column_of(self, x: float, tolerance: float = 3.0) -> int | None:
        best = min(range(len(self.columns)), key=lambda i: abs(self.columns[i] - x))
        return best if abs(self.columns[best] - x) <= tolerance else None

    def takes(self, line: _Line, leading: float, max_gap: float) -> bool:
        """Add ``line`` to the table if it belongs there; False ends the table.

        Producers draw a row cell by cell, each cell top down, so a line may go
        back up to the row's top for the next column. A line in the first
        column starts a new row once the row has text in another column, or
        after a gap wider than a line.
        """
        first = line.cells[0][0] if line.cells else line.x
        col = self.column_of(first)
        if line.page != self.page or col is None or line.y > self.top + 1 \
                or self.bottom - line.y > 3 * leading:
            return False
        cells, _ = self.rows[-1]
        first_col = col == self.column_of(min(self.columns))
        if line.y >= self.bottom - 0.5 or not first_col:
            self.add(line)
        elif any(c != col for c in cells) or self.bottom - line.y > max_gap:
            self.new_row(line)
        else:
            self.add(line)
        return True

    def new_row(self, line: _Line) -> None:
        self.rows.append(({}, line.bold))
        self.top = line.y
        self.bottom = line.y
        self.add(line)

    def add(self, line: _Line) -> None:
        cells, bold = self.rows[-1]
        for x, text in line.cells or [(line.x, line.text.strip())]:
            col = self.column_of(x)
            if col is None:
                self.columns.append(x)
                col = len(self.columns) - 1
            cells.setdefault(col, []).append(text)
        self.rows[-1] = (cells, bold and line.bold)
        self.bottom = min(self.bottom, line.y)

    def blocks(self) -> list[Block]:
        order = sorted(range(len(self.columns)), key=lambda i: self.columns[i])
        rows = []
        for cells, bold in self.rows:
            texts = [clean_text(join_lines(cells[i])) for i in order if i in cells]
            rows.append(([t for t in texts if t], bold))
        out = []
        for i, (texts, bold) in enumerate(rows):
            if not texts:
                continue
            rest = [c for t, _ in rows[i + 1:] for c in t]
            if i == 0 and len(rows) > 1 and (bold or header_like(texts, rest)):
                continue  # the header row names the columns
            out.append(Block("row", " | ".join(texts), self.page))
        return out


def _pdf_blocks(pages: list[list[_Line]]) -> list[Block]:
    pages = [_merge_baselines(lines) for lines in pages]
    body = [ln for lines in pages for ln in lines]
    weights = Counter()
    for ln in body:
        weights[round(ln.size, 1)] += len(ln.text)
    body_size = weights.most_common(1)[0][0] if weights else 10.0
    gaps = []
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            g = a.y - b.y
            # Only gaps a line apart: spacing between paragraphs must not count as leading.
            if abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 \
                    and 0.9 * body_size <= g <= 1.5 * body_size:
                gaps.append(round(g, 1))
    leading = _mode(gaps, body_size * 1.2)
    max_gap = leading * 1.3 + 0.5
    big = body_size * 1.15

    def is_heading(ln: _Line) -> bool:
        # Body lines are the common case: rule them out before looking at the text.
        if ln.size < big and not ln.bold:
            return False
        text = ln.text.strip()
        words = len(text.split())
        if words > 20 or not any(c.isalpha() for c in text):
            return False
        if ln.size >= big:
            return True
        return words <= 12 and not ends_sentence(text) and not text.endswith(",")

    blocks: list[Block] = []
    kind: str | None = None
    parts: list[str] = []
    anchor: _Line | None = None  # the first line of the open block
    left = 0.0  # the left edge of the open block's lines after the first
    prev: _Line | None = None
    page_of_block = 1
    table: _Table | None = None

    def close() -> None:
        nonlocal kind, parts, table
        if parts:
            text = clean_text(join_lines(parts))
            if text:
                blocks.append(Block(kind, text, page_of_block))
        kind, parts = None, []
        if table is not None:
            blocks.extend(table.blocks())
            table = None

    for lines in pages:
        for n, ln in enumerate(lines):
            if kind == "heading" and abs(prev.size - ln.size) < 0.5 and prev.bold == ln.bold \
                    and 0 < prev.y - ln.y <= ln.size * 1.6 and prev.page == ln.page:
                parts.append(ln.text.strip())  # a heading wrapped over two lines
                prev = ln
                continue
            if LEADER.search(ln.text):
                close()  # a table-of-contents line
                prev = None
                continue
            if table is not None:
                if table.takes(ln, leading, max_gap):
                    prev = ln
                    continue
                close()
            if ln.cells and ln.size < big:
                close()
                table = _Table(ln)
                prev = ln
                continue
            if is_heading(ln):
                close()
                kind, parts, anchor, page_of_block = "heading", [ln.text.strip()], ln, ln.page
                prev = ln
                continue
            item, rest = strip_marker(ln.text)
            if item:
                close()
                kind, parts, anchor, page_of_block = "bullet", [rest], ln, ln.page
                prev = ln
                continue
            if kind in ("bullet", "text") and prev is not None:
                if prev.page != ln.page:
                    # The first line of a page continues the block left open at the foot of the last one.
                    cont = n == 0 and not ends_sentence(parts[-1]) and (rest[:1].islower() or ln.x > anchor.x + 1)
                else:
                    gap = prev.y - ln.y
                    same_size = abs(ln.size - anchor.size) < 0.5
                    if kind == "bullet":
                        indented = ln.x > anchor.x + 1.5
                        flush = abs(ln.x - anchor.x) <= 1.5 and not ends_sentence(parts[-1])
                        cont = same_size and 0 < gap <= max_gap and (indented or flush)
                    elif len(parts) == 1:
                        # The second line sets the paragraph's left edge; the first may be indented.
                        cont = same_size and 0 < gap <= max_gap and anchor.x - 3 * ln.size <= ln.x <= anchor.x + 1.5
                    else:
                        # A line indented past the left edge after a full stop starts a new paragraph.
                        cont = same_size and 0 < gap <= max_gap and (
                            abs(ln.x - left) <= 1.5 or (ln.x > left and not ends_sentence(parts[-1])))
                if cont:
                    if len(parts) == 1:
                        left = ln.x
                    parts.append(rest)
                    prev = ln
                    continue
            close()
            kind, parts, anchor, page_of_block = "text", [rest], ln, ln.page
            prev = ln
    close()
    return blocks


def read_pdf(path: Path) -> list[Block]:
    """Read a PDF's text layer into blocks, without running headers, footers and page numbers.

    :func:`luktheme.readers.read_blocks` checks the file before it calls this.

    Parameters
    ----------
    path : Path
        A ``.pdf`` file with a text layer.

    Returns
    -------
    list of Block
        Each with its 1-based page.

    Raises
    ------
    DocumentError
        If the PDF is corrupt, needs a password, has no pages, or has no text
        (a scan without OCR).

    Examples
    --------
    >>> import tempfile, pathlib, pypdf
    >>> writer = pypdf.PdfWriter()
    >>> _ = writer.add_blank_page(595, 842)
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "blank.pdf"
    >>> _ = writer.write(f)
    >>> read_pdf(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    luktheme.errors.DocumentError: ...blank.pdf: the PDF has no text on any of its 1 page(s). ...
    """
    import pypdf
    from pypdf.errors import PdfReadError, PyPdfError

    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(str(path), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (NotImplementedError, PyPdfError) as err:
                    raise DocumentError(
                        f"{path}: encrypted PDF that cannot be opened ({err}). "
                        "Save an unprotected copy and run again.") from None
                if not opened:
                    raise DocumentError(
                        f"{path}: encrypted PDF: it needs a password to open. "
                        "Save a copy without the password and run again.")
            pages, boxes = [], []
            images = 0
            for number, page in enumerate(reader.pages, start=1):
                lines = _page_lines(page, number)
                if not lines:
                    images += _has_images(page)
                pages.append(lines)
                box = page.mediabox
                boxes.append((float(box.bottom), float(box.top)))
        except DocumentError:
            raise
        except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                AssertionError, OSError, RecursionError, ZeroDivisionError) as err:
            raise DocumentError(
                f"{path}: corrupt PDF ({type(err).__name__}: {err}). "
                "Open it in a PDF viewer and save or print it to a new PDF, then run again.") from None
    n_text = sum(1 for lines in pages if lines)
    if not pages:
        raise DocumentError(f"{path}: the PDF has no pages. Check that the file is the document you meant.")
    if n_text == 0:
        if images:
            raise DocumentError(f"{path}: no text layer: run OCR first (the {len(pages)} page(s) are images "
                                "of text), e.g. `ocrmypdf in.pdf out.pdf`, and tag the result.")
        raise DocumentError(f"{path}: the PDF has no text on any of its {len(pages)} page(s). "
                            "Check that it is the document you meant.")
    return _pdf_blocks(_drop_margins(pages, boxes))


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
    except Exception:  # an unreadable resource dictionary only means "don't know"
        return False
