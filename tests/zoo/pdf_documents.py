"""PDF documents of the zoo, drawn line by line with reportlab's canvas so the layout is exact.

:class:`Sheet` lays out headings, paragraphs, list items and tables on A4 pages (one or two
columns), wraps text by the font's metrics, draws running headers and footers by page side
and footnotes at the foot of the page. :func:`draw_glyph` draws a list marker the way Word and
InDesign do: one glyph of a symbol font as a text object of its own, which pypdf extracts as a
private-use code point, a control character or a plain letter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


A4 = (595.28, 841.89)

#: Glyph names a symbol font maps its bullets to, by what pypdf extracts.
GLYPHS = {"\uf0b7": "uniF0B7", "\uf0a7": "uniF0A7", "\uf076": "uniF076", "\uf0d8": "uniF0D8",
          "\uf0fc": "uniF0FC", "\x7f": "uni007F", "\ufffd": "uniFFFD", "§": "section", "Ø": "Oslash",
          "ü": "udieresis", "q": "q", "v": "v", "o": "o", "n": "n", "l": "l"}


def _symbol_font(face: str, glyph: str) -> str:
    # A Type 1 font whose one used code shows the glyph; its encoding names the glyph as a
    # symbol font without Unicode mapping would, so pypdf extracts exactly ``glyph``.
    from reportlab.pdfbase import pdfmetrics

    name = f"{face}-{GLYPHS[glyph]}"
    if name not in pdfmetrics.getRegisteredFontNames():
        encoding = pdfmetrics.Encoding(name, "WinAnsiEncoding")
        encoding[0xA1] = GLYPHS[glyph]
        pdfmetrics.registerEncoding(encoding)
        pdfmetrics.registerFont(pdfmetrics.Font(name, face, name))
    return name


def draw_glyph(c, x: float, y: float, glyph: str, size: float, face: str = "Symbol") -> None:
    """Draw one list marker as a text object of its own: ``face`` "Symbol" or "ZapfDingbats"
    shows ``glyph`` (a key of :data:`GLYPHS`) as a symbol font would; any other face draws it as text."""
    if face in ("Symbol", "ZapfDingbats"):
        font = c._doc.getInternalFontName(_symbol_font(face, glyph))
        c._code.append(f"BT {font} {size:g} Tf {x:.2f} {y:.2f} Td <A1> Tj ET")
    else:
        c.saveState()
        c.setFont(face, size)
        c.drawString(x, y, glyph)
        c.restoreState()


def vera() -> tuple[str, str]:
    """Register the Bitstream Vera TrueType fonts that reportlab ships; returns (regular, bold)."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in (("Vera", "Vera.ttf"), ("VeraBd", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    return "Vera", "VeraBd"


class Sheet:
    """A4 pages filled top down, in one or two columns, with a canvas.

    ``furniture(canvas, page)`` draws the running header and footer of each page. Text may
    carry note markers written ``^1``: they are drawn as superscripts, and the note of
    :meth:`footnote` goes to the foot of the page.
    """

    def __init__(self, path: Path, *, font: str = "Helvetica", bold: str = "Helvetica-Bold", size: float = 10.5,
                 leading: float = 14, left: float = 72, right: float = 523, top: float = 770,
                 bottom: float = 80, columns: int = 1, gutter: float = 24,
                 furniture: Callable | None = None) -> None:
        from reportlab.pdfgen import canvas

        self.path = path
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.font, self.bold, self.size, self.leading = font, bold, size, leading
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.columns, self.gutter = columns, gutter
        self.furniture = furniture
        self.page, self.column = 1, 0
        self.y = top
        self.notes: list[tuple[str, str]] = []
        self._started = False

    # ------------------------------------------------------------------ geometry

    @property
    def width(self) -> float:
        return (self.right - self.left - (self.columns - 1) * self.gutter) / self.columns

    @property
    def x0(self) -> float:
        return self.left + self.column * (self.width + self.gutter)

    def _start(self) -> None:
        if not self._started:
            self._started = True
            if self.furniture:
                self.furniture(self.c, self.page)

    def _room(self, height: float) -> None:
        self._start()
        if self.y - height >= self.bottom:
            return
        if self.column + 1 < self.columns:
            self.column += 1
            self.y = self.top
        else:
            self.new_page()
            self._start()

    def new_page(self) -> None:
        self._start()
        self._draw_notes()
        self.c.showPage()
        self.page += 1
        self.column = 0
        self.y = self.top
        self._started = False

    def space(self, points: float) -> None:
        self.y -= points

    def wrap(self, text: str, width: float, font: str, size: float) -> list[str]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}" if line else word
            if line and stringWidth(trial.replace("^", ""), font, size) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        return lines + [line] if line else lines

    def _draw(self, x: float, y: float, line: str, font: str, size: float) -> None:
        # Words with a note marker ("kommunen^1") get the number as a small raised text object.
        from reportlab.pdfbase.pdfmetrics import stringWidth

        c = self.c
        parts = line.split("^")
        c.setFont(font, size)
        c.drawString(x, y, parts[0])
        x += stringWidth(parts[0], font, size)
        for part in parts[1:]:
            mark = "".join(ch for ch in part[:3] if ch.isdigit()) or part[:1]
            c.setFont(font, size * 0.6)
            c.drawString(x, y + size * 0.4, mark)
            x += stringWidth(mark, font, size * 0.6)
            rest = part[len(mark):]
            c.setFont(font, size)
            c.drawString(x, y, rest)
            x += stringWidth(rest, font, size)

    # ------------------------------------------------------------------ content

    def heading(self, text: str, size: float = 14, *, font: str | None = None, before: float = 10,
                after: float = 4) -> None:
        self.y -= before
        lines = self.wrap(text, self.width, font or self.bold, size)
        self._room(size * 1.25 * len(lines))
        for line in lines:
            self.y -= size
            self._draw(self.x0, self.y, line, font or self.bold, size)
            self.y -= size * 0.25
        self.y -= after

    def text(self, text: str, *, indent: float = 0, after: float = 6, font: str | None = None,
             size: float | None = None) -> None:
        font, size = font or self.font, size or self.size
        for line in self.wrap(text, self.width - indent, font, size):
            self._room(self.leading)
            self.y -= self.leading
            self._draw(self.x0 + indent, self.y, line, font, size)
        self.y -= after

    def item(self, text: str, marker: str = "\uf0b7", *, face: str = "Symbol", marker_size: float | None = None,
             indent: float = 18, after: float = 3) -> None:
        """A list item: the marker as a text object of its own, the text and its wrapped lines at ``indent``."""
        lines = self.wrap(text, self.width - indent, self.font, self.size)
        for k, line in enumerate(lines):
            self._room(self.leading)
            self.y -= self.leading
            if k == 0:
                if face in ("Symbol", "ZapfDingbats") or len(marker) == 1:
                    draw_glyph(self.c, self.x0 + 4, self.y, marker, marker_size or self.size, face)
                else:
                    self._draw(self.x0, self.y, marker, self.font, self.size)
            self._draw(self.x0 + indent, self.y, line, self.font, self.size)
        self.y -= after

    def footnote(self, mark: str, text: str) -> None:
        self.notes.append((mark, text))

    def _draw_notes(self) -> None:
        size = self.size * 0.75
        y = self.bottom - 14
        for mark, text in reversed(self.notes):
            lines = self.wrap(text, self.right - self.left - 10, self.font, size)
            y += size * 1.2 * (len(lines) - 1)
            self.c.setFont(self.font, size * 0.7)
            self.c.drawString(self.left, y + size * 0.4, mark)
            for k, line in enumerate(lines):
                self.c.setFont(self.font, size)
                self.c.drawString(self.left + 8, y - k * size * 1.2, line)
            y += size * 1.4
        self.notes = []

    def table(self, header: list[str], rows: list[list[str]], widths: list[float], *, size: float = 9,
              repeat_header: bool = True, pad: float = 4) -> None:
        """A table with its header in bold; a row that does not fit goes on, line by line, on the next page."""
        lead = size * 1.25

        def draw_row(cells: list[str], font: str) -> None:
            wrapped = [self.wrap(cell, w - 2 * pad, font, size) for cell, w in zip(cells, widths)]
            height = max(len(w) for w in wrapped)
            for k in range(height):
                if self.y - lead < self.bottom:
                    self.new_page()
                    self._start()
                    if repeat_header:
                        draw_row(header, self.bold)
                self.y -= lead
                x = self.x0
                for lines, w in zip(wrapped, widths):
                    if k < len(lines):
                        self._draw(x + pad, self.y, lines[k], font, size)
                    x += w
            self.y -= pad

        self._room(3 * lead)
        draw_row(header, self.bold)
        for row in rows:
            draw_row(row, self.font)
        self.y -= 6

    def save(self) -> Path:
        self._start()
        self._draw_notes()
        self.c.showPage()
        self.c.save()
        return self.path
