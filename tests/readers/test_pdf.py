"""Reading PDF files: hyphenation, running headers and page numbers, bullets, tables, passwords."""

from __future__ import annotations

import re

import pytest

from luktheme.readers import read_blocks
from luktheme.segments import read_document
from tests.conftest import seed_measures, write_lines_pdf


def test_pdf_hyphenation_across_line_breaks_is_joined(tmp_path):
    pdf = write_lines_pdf(tmp_path / "h.pdf", [[
        "Kommunen skal gjennomføre tiltak for kompetanse-",
        "heving i alle virksomheter i regionen.",
        "",
        "Fylket skal styrke regional nærings-",
        "og samfunnsutvikling i Nord-",
        "Troms og arbeide med LUK-",
        "arbeidet i kommunene.",
    ]])
    texts = [s.text for s in read_document(pdf)]
    assert texts == [
        "Kommunen skal gjennomføre tiltak for kompetanseheving i alle virksomheter i regionen.",
        "Fylket skal styrke regional nærings- og samfunnsutvikling i Nord-Troms og arbeide med "
        "LUK-arbeidet i kommunene.",
    ]


def test_pdf_running_headers_and_page_numbers_are_not_measures(tmp_path):
    header = "Kommuneplanens samfunnsdel 2024–2036 | Eksempel kommune"
    pages = [[f"Kommunen skal etablere tiltak nummer {p} for bedre bomiljø i sentrum.",
              "", "• Kartlegge boligbehovet for unge voksne i kommunen."] for p in range(1, 5)]
    pdf = write_lines_pdf(tmp_path / "f.pdf", pages, header=header)
    segments = read_document(pdf)
    assert [s.page for s in segments] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert all(header not in s.text and not re.fullmatch(r"\d+", s.text) for s in segments)
    assert [s.kind for s in segments[:2]] == ["sentence", "bullet"]


@pytest.mark.parametrize("body_size, bullet_size", [(10, 10), (9.5, 13)], ids=["same-size", "large-glyph"])
def test_pdf_bullet_continues_on_its_indented_lines_and_stops_at_the_paragraph(tmp_path, body_size, bullet_size):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=body_size, leading=body_size * 1.25,
                          spaceBefore=6)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=6, bulletFontSize=bullet_size)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=6)
    SimpleDocTemplate(str(tmp_path / "b.pdf")).build([
        Paragraph("Tiltak for bolyst", head),
        Paragraph("Kommunen skal:", body),
        Paragraph("Etablere en velkomstordning for nye innbyggere som flytter til kommunen, med informasjon om "
                  "bolig, arbeid, barnehage og fritidstilbud i alle bygdene", bullet, bulletText="•"),
        Paragraph("Arbeidet følges opp i kommuneplanens handlingsdel hvert år.", body),
    ])
    segments = read_document(tmp_path / "b.pdf")
    assert [(s.kind, s.heading) for s in segments] == [("bullet", "Tiltak for bolyst"),
                                                       ("sentence", "Tiltak for bolyst")]
    assert segments[0].text.endswith("fritidstilbud i alle bygdene")


def _table_pdf(path, header):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()

    def cell(text):
        return Paragraph(text, styles["BodyText"])

    table = Table([header,
                   [cell("Bygge ny turvei langs elva fra sentrum til idrettsanlegget, med belysning og benker"),
                    cell("Teknisk etat"), "2025"],
                   [cell("Kartlegge møteplasser for ungdom"), cell("Kultur og fritid"), "2026–2027"]],
                  colWidths=[250, 110, 80])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path)).build(
        [Paragraph("Handlingsprogram", styles["Heading1"]), cell("Tabellen viser tiltakene i planperioden."),
         table, cell("Tiltakene rulleres hvert år.")])
    return path


def test_pdf_action_plan_table_rows_are_measures_with_their_cells_by_role(tmp_path):
    pdf = _table_pdf(tmp_path / "t.pdf", ["Tiltak", "Ansvar", "Periode"])
    got = [(s.kind, s.heading, s.text) for s in read_document(pdf)]
    assert got == [
        ("sentence", "Handlingsprogram", "Tabellen viser tiltakene i planperioden."),
        ("row", "Handlingsprogram", "Bygge ny turvei langs elva fra sentrum til idrettsanlegget, med belysning og "
                                    "benker"),
        ("row", "Handlingsprogram", "Kartlegge møteplasser for ungdom"),
        ("sentence", "Handlingsprogram", "Tiltakene rulleres hvert år."),
    ]
    rows = [b for b in read_blocks(pdf) if b.kind == "row"]
    assert [(b.field("responsible"), b.field("period")) for b in rows] == [("Teknisk etat", "2025"),
                                                                          ("Kultur og fritid", "2026–2027")]


def test_pdf_table_without_an_action_plan_header_keeps_its_cells_joined(tmp_path):
    pdf = _table_pdf(tmp_path / "t.pdf", ["Prosjekt", "Eining", "Tid"])
    assert [s.text for s in read_document(pdf) if s.kind == "row"] == [
        "Bygge ny turvei langs elva fra sentrum til idrettsanlegget, med belysning og benker | Teknisk etat | 2025",
        "Kartlegge møteplasser for ungdom | Kultur og fritid | 2026–2027"]


def test_pdf_restricted_by_an_owner_password_only_is_read(seed_files, tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(seed_files["pdf"]))
    writer.encrypt(user_password="", owner_password="eier")  # opens without a password, like many public PDFs
    with open(tmp_path / "restricted.pdf", "wb") as fh:
        writer.write(fh)
    assert [s.text for s in read_document(tmp_path / "restricted.pdf") if s.kind == "bullet"] == seed_measures()
