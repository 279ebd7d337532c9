"""PDF page layout: text pieces into lines, list markers, superscripts and two-column pages.

pypdf's text visitor reports the text of a page piece by piece, each with its
position, font and size. This module turns the pieces into :class:`Line` objects:
it measures where each piece ends (from the font's glyph widths), drops
superscript note markers so that "kommunen¹ skal" does not read "kommunen1
skal", recognises a list marker drawn from a symbol font (Word's Symbol bullet
extracts as U+F0B7, Wingdings as a plain letter such as "§" or "q"), joins the
pieces that share a baseline into lines or table cells, and puts the lines of a
two-column page in reading order: the left column before the right one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

from .lines import split_marker


#: Font names whose glyphs are pictures, not letters: a piece in such a font is a list marker.
SYMBOL_FONT = re.compile(r"symbol|wingding|dingbat|webding|marlett|bullet", re.I)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
#: What a superscript note marker reads as: a note number or a note sign.
_NOTE_MARK = re.compile(r"^\s*(?:\d{1,3}|[*†‡§]{1,3})[,)]?\s*$")
#: The bullet every recognised marker is written as, so the shared rules of :mod:`.lines` see an item.
BULLET = "\u2022"


@dataclass
class Line:
    """One line of a page as the layout tells it.

    ``x`` and ``end`` are where the ink starts and ends; ``text_x`` is where a list item's
    text starts after its marker; ``cells`` are the pieces of one baseline with column gaps
    between them (a table row); ``noted`` says a note marker was dropped at its start.
    """

    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int
    end: float = 0.0
    cells: list[tuple[float, str]] | None = None
    text_x: float | None = None
    symbolic: bool = False
    noted: bool = False

    @property
    def start(self) -> float:
        """Where the line's words start: after a list marker, else at the ink."""
        return self.x if self.text_x is None else self.text_x


@dataclass
class _Piece:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    symbolic: bool
    width: float

    @property
    def end(self) -> float:
        return self.x + self.width


class _Fonts:
    """Per-document font facts: weight, symbol font, glyph widths (pypdf's metrics, else an estimate)."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[object, bool, bool, object]] = {}

    def facts(self, font) -> tuple[bool, bool, object]:
        key = id(font)
        hit = self._cache.get(key)
        if hit is None:
            name = str(font.get("/BaseFont", "")) if font else ""
            metrics = None
            if font:
                try:
                    from pypdf.generic._font import Font

                    metrics = Font.from_font_resource(font)
                except Exception:  # a private pypdf API or a damaged font: fall back to an estimate
                    metrics = None
            # The font object is kept so that its id cannot be reused by another font.
            hit = (font, bool(_BOLD.search(name)), bool(SYMBOL_FONT.search(name)), metrics)
            self._cache[key] = hit
        return hit[1], hit[2], hit[3]

    @staticmethod
    def width(metrics, text: str, size: float) -> float:
        if metrics is not None:
            try:
                return metrics.get_text_width(text) * size / 1000
            except Exception:
                pass
        return 0.5 * size * len(text)  # about the width of lower-case text in Helvetica or Arial


def _is_glyph(ch: str) -> bool:
    # Anything but a letter, a digit or an opening/closing sign: a bullet drawn from a font without
    # Unicode mapping (a control, private-use or replacement character), a dingbat, a dash, a dot.
    cat = unicodedata.category(ch)
    return cat[0] in "CSP" and cat not in ("Ps", "Pe", "Pi", "Pf", "Sc") and ch not in "\t\n\r ,.;:!?'\"%&@/\\"


def is_marker(glyph: str, symbolic: bool, gap: float, next_text: str, size: float) -> bool:
    """Whether a lone character drawn as its own piece at a line's start is a list marker.

    A glyph from a symbol font always is; a non-letter, non-digit glyph is when words follow
    ("§ 12" is a reference, not an item); a lone letter is when a gap of half an em or more
    sets it apart from the text (a Wingdings bullet that extracts as "q" or "v").

    Examples
    --------
    >>> is_marker("\\uf0b7", False, 6.0, "Etablere et nettverk", 11.0)
    True
    >>> is_marker("q", True, 6.0, "Etablere et nettverk", 11.0), is_marker("q", False, 1.0, "uten", 11.0)
    (True, False)
    >>> is_marker("§", False, 3.0, "12 i plan- og bygningsloven", 11.0)
    False
    """
    if len(glyph) != 1 or glyph.isdigit():
        return False
    following = next_text.lstrip()
    if not following or following[0].isdigit() and not symbolic:
        return False
    if symbolic:
        return True
    if _is_glyph(glyph):
        return gap >= 0 or glyph in "\ufffd\x7f" or unicodedata.category(glyph) == "Co"
    return glyph.isalpha() and gap >= 0.5 * size


def _is_note_mark(pieces: list[_Piece], i: int, main: _Piece) -> bool:
    # A superscript note marker: a small piece of note numbers or signs, set right after a word
    # ("kommunen¹ skal") or at the start of a footnote. pypdf reports a text rise (Ts) at the
    # baseline, so the size tells, not the position. Square and cubic units ("m²") are not notes.
    p = pieces[i]
    if p is main or p.size > 0.8 * main.size or not _NOTE_MARK.match(p.text):
        return False
    if i == 0:
        return True
    before = pieces[i - 1].text
    return not before[-1:].isspace() and not _UNIT.search(before)


_UNIT = re.compile(r"(?:^|\W)(?:k|c|d)?m$")


def _line_of(pieces: list[_Piece], number: int) -> Line | None:
    inked = [p for p in pieces if p.text.strip()]
    if not inked:
        return None
    main = max(inked, key=lambda p: len(p.text.strip()))
    kept = [p for i, p in enumerate(inked) if not _is_note_mark(inked, i, main)]
    noted = kept[0] is not inked[0]
    inked = kept
    text_x = None
    symbolic = len(inked) == 1 and inked[0].symbolic
    first = inked[0]
    words = inked
    if len(inked) > 1 and len(first.text.strip()) == 1:
        nxt = inked[1]
        if is_marker(first.text.strip(), first.symbolic, nxt.x - first.end, nxt.text, nxt.size):
            words, text_x = inked[1:], nxt.x
    n_all = sum(len(p.text.strip()) for p in words)
    n_bold = sum(len(p.text.strip()) for p in words if p.bold)
    # The size of most of the line's characters, never the marker's: a bullet glyph is often set larger.
    size = max(words, key=lambda p: len(p.text.strip())).size
    text = "".join(p.text for p in words)
    if text_x is not None:
        text = f"{BULLET} {text.strip()}"
    return Line(text, first.x, first.y, size, n_bold >= 0.8 * n_all, number, max(p.end for p in inked),
                text_x=text_x, symbolic=symbolic, noted=noted)


def page_lines(page, number: int, fonts: _Fonts) -> list[Line]:
    """The lines of one page in content order, as pypdf's text visitor reports them."""
    lines: list[Line] = []
    cur: list[_Piece] = []
    last = [None, 0.0]  # the position pypdf gave the last piece, and where that piece ends

    def close() -> None:
        line = _line_of(cur, number)
        if line is not None:
            lines.append(line)
        cur.clear()

    def visit(text, cm, tm, font, size) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        bold, symbolic, metrics = fonts.facts(font)
        size = float(size) * scale
        # pypdf does not advance the text position over shown glyphs: a piece after a font change
        # in the same text object reports the position of the one before, and starts where it ends.
        at = (x, y)
        if at == last[0] and cur:
            x = last[1]
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part:
                # pypdf puts a space before a piece that starts a line further right: no ink.
                width = fonts.width(metrics, part if cur else part.lstrip(), size)
                cur.append(_Piece(part, x, y, size, bold, symbolic, width))
                last[0], last[1] = at, x + width
            if i < len(parts) - 1:
                close()

    page.extract_text(visitor_text=visit)
    close()
    return _drop_superscripts(lines)


def _drop_superscripts(lines: list[Line]) -> list[Line]:
    # A note marker pypdf reports as a line of its own: a small number raised above the baseline of
    # the line it belongs to, which is the line before or after it in content order.
    out: list[Line] = []
    for i, ln in enumerate(lines):
        if _NOTE_MARK.match(ln.text):
            near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            host = next((o for o in near if ln.size <= 0.8 * o.size and o.y <= ln.y < o.y + o.size), None)
            if host is not None:
                if i + 1 < len(lines) and host is lines[i + 1] and ln.x <= host.x + 1:
                    lines[i + 1] = replace(host, noted=True)
                continue
        out.append(ln)
    return out


def merge_baselines(lines: list[Line]) -> list[Line]:
    """Join pieces that pypdf reports as separate lines but that share a baseline.

    A piece that starts where other pieces on the page start (a column or tab
    stop), or further than an em to the right of where the text before it ends,
    starts a new cell; a piece close by continues the same cell, and a lone
    list marker (see :func:`is_marker`) opens an item whose text the piece is.
    """
    # Left edges where two or more pieces start are column or tab stops.
    stops = Counter(round(ln.x) for ln in lines)
    out: list[Line] = []
    for ln in lines:
        last = out[-1] if out else None
        if last is None or abs(ln.y - last.y) >= 0.3 * max(ln.size, 1.0):
            out.append(ln)
            continue
        cells = list(last.cells or [(last.x, last.text.strip())])
        cx, ctext = cells[-1]
        if ln.x <= cx:
            out.append(ln)  # back to the left on the same baseline: another text object
            continue
        piece = ln.text.strip()
        gap = ln.x - last.end
        if len(cells) == 1 and last.text_x is None and len(ctext) == 1 and \
                is_marker(ctext, last.symbolic, gap, piece, ln.size):
            out[-1] = replace(ln, text=f"{BULLET} {piece}", x=last.x, text_x=ln.start)
            continue
        if gap <= ln.size and stops[round(ln.x)] < 2:
            # A piece that starts a word of its own is set apart by a space or a gap.
            sep = " " if ln.text[:1].isspace() or gap > 0.15 * ln.size or not ctext else ""
            cells[-1] = (cx, f"{ctext}{sep}{piece}")
        else:
            cells.append((ln.x, piece))
        out[-1] = Line(" ".join(t for _, t in cells), last.x, last.y, max(last.size, ln.size) if
                       last.text_x is None else last.size, last.bold and ln.bold, last.page, max(last.end, ln.end),
                       cells if len(cells) > 1 else None, last.text_x, noted=last.noted)
    return [_as_item(ln) for ln in out]


def _as_item(line: Line) -> Line:
    # A number or marker, then text at a tab stop, and nothing else on the baseline: a list item
    # ("1.2.3" + "Etablere ..."). With more cells the line is a table row whose first column is
    # a number. The cells are kept, so that inside a table the line is still read by column.
    if not line.cells or len(line.cells) != 2 or line.text_x is not None:
        return line
    item, _, rest = split_marker(f"{line.cells[0][1]} x")
    if not item or rest != "x":
        return line
    return replace(line, text_x=line.cells[1][0])


def column_order(lines: list[Line], width: float) -> list[Line]:
    """The lines of a two-column page with the left column first; other pages as they are.

    A page has two columns when a good number of long lines start at one left edge in
    the middle third of the page, as many long lines end left of it, and the lines that
    cross it (a title or a figure caption over both columns) lie only above or below or
    between the column bands. Within a column the content order is kept.
    """
    if len(lines) < 8:
        return lines
    starts = Counter(round(ln.x) for ln in lines)
    # The right column's edge is the leftmost frequent start in the middle of the page
    # (list items and their wrapped lines start further right within the column).
    for xr in sorted(x for x, n in starts.items() if n >= 3 and 0.3 * width <= x <= 0.7 * width):
        right = [ln for ln in lines if ln.x >= xr - 2]
        left = [ln for ln in lines if ln.x < xr - 2 and ln.end <= xr - 2]
        if len(left) < 4 or len(right) < 4:
            continue
        xl = Counter(round(ln.x) for ln in left).most_common(1)[0][0]
        span = xr - xl
        # Columns of running text: most lines fill their column (table cells are mostly short).
        if median(ln.end - ln.x for ln in left) < 0.6 * span or median(ln.end - ln.x for ln in right) < 0.6 * span:
            continue
        return _by_bands(lines, xr)
    return lines


def _by_bands(lines: list[Line], xr: float) -> list[Line]:
    # Lines crossing the gutter cut the page into bands; each band is read left column, right column.
    spanning = sorted((ln for ln in lines if ln.x < xr - 2 and ln.end > xr - 2), key=lambda ln: -ln.y)
    out: list[Line] = []
    used: set[int] = set()
    cuts = [ln.y for ln in spanning] + [float("-inf")]
    top = float("inf")
    for k, cut in enumerate(cuts):
        band = [ln for ln in lines if cut < ln.y < top and id(ln) not in used and
                not (ln.x < xr - 2 and ln.end > xr - 2)]
        out += [ln for ln in band if ln.x < xr - 2] + [ln for ln in band if ln.x >= xr - 2]
        used.update(id(ln) for ln in band)
        if k < len(spanning):
            out.append(spanning[k])
        top = cut
    # Lines on a cut's own baseline but beside it keep their content place after it.
    used.update(id(ln) for ln in spanning)
    return out + [ln for ln in lines if id(ln) not in used]
