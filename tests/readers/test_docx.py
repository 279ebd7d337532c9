"""Reading Word documents: paragraphs, list items and table cells in document order."""

from __future__ import annotations

from luktheme.segments import read_document


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
        ("row", "Bygge ny turvei langs elva | Teknisk etat | 2025"),
        ("row", "Kartlegge møteplasser for ungdom | Kultur | 2026"),
        ("bullet", "Skilte stiene i Valdres bedre"),
    ]
