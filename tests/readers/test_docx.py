"""Reading Word documents: headings with levels, numbered items, action-plan tables, in document order."""

from __future__ import annotations

from luktheme.readers.docx import read_docx
from luktheme.segments import read_document
from tests.zoo.word_documents import add_numbering, merge_down, numbered


def test_docx_reads_paragraphs_list_items_and_table_cells_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("3 Tiltak for stedsutvikling", level=1)
    d.add_paragraph("Kommunen vil gjøre sentrum mer attraktivt for alle innbyggere.")
    d.add_paragraph("Oppgradere torget i sentrum", style="List Number")
    table = d.add_table(rows=3, cols=3)
    for r, cells in enumerate([("Tiltak", "Ansvar", "Frist"),
                               ("Bygge ny turvei langs elva", "Teknisk etat", "2025"),
                               ("Kartlegge møteplasser for ungdom", "Kultur", "2026")]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    d.add_paragraph("• Skilte stiene i Valdres bedre")
    d.save(str(tmp_path / "plan.docx"))
    got = [(s.kind, s.text) for s in read_document(tmp_path / "plan.docx")]
    assert got == [
        ("sentence", "Kommunen vil gjøre sentrum mer attraktivt for alle innbyggere."),
        ("bullet", "Oppgradere torget i sentrum"),
        ("row", "Bygge ny turvei langs elva"),
        ("row", "Kartlegge møteplasser for ungdom"),
        ("bullet", "Skilte stiene i Valdres bedre"),
    ]
    rows = [b for b in read_docx(tmp_path / "plan.docx") if b.kind == "row"]
    assert [b.fields for b in rows] == [(("responsible", "Teknisk etat"), ("period", "2025")),
                                        (("responsible", "Kultur"), ("period", "2026"))]


def test_heading_levels_follow_styles_outline_levels_and_a_title(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Handlingsplan for bustad", style="Title")
    d.add_heading("1 Innleiing", level=1)
    d.add_heading("1.1 Bakgrunn", level=2)
    custom = d.styles.add_style("Kapittel", 1)
    custom.base_style = d.styles["Heading 2"]
    d.add_paragraph("Mål 1.2 Fleire bustader i sentrum", style="Kapittel")
    p = d.add_paragraph("Vedlegg")
    p._p.get_or_add_pPr().append(parse_xml(
        '<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="0"/>'))
    d.save(str(tmp_path / "h.docx"))
    got = [(b.kind, b.level, b.number, b.text) for b in read_docx(tmp_path / "h.docx")]
    assert got == [("heading", 1, None, "Handlingsplan for bustad"), ("heading", 2, "1", "1 Innleiing"),
                   ("heading", 3, "1.1", "1.1 Bakgrunn"), ("heading", 3, "1.2", "Mål 1.2 Fleire bustader i sentrum"),
                   ("heading", 2, None, "Vedlegg")]


def test_word_numbering_multilevel_restart_and_numbered_headings(tmp_path):
    import docx

    d = docx.Document()
    outline = add_numbering(d, [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")])
    legal = add_numbering(d, [("decimal", "%1"), ("decimal", "%1.%2")])
    numbered(d.add_heading("Innsatsområde", level=1), legal, 0)
    numbered(d.add_heading("Mål for bustad", level=2), legal, 1)
    for text, level in [("Kartleggje bustadbehovet", 0), ("i alle bygder", 1), ("med vekt på unge", 2),
                        ("og eldre", 2), ("Byggje utleigebustader", 0), ("i sentrum", 1)]:
        numbered(d.add_paragraph(text), outline, level)
    numbered(d.add_heading("Mål for arbeid", level=2), legal, 1)
    again = add_numbering(d, None, restart_of=outline)
    numbered(d.add_paragraph("Starte på nytt med ei ny liste"), again, 0)
    numbered(d.add_paragraph("Halde fram i den nye lista"), again, 0)
    d.save(str(tmp_path / "n.docx"))
    got = [(b.kind, b.number, b.text) for b in read_docx(tmp_path / "n.docx")]
    assert got == [("heading", "1", "1 Innsatsområde"), ("heading", "1.1", "1.1 Mål for bustad"),
                   ("bullet", "1.", "Kartleggje bustadbehovet"), ("bullet", "a)", "i alle bygder"),
                   ("bullet", "i.", "med vekt på unge"), ("bullet", "ii.", "og eldre"),
                   ("bullet", "2.", "Byggje utleigebustader"), ("bullet", "a)", "i sentrum"),
                   ("heading", "1.2", "1.2 Mål for arbeid"),
                   ("bullet", "1.", "Starte på nytt med ei ny liste"), ("bullet", "2.", "Halde fram i den nye lista")]


def test_action_plan_table_with_merged_cells_and_repeated_header(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Tiltak", level=1)
    table = d.add_table(rows=6, cols=4)
    rows = [("Nr.", "Ansvarleg", "Tiltak", "Periode"),
            ("Innsatsområde 1 Bustad", "", "", ""),
            ("1.1", "Plan og bygg", "Kartleggje ledige tomter", "2025"),
            ("1.2", "", "Lage ein bustadstrategi", "2026"),
            ("Nr.", "Ansvarleg", "Tiltak", "Periode"),
            ("1.3", "Kultur", "Opne ein møtestad\nfor ungdom", "2025–2026")]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 3))
    table.cell(1, 0).text = "Innsatsområde 1 Bustad"
    merge_down(table, 1, 2, 3)
    d.save(str(tmp_path / "t.docx"))
    got = [(b.kind, b.level, b.number, b.text, b.fields) for b in read_docx(tmp_path / "t.docx")]
    assert got == [
        ("heading", 1, None, "Tiltak", ()),
        ("heading", 2, "1", "Innsatsområde 1 Bustad", ()),
        ("row", None, "1.1", "Kartleggje ledige tomter", (("responsible", "Plan og bygg"), ("period", "2025"))),
        ("row", None, "1.2", "Lage ein bustadstrategi", (("responsible", "Plan og bygg"), ("period", "2026"))),
        ("row", None, "1.3", "Opne ein møtestad for ungdom", (("responsible", "Kultur"), ("period", "2025–2026"))),
    ]


def test_a_heading_numbered_by_word_keeps_the_number_word_shows(tmp_path):
    import docx

    d = docx.Document()
    parts = add_numbering(d, [("upperRoman", "Del %1)")])
    numbered(d.add_heading("Samfunnsdelen", level=1), parts, 0)
    numbered(d.add_heading("Arealdelen", level=1), parts, 0)
    d.save(str(tmp_path / "r.docx"))
    got = [(b.level, b.number, b.text) for b in read_docx(tmp_path / "r.docx")]
    assert got == [(1, "Del I)", "Del I) Samfunnsdelen"), (1, "Del II)", "Del II) Arealdelen")]
