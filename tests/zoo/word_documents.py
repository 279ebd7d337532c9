"""Word documents of the zoo, written with python-docx: heading styles, Word list numbering, action-plan tables.

Lists are numbered the way Word numbers them, through numbering definitions in ``numbering.xml``
(:func:`add_numbering`), not by typing the numbers; tables have merged cells and header rows
that repeat on every page.
"""

from __future__ import annotations

from pathlib import Path

from tests.zoo import document

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_numbering(d, levels: list[tuple[str, str]] | None, restart_of: int | None = None) -> int:
    """Add a numbering instance to document ``d`` and return its ``numId``.

    ``levels`` gives each level's ``(numFmt, lvlText)``, e.g. ``[("decimal", "%1."), ("lowerLetter", "%2)")]``,
    in a new abstract definition. With ``restart_of`` (a ``numId``) and no levels, the new instance
    shares that instance's definition and restarts its first level at 1.
    """
    from docx.oxml import parse_xml

    numbering = d.part.numbering_part.element
    ns = f'xmlns:w="{_W_NS}"'
    nums = [int(n.get(f"{{{_W_NS}}}numId")) for n in numbering.iterchildren(f"{{{_W_NS}}}num")]
    num_id = max(nums, default=0) + 1
    if levels is not None:
        ids = [int(a.get(f"{{{_W_NS}}}abstractNumId")) for a in numbering.iterchildren(f"{{{_W_NS}}}abstractNum")]
        abstract_id = max(ids, default=-1) + 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {ns} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        # Abstract definitions come before the instances in numbering.xml.
        first_num = numbering.find(f"{{{_W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        override = ""
    else:
        source = next(n for n in numbering.iterchildren(f"{{{_W_NS}}}num")
                      if n.get(f"{{{_W_NS}}}numId") == str(restart_of))
        abstract_id = source.find(f"{{{_W_NS}}}abstractNumId").get(f"{{{_W_NS}}}val")
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering.append(parse_xml(f'<w:num {ns} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{override}</w:num>'))
    return num_id


def numbered(paragraph, num_id: int, level: int = 0):
    """Put ``paragraph`` in the list ``num_id`` at ``level`` (0 for the top), as Word does with ``w:numPr``."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(1 if ppr.find(f"{{{_W_NS}}}pStyle") is not None else 0, parse_xml(
        f'<w:numPr xmlns:w="{_W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def merge_down(table, column: int, first: int, last: int) -> None:
    """Merge ``column`` from row ``first`` to row ``last`` into one cell holding the first row's text."""
    text = table.cell(first, column).text
    merged = table.cell(first, column).merge(table.cell(last, column))
    merged.text = text


def repeat_header(row) -> None:
    """Mark a table row as a header row Word repeats at the top of every page (``w:tblHeader``)."""
    from docx.oxml import parse_xml

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{_W_NS}"/>'))


def fill_table(d, rows: list[tuple[str, ...]]):
    """A table with ``rows`` of cell texts; a newline in a text starts a new paragraph in the cell."""
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = d.styles["Table Grid"]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            first, *more = text.split("\n")
            cell.text = first
            for extra in more:
                cell.add_paragraph(extra)
    return table


def _style(d, name: str, base: str | None = None, outline: int | None = None):
    """A paragraph style of the document's own, as municipal templates have them."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = d.styles[base]
    if outline is not None:
        style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{_W_NS}" w:val="{outline}"/>'))
    return style


@document("handlingsprogram-bolyst.docx")
def handlingsprogram_bolyst(path: Path) -> Path:
    """Bokmål: a Title, Heading 1 and 2, goal bullets, and an action plan with the responsible unit in its own column.

    The header row repeats on every page (``w:tblHeader``) and once more in the middle of the table; one
    responsible cell is merged down over two rows; one measure cell has two paragraphs.
    """
    import docx

    d = docx.Document()
    d.add_paragraph("Handlingsprogram for bolyst 2025–2028", style="Title")
    d.add_paragraph("Handlingsprogrammet viser hvordan kommunen følger opp samfunnsdelen de neste fire årene.")
    d.add_heading("Innsatsområde 1 Attraktive tettsteder", level=1)
    d.add_paragraph("Kommunen har som mål at sentrum skal være et naturlig møtested for alle generasjoner.")
    d.add_heading("Mål", level=2)
    d.add_paragraph("Flere unge voksne bosetter seg i sentrum", style="List Bullet")
    d.add_paragraph("Ledige lokaler i sentrum tas i bruk", style="List Bullet")
    d.add_heading("Tiltak", level=2)
    table = fill_table(d, [
        ("Nr.", "Tiltak", "Ansvarlig", "Samarbeidspartnere", "Periode"),
        ("1.1", "Etablere et sentrumsforum for gårdeiere og næringsdrivende", "Næring og utvikling",
         "Næringsforeningen", "2025"),
        ("1.2", "Kartlegging av ledige lokaler\nog mulige midlertidige brukere", "", "Gårdeierne", "2025–2026"),
        ("Nr.", "Tiltak", "Ansvarlig", "Samarbeidspartnere", "Periode"),
        ("1.3", "Oppgradere torget med benker, lys og lekeapparater", "Kommunalteknikk", "", "2026–2027"),
    ])
    repeat_header(table.rows[0])
    merge_down(table, 2, 1, 2)
    d.add_heading("Innsatsområde 2 Boliger for alle", level=1)
    d.add_paragraph("Boligmarkedet i kommunen er lite, og mange leier i private hjem.")
    d.add_paragraph("Utarbeide en boligsosial handlingsplan", style="List Bullet")
    d.save(str(path))
    return path


@document("tiltaksplan-folkehelse.docx")
def tiltaksplan_folkehelse(path: Path) -> Path:
    """Nynorsk: headings from Heading 1–3, an action plan with a Nynorsk header in another column order.

    Rows are grouped by labels merged across the table (``gridSpan``), and one responsible cell is merged
    down over two rows (``vMerge``).
    """
    import docx

    d = docx.Document()
    d.add_heading("Tiltaksplan for folkehelse", level=1)
    d.add_paragraph("Planen byggjer på oversikta over helsetilstanden i kommunen frå 2024.")
    d.add_heading("Fysisk aktivitet", level=2)
    d.add_paragraph("Målet er at fleire barn og unge skal vere fysisk aktive kvar dag.")
    d.add_heading("Tiltak i planperioden", level=3)
    table = fill_table(d, [
        ("Ansvarleg", "Tiltak", "Partnarar", "Tidsrom", "Kostnad"),
        ("Nærmiljø", "", "", "", ""),
        ("Kultur", "Byggje ein sykkelpark ved ungdomsskulen", "Idrettsrådet", "2025", "400 000 kr"),
        ("", "Merkje og skilte turstiar i alle bygdene", "Turlaget", "2025–2026", "150 000 kr"),
        ("Skule", "", "", "", ""),
        ("Oppvekst", "Innføre dagleg fysisk aktivitet på barnesteget", "Foreldreutvala", "Frå hausten 2025", ""),
    ])
    for r in (1, 4):
        text = table.cell(r, 0).text
        merged = table.cell(r, 0).merge(table.cell(r, 4))
        merged.text = text
    merge_down(table, 0, 2, 3)
    d.add_heading("Psykisk helse", level=2)
    d.add_paragraph("Kartlegging av tilbodet til unge med psykiske plager", style="List Bullet")
    d.save(str(path))
    return path


@document("kommuneplan-nummerert.docx")
def kommuneplan_nummerert(path: Path) -> Path:
    """Bokmål: headings and lists numbered by Word (multi-level, letters and Roman numerals, a restarted list)."""
    import docx

    d = docx.Document()
    chapters = add_numbering(d, [("decimal", "%1"), ("decimal", "%1.%2")])
    items = add_numbering(d, [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")])
    numbered(d.add_heading("Samfunnsdelen", level=1), chapters, 0)
    d.add_paragraph("Kommuneplanens samfunnsdel peker ut retningen for de neste tolv årene.")
    numbered(d.add_heading("Mål for oppvekst", level=2), chapters, 1)
    d.add_paragraph("Kommunen skal ha gode og trygge oppvekstvilkår.", style="List Bullet")
    numbered(d.add_heading("Strategier for oppvekst", level=2), chapters, 1)
    for text, level in [("Styrke samarbeidet mellom skole og barnevern", 0),
                        ("Opprette et fast tverrfaglig team", 1),
                        ("Lage felles rutiner for oppfølging", 1),
                        ("Utvikle fritidstilbudet for ungdom", 0),
                        ("Samarbeide med frivillige lag om aktiviteter", 1),
                        ("Åpne fritidsklubben flere kvelder", 2),
                        ("Tilby gratis kortreist ferieaktivitet", 2)]:
        numbered(d.add_paragraph(text), items, level)
    numbered(d.add_heading("Næring", level=1), chapters, 0)
    numbered(d.add_heading("Strategier for næring", level=2), chapters, 1)
    again = add_numbering(d, None, restart_of=items)
    for text in ("Legge til rette for nye næringsarealer", "Gi raskere svar på byggesøknader"):
        numbered(d.add_paragraph(text), again, 0)
    d.save(str(path))
    return path


@document("planstrategi-husstiler.docx")
def planstrategi_husstiler(path: Path) -> Path:
    """Bokmål with a house template: Overskrift styles, a chapter style with an outline level, List Number,
    and a table without an action-plan header, which keeps its cells as they are."""
    import docx

    d = docx.Document()
    _style(d, "Overskrift 1")
    _style(d, "Overskrift 2")
    _style(d, "Kapitteltittel", outline=1)
    _style(d, "Punkt", base="List Number")
    d.add_paragraph("Planstrategi 2024–2027", style="Overskrift 1")
    d.add_paragraph("Planbehov", style="Overskrift 2")
    d.add_paragraph("Kommunestyret skal vedta planstrategien innen ett år etter valget.")
    d.add_paragraph("Planer som skal rulleres:")
    d.add_paragraph("Rullering av kommuneplanens arealdel", style="Punkt")
    d.add_paragraph("Revidere planen for idrett og fysisk aktivitet", style="Punkt")
    d.add_paragraph("Gjeldende planer", style="Kapitteltittel")
    fill_table(d, [("Plan", "Status", "Merknad"),
                   ("Kommuneplanens arealdel", "Vedtatt i 2019", "Bør rulleres tidlig i perioden"),
                   ("Plan for kulturminner", "Vedtatt i 2016", "Ny plan etter nye registreringer")])
    d.add_paragraph("Arealdelen er den viktigste planen å rullere.")
    d.save(str(path))
    return path
