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
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentError
from . import pdf_furniture as furniture
from .block import Block
from .lines import clean_text, ends_sentence, join_lines, split_marker
from .pdf_furniture import is_toc_line
from .pdf_layout import Line, _Fonts, column_order, merge_baselines, page_lines
from .pdf_tables import Table

_BIG = 1.15  # a line set this much larger than the body text is a heading
#: A heading's number: "2", "2.1", "2.1.3", alone or after one label word ("Innsatsområde 2",
#: "Mål 2.1 Attraktive tettstader"); years ("Handlingsprogram 2025–2028") are not numbers.
_HEADING_NUMBER = re.compile(
    r"^(?:[A-ZÆØÅ][^\W\d_]*\s+)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=$|:|\s+[–-]|\s+[^\W\d_]*[A-ZÆØÅ])")


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


def _mode(values: Iterable[float], default: float) -> float:
    c = Counter(values)
    return c.most_common(1)[0][0] if c else default


def heading_number(text: str) -> str | None:
    """The number a heading carries as written, or None.

    Examples
    --------
    >>> heading_number("Mål 2.1 Attraktive tettstader"), heading_number("Innsatsområde 2")
    ('2.1', '2')
    >>> heading_number("3 Levande sentrum"), heading_number("Handlingsprogram 2025–2028")
    ('3', None)
    """
    m = _HEADING_NUMBER.match(text)
    return m.group("number") if m else None


def heading_levels(styles: list[tuple[float, bool, str | None]]) -> list[int]:
    """The depth of each heading (1 = top) from its size, weight and numbering.

    Larger type ranks higher, and bold above regular at the same size. Where
    headings of one style carry numbers of different depths ("2" and "2.1" both
    in bold body size), the numbering ranks them within the style; an unnumbered
    heading of that style sits with its shallowest numbers.

    Parameters
    ----------
    styles : list of (size, bold, number)
        Each heading's font size, weight and number (None when unnumbered), in document order.

    Examples
    --------
    >>> heading_levels([(18, True, None), (14, True, "2"), (11, True, "2.1"), (11, True, "2.1.1"),
    ...                 (11, True, None), (14, True, "3")])
    [1, 2, 3, 4, 3, 2]
    """
    def style(size: float, bold: bool) -> tuple[float, bool]:
        return (-round(size * 2) / 2, not bold)

    shallowest: dict[tuple[float, bool], int] = {}
    for size, bold, number in styles:
        if number:
            key = style(size, bold)
            shallowest[key] = min(shallowest.get(key, 9), number.count(".") + 1)
    keys = []
    for size, bold, number in styles:
        key = style(size, bold)
        depth = number.count(".") + 1 - shallowest[key] if number and key in shallowest else 0
        keys.append((key, depth))
    rank = {k: i for i, k in enumerate(sorted(set(keys)))}
    return [rank[k] + 1 for k in keys]


def _pdf_blocks(pages: list[list[Line]], widths: list[float] | None = None) -> list[Block]:
    pages = [merge_baselines(column_order(lines, width))
             for lines, width in zip(pages, widths or [float("inf")] * len(pages))]
    # The body text's size, from running text: a plan's tables are often set smaller, and longer.
    body_size = furniture.body_size([[ln for ln in lines if not ln.cells] for lines in pages])
    pages = [furniture.drop_footnotes(furniture.drop_toc(lines), body_size) for lines in pages]
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
    big = body_size * _BIG

    def is_heading(ln: Line) -> bool:
        # Body lines are the common case: rule them out before looking at the text.
        if ln.size < big and not ln.bold:
            return False
        if ln.text_x is not None:
            return False  # a list item; its marker's size or weight says nothing
        text = ln.text.strip()
        words = len(text.split())
        if words > 20 or not any(c.isalpha() for c in text):
            return False
        if ln.size >= big:
            # A sentence in regular type a little larger than the body is a lead paragraph.
            return ln.bold or ln.size >= 1.3 * body_size or not ends_sentence(text)
        return words <= 12 and not ends_sentence(text) and not text.endswith(",")

    blocks: list[Block] = []
    styles: dict[int, tuple[float, bool]] = {}  # heading block index -> its size and weight
    kind: str | None = None
    parts: list[str] = []
    number: str | None = None
    anchor: Line | None = None  # the first line of the open block
    left = 0.0  # the left edge of the open block's lines after the first
    prev: Line | None = None
    page_of_block = 1
    table: Table | None = None

    def close() -> None:
        nonlocal kind, parts, table
        if parts:
            text = clean_text(join_lines(parts))
            if text:
                if kind == "heading":
                    styles[len(blocks)] = (anchor.size, anchor.bold)
                    blocks.append(Block(kind, text, page_of_block, number=heading_number(text)))
                else:
                    blocks.append(Block(kind, text, page_of_block, number=number))
        kind, parts = None, []
        if table is not None:
            blocks.extend(table.blocks())
            table = None

    def start(new_kind: str, text: str, ln: Line, item_number: str | None = None) -> None:
        nonlocal kind, parts, anchor, page_of_block, number, prev
        close()
        kind, parts, anchor, page_of_block, number, prev = new_kind, [text], ln, ln.page, item_number, ln

    for lines in pages:
        for n, ln in enumerate(lines):
            if kind == "heading" and abs(prev.size - ln.size) < 0.5 and prev.bold == ln.bold \
                    and 0 < prev.y - ln.y <= ln.size * 1.6 and prev.page == ln.page and ln.text_x is None:
                parts.append(ln.text.strip())  # a heading wrapped over two lines
                prev = ln
                continue
            if is_toc_line(ln):
                close()  # a table-of-contents line
                prev = None
                continue
            if table is not None:
                if table.takes(ln, leading, max_gap):
                    prev = ln
                    continue
                close()
            if ln.cells and ln.size < big and ln.text_x is None:
                close()
                table = Table(ln)
                prev = ln
                continue
            if is_heading(ln):
                start("heading", ln.text.strip(), ln)
                continue
            item, item_number, rest = split_marker(ln.text)
            if item:
                start("bullet", rest, ln, item_number)
                continue
            if kind in ("bullet", "text") and prev is not None:
                if prev.page != ln.page:
                    # The first line of a page continues the block left open at the foot of the last one.
                    cont = n == 0 and not ends_sentence(parts[-1]) and (rest[:1].islower() or ln.x > anchor.x + 1)
                else:
                    gap = prev.y - ln.y
                    same_size = abs(ln.size - anchor.size) < 0.5
                    if kind == "bullet" and anchor.text_x is not None:
                        # A marker set apart from its text: the wrapped lines start where the text does,
                        # well right of the marker (pypdf places text after a marker only roughly).
                        cont = same_size and 0 < gap <= max_gap and ln.x > (anchor.x + anchor.text_x) / 2
                    elif kind == "bullet":
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
            start("text", rest, ln)
    close()
    if styles:
        order = sorted(styles)
        levels = heading_levels([(*styles[i], blocks[i].number) for i in order])
        for i, level in zip(order, levels):
            blocks[i] = replace(blocks[i], level=level)
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
            fonts = _Fonts()
            for number, page in enumerate(reader.pages, start=1):
                lines = page_lines(page, number, fonts)
                if not lines:
                    images += _has_images(page)
                pages.append(lines)
                box = page.mediabox
                boxes.append((float(box.left), float(box.bottom), float(box.right), float(box.top)))
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
    return _pdf_blocks(furniture.drop_margins(pages, boxes), [right - left for left, _, right, _ in boxes])


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
    except Exception:  # an unreadable resource dictionary only means "don't know"
        return False
