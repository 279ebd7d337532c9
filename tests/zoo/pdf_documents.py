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

from tests.zoo import document


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


# ---------------------------------------------------------------------------------------- the documents


def _page_number(c, page: int) -> None:
    c.setFont("Helvetica", 9)
    c.drawCentredString(A4[0] / 2, 40, str(page))


@document("symbolpunkt.pdf")
def symbol_bullets(path: Path) -> Path:
    """Bokmål, Helvetica: Word's Symbol bullet (U+F0B7) set larger than the text, items wrapped."""
    sheet = Sheet(path, furniture=_page_number)
    sheet.heading("Plan for levende bygdesentre", 18, before=0)
    sheet.heading("Mål", 14)
    for text in ("Flere unge skal bo og arbeide i bygdene", "Sentrum skal ha møteplasser for alle aldre"):
        sheet.item(text, "\uf0b7", marker_size=14)
    sheet.heading("Tiltak", 14)
    sheet.text("Kommunen skal:")
    for text in ("Etablere en møteplass for ungdom i det gamle meieriet, med åpningstider som passer med skole, "
                 "trening og fritidsjobb", "Kartlegging av tomme forretningslokaler i sentrum"):
        sheet.item(text, "\uf0b7", marker_size=14)
    sheet.text("Tiltakene vurderes på nytt når planen rulleres.")
    return sheet.save()


@document("vingdings-nynorsk.pdf")
def wingdings_letters(path: Path) -> Path:
    """Nynorsk, Times: Wingdings-style bullets that extract as letters (§, Ø, q, v, ü) and a lone "o"."""
    sheet = Sheet(path, font="Times-Roman", bold="Times-Bold", size=11, furniture=_page_number)
    sheet.heading("Kommunedelplan for Fjordbygd 2025–2036", 17, before=0)
    sheet.heading("Delmål", 13)
    sheet.item("Fleire familiar skal velje å busetje seg i kommunen", "§", marker_size=13)
    sheet.item("Alle bygdelag skal ha ein trygg og open møtestad", "Ø", marker_size=13)
    sheet.heading("Tiltak i planperioden", 13)
    sheet.item("Utarbeide ein bustadstrategi saman med private utbyggjarar, grunneigarar og Husbanken for heile "
               "kommunen", "q", marker_size=13)
    sheet.item("Kartlegging av kulturminne langs fjorden", "v", marker_size=13)
    sheet.item("Opprette eit fond for små stadutviklingsprosjekt", "ü", marker_size=13)
    sheet.item("Rydde og merke turstiar rundt bygdesentra", "o", face="Times-Roman", marker_size=11)
    sheet.text("Kommunestyret prioriterer tiltaka kvart år i budsjettet.")
    return sheet.save()


@document("zapf-punkt.pdf")
def zapf_bullets(path: Path) -> Path:
    """Bokmål, Helvetica: ZapfDingbats bullets, a control character and the replacement character."""
    sheet = Sheet(path, furniture=_page_number)
    sheet.heading("Tettstedsprogram for Nordvik", 16, before=0)
    sheet.text("Programmet samler innsatsen for tettstedet i perioden 2025 til 2028. Kommunen vil:")
    sheet.item("Opprusting av torget med nye benker, beplantning og belysning", "n", face="ZapfDingbats",
               marker_size=8)
    sheet.item("Etablere en fast ordning for tilskudd til fasadeoppussing i sentrumsgatene, med egen pott for "
               "verneverdige bygg", "\x7f", marker_size=12)
    sheet.item("Sikre trygg skolevei gjennom sentrum", "\ufffd", marker_size=12)
    sheet.text("Arbeidet ledes av en styringsgruppe med representanter fra næringslivet.")
    return sheet.save()


def _furniture_by_side(title: str, chapters: dict[int, str]):
    # Title on even pages, chapter on odd pages; page numbers left on even and right on odd pages,
    # all set in the body text's size.
    def draw(c, page: int) -> None:
        c.setFont("Helvetica", 10.5)
        if page % 2:
            c.drawRightString(523, 800, chapters[page])
            c.drawRightString(523, 40, str(page))
        else:
            c.drawString(72, 800, title)
            c.drawString(72, 40, str(page))
    return draw


@document("topptekst-sider.pdf")
def running_headers_by_side(path: Path) -> Path:
    """Bokmål, Helvetica, three pages: running headers and page numbers that change with the page side."""
    sheet = Sheet(path, furniture=_furniture_by_side("Boligsosial plan for Sørli kommune",
                                                     {1: "Del 1 Boliger for alle", 3: "Del 2 Oppfølging"}))
    sheet.heading("Boliger for alle", 15, before=0)
    sheet.text("Kommunen har som mål at alle innbyggere skal ha en trygg og god bolig.")
    sheet.item("Etablere en boligkontakt i tjenestetorget", "\uf0b7")
    sheet.item("Kartlegging av boligbehovet hos eldre som bor alene", "\uf0b7")
    sheet.new_page()
    sheet.text("Leie-til-eie skal gjøre det enklere for unge familier å komme inn på boligmarkedet.")
    sheet.item("Innføre en ordning med startlån i samarbeid med Husbanken", "\uf0b7")
    sheet.new_page()
    sheet.heading("Oppfølging", 15, before=0)
    sheet.text("Rådmannen rapporterer på tiltakene i årsmeldingen.")
    return sheet.save()


@document("handlingsprogram.pdf")
def action_plan_repeated_header(path: Path) -> Path:
    """Bokmål, Helvetica: an action-plan table over two pages, its header repeated, a row split by the page break."""
    sheet = Sheet(path, furniture=_page_number, bottom=560)
    sheet.heading("Handlingsprogram 2025–2028", 16, before=0)
    sheet.heading("Innsatsområde 2 Attraktive tettsteder", 13)
    sheet.text("Tabellen viser tiltakene for innsatsområdet.")
    sheet.table(["Nr.", "Tiltak", "Ansvar", "Samarbeidspartnere", "Periode", "Kostnad"], [
        ["2.1", "Etablere et sentrumsforum for gårdeiere, næringsliv og kommunen", "Plan og utvikling",
         "Næringsforeningen", "2025–2026", "200 000"],
        ["2.2", "Utarbeide en plan for grønne lommer og lekeplasser i sentrum", "Kommunalteknikk",
         "Barn og unge", "2026", "150 000"],
        ["2.3", "Oppgradering av gangveien mellom skolen og idrettshallen med belysning, benker og ny skilting "
         "langs hele traseen fra skolen", "Kommunalteknikk", "Statens vegvesen og idrettslaget", "2026–2027",
         "1,2 mill."],
        ["2.4", "Kartlegging av behovet for utleieboliger for unge", "Plan og utvikling", "Husbanken", "2025",
         "Innenfor ramme"],
    ], [32, 170, 70, 90, 50, 55])
    return sheet.save()


@document("handlingsplan-nynorsk.pdf")
def action_plan_nynorsk(path: Path) -> Path:
    """Nynorsk, Courier: columns in another order, no number column, the header not repeated on page two."""
    sheet = Sheet(path, font="Courier", bold="Courier-Bold", size=10, furniture=_page_number, bottom=600)
    sheet.heading("Handlingsplan for bustad og stadutvikling", 14, before=0)
    sheet.table(["Tiltak", "Ansvarleg", "Partnarar", "Tidsrom"], [
        ["Byggje ut gang- og sykkelveg frå ferjekaia til skulen", "Kommunalteknikk", "Fylkeskommunen",
         "2025–2027"],
        ["Lage ein rettleiar for fortetting i bygdesentra", "Plan og miljø", "Grunneigarar", "2026"],
        ["Kartlegging av tomme hus og fritidsbustader som kan bli heilårsbustader i alle krinsane",
         "Plan og miljø", "Husbanken", "2025–2026"],
        ["Skipe ei årleg bustadmesse for unge vaksne", "Næring og kultur", "Bankane", "Årleg"],
    ], [210, 100, 90, 70], size=8.5, repeat_header=False)
    return sheet.save()


@document("tospalta.pdf")
def two_columns(path: Path) -> Path:
    """Bokmål, Times: a title over two columns of text; the left column is read before the right one."""
    sheet = Sheet(path, font="Times-Roman", bold="Times-Bold", size=10, leading=12.5, columns=2, bottom=520,
                  furniture=_page_number)
    sheet.columns = 1
    sheet.heading("Strategi for sentrumsutvikling i Elvestad", 17, before=0)
    sheet.columns, top = 2, sheet.y
    sheet.top = top
    sheet.heading("Bakgrunn", 12, before=0)
    sheet.text("Elvestad sentrum har mistet flere butikker de siste årene, og mange lokaler står tomme. "
               "Samtidig bor det flere eldre i sentrum enn før, og behovet for korte avstander til tjenester "
               "øker. Kommunen har derfor tatt initiativ til en felles strategi med gårdeierne og "
               "handelsstanden i sentrum.")
    sheet.text("Strategien bygger på innspill fra et åpent møte i kulturhuset og en spørreundersøkelse blant "
               "ungdom i kommunen.")
    sheet.heading("Tiltak", 12, before=0)
    sheet.item("Etablere et sentrumsstyre med gårdeiere, handelsstand og kommunen", "\uf0b7", indent=14)
    sheet.item("Gjøre om deler av parkeringsplassen ved elva til et torg med sitteplasser", "\uf0b7",
               indent=14)
    sheet.item("Kartlegging av tomme lokaler som kan leies ut til gründere", "\uf0b7", indent=14)
    return sheet.save()


@document("innhold-fotnoter.pdf")
def contents_and_footnotes(path: Path) -> Path:
    """Bokmål, Helvetica, three pages: a table of contents (dot leaders and a page-number column) and footnotes."""
    sheet = Sheet(path, furniture=_page_number)
    sheet.heading("Planprogram for kommuneplanens samfunnsdel", 17, before=0)
    sheet.heading("Innhold", 13)
    c = sheet.c
    entries = [("1 Innledning", "2"), ("2 Tiltak", "3"), ("2.1 Boliger", "3"), ("2.2 Næring", "3")]
    for k, (title, page) in enumerate(entries):
        sheet.y -= 16
        c.setFont("Helvetica", 10.5)
        if k < 2:
            c.drawString(72, sheet.y, f"{title} " + ". " * 40)
            c.drawRightString(523, sheet.y, page)
        else:
            c.drawString(72, sheet.y, title)
            c.drawRightString(523, sheet.y, page)
    sheet.new_page()
    sheet.heading("1 Innledning", 14, before=0)
    sheet.text("Folketallet i kommunen har gått ned med fire prosent siden 2015^1 og gjennomsnittsalderen "
               "øker.")
    sheet.text("Planprogrammet beskriver hvordan arbeidet med samfunnsdelen skal organiseres^2 og hvilke "
               "temaer som skal utredes.")
    sheet.footnote("1", "Statistisk sentralbyrå, tabell over folkemengde etter kommune.")
    sheet.footnote("2", "Se plan- og bygningsloven kapittel 11 om kommuneplanen.")
    sheet.new_page()
    sheet.heading("2 Tiltak", 14, before=0)
    sheet.heading("2.1 Boliger", 12)
    sheet.item("Etablere et boligprogram med tomter i alle skolekretser^3", "\uf0b7")
    sheet.heading("2.2 Næring", 12)
    sheet.item("Kartlegging av ledige næringsarealer langs riksveien", "\uf0b7")
    sheet.footnote("3", "Skolekretsene slik de er fastsatt i skolebruksplanen.")
    return sheet.save()


@document("nummerert-vera.pdf")
def numbered_headings(path: Path) -> Path:
    """Bokmål, an embedded TrueType font: numbered headings at three levels and numbered list items."""
    regular, bold = vera()
    sheet = Sheet(path, font=regular, bold=bold, size=10, furniture=_page_number)
    sheet.heading("Handlingsdel 2025–2028", 16, before=0)
    sheet.heading("Innsatsområde 1 Gode bomiljø", 13)
    sheet.heading("Mål 1.1 Trygge nærmiljø", 11)
    for number, text in (("1.1.1", "Etablere nabolagsgrupper i alle boligfelt, med egen kontaktperson i "
                                   "kommunen og et lite driftstilskudd hvert år"),
                         ("1.1.2", "Kartlegging av mørke strekninger langs skoleveiene")):
        sheet.item(text, number, face=regular, indent=36)
    sheet.heading("Innsatsområde 2 Levende sentrum", 13)
    sheet.heading("Mål 2.1 Flere besøkende i sentrum", 11)
    sheet.item("Arrangere sommermarked på torget hver lørdag i juli", "a)", face=regular, indent=24)
    sheet.item("Utvide åpningstidene på biblioteket", "b)", face=regular, indent=24)
    sheet.text("Kommunen skal også:")
    sheet.item("Utarbeide et skiltprogram for sentrum", "i.", face=regular, indent=24)
    sheet.item("Etablere gratis parkering de første to timene", "ii.", face=regular, indent=24)
    return sheet.save()


@document("tabell-uten-overskrift.pdf")
def plain_table_and_margin_numbers(path: Path) -> Path:
    """Nynorsk, Helvetica: a table without an action-plan header keeps its cells; page numbers in the outer margin."""
    def margin_number(c, page: int) -> None:
        c.setFont("Helvetica", 10.5)
        c.drawString(540, 600, str(page))  # beside the text block, halfway down the page

    sheet = Sheet(path, furniture=margin_number)
    sheet.heading("Folketal og bustader i krinsane", 15, before=0)
    sheet.text("Tabellen viser kor mange som budde i kvar krins ved inngangen til året.")
    sheet.table(["Krins", "Innbyggjarar", "Bustader"], [
        ["Nordbygda", "1 240", "610"], ["Sentrum", "3 115", "1 580"], ["Vestsida", "845", "402"]],
        [150, 100, 100], size=10)
    sheet.text("Talet på innbyggjarar har gått ned i dei ytre krinsane, medan sentrum veks.")
    sheet.text("Kommunen vil difor prioritere bustadbygging nær skulen og butikkane i sentrum.")
    sheet.text("Utviklinga blir følgd opp i den årlege rapporten til kommunestyret.")
    return sheet.save()
