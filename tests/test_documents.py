"""Reading documents and finding their measures: formats, encodings, page furniture and faults.

The documents are built by the helpers in ``conftest.py`` from the seed document's own text: the
same document as DOCX (python-docx), HTML (by hand, with page boilerplate around it) and PDF
(reportlab, with a running header and page numbers).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from luktheme.errors import DocumentError
from luktheme.readers import Block, decode_text, find_documents, join_lines, read_blocks, strip_marker
from luktheme.segments import document_text, read_document, segment
from tests.conftest import RUNNING_HEADER, SEED, TITLE, seed_measures, write_html, write_lines_pdf


def test_seed_text_gives_its_81_bullet_measures():
    segments = read_document(SEED)
    bullets = [s.text for s in segments if s.kind == "bullet"]
    assert len(bullets) == 81
    assert bullets == seed_measures()
    texts = {s.text for s in segments}
    # Furniture and lead-ins are not measures.
    assert not texts & {"Til toppen", "Historisk arkiv", "Finnmark fylkeskommune skal:"}
    assert not any("Javascript" in t or t.startswith(("Publisert", "Utgiver")) for t in texts)
    assert {s.heading for s in segments} == {TITLE}
    assert [s.index for s in segments] == list(range(len(segments)))


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_same_document_in_every_format_gives_the_same_measures(seed_files, fmt):
    expected = read_document(seed_files["txt"])
    got = read_document(seed_files[fmt])
    assert [s.text for s in got if s.kind == "bullet"] == seed_measures()
    assert [(s.kind, s.text, s.heading) for s in got] == [(s.kind, s.text, s.heading) for s in expected]
    joined = " ".join(s.text for s in got)
    for noise in ("Skript", "Skjult", "departementene", "Kontakt oss", "Søk i nettstedet", RUNNING_HEADER,
                  "Side 1"):
        assert noise not in joined


def test_pdf_measures_carry_their_pages(seed_files):
    segments = read_document(seed_files["pdf"])
    pages = [s.page for s in segments]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 3
    oppland = next(s for s in segments if s.text.startswith("Tettstedsutvikling på Hadeland"))
    assert oppland.page == pages[-1] or oppland.page == pages[-1] - 1
    assert all(s.page is None for s in read_document(seed_files["docx"]))


@pytest.mark.parametrize("fmt", ["txt", "pdf", "html"])
def test_offsets_point_into_the_document_text(seed_files, fmt):
    blocks = read_blocks(seed_files[fmt])
    text = document_text(blocks)
    segments = segment(blocks, file=str(seed_files[fmt]))
    assert segments and all(text[s.start:s.end] == s.text for s in segments)


# --------------------------------------------------------------------------- PDF details


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


def test_pdf_table_rows_are_measures_with_wrapped_cells_joined(tmp_path):
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()

    def cell(text):
        return Paragraph(text, styles["BodyText"])

    table = Table([["Tiltak", "Ansvar", "Periode"],
                   [cell("Bygge ny turvei langs elva fra sentrum til idrettsanlegget, med belysning og benker"),
                    cell("Teknisk etat"), "2025"],
                   [cell("Kartlegge møteplasser for ungdom"), cell("Kultur og fritid"), "2026–2027"]],
                  colWidths=[250, 110, 80])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(tmp_path / "t.pdf")).build(
        [Paragraph("Handlingsprogram", styles["Heading1"]), cell("Tabellen viser tiltakene i planperioden."),
         table, cell("Tiltakene rulleres hvert år.")])
    got = [(s.kind, s.heading, s.text) for s in read_document(tmp_path / "t.pdf")]
    assert got == [
        ("sentence", "Handlingsprogram", "Tabellen viser tiltakene i planperioden."),
        ("row", "Handlingsprogram", "Bygge ny turvei langs elva fra sentrum til idrettsanlegget, med belysning og "
                                    "benker | Teknisk etat | 2025"),
        ("row", "Handlingsprogram", "Kartlegge møteplasser for ungdom | Kultur og fritid | 2026–2027"),
        ("sentence", "Handlingsprogram", "Tiltakene rulleres hvert år."),
    ]


# --------------------------------------------------------------------------- DOCX and HTML structure


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


def test_html_keeps_visible_text_only_and_reads_tables(tmp_path):
    page = """<html><head><style>p{color:red}</style><script>alert("nei")</script></head><body>
    <nav><a href="/">Forsiden</a> <a href="/plan">Planer og strategier</a></nav>
    <article><h2>Kompetanse</h2><p>Vi skal <b>styrke</b> kompetansen i kommunene.<br>
    Det skjer gjennom samlinger.</p>
    <table><tr><th>Tiltak</th><th>År</th></tr><tr><td>Kurs i planstrategi for politikere</td><td>2025</td></tr></table>
    <p style="display:none">Skjult tekst som ikke skal med.</p></article>
    <footer>Kontakt oss på telefon eller e-post i dag.</footer></body></html>"""
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    got = [(s.kind, s.heading, s.text) for s in read_document(tmp_path / "p.html")]
    assert got == [("sentence", "Kompetanse", "Vi skal styrke kompetansen i kommunene."),
                   ("sentence", "Kompetanse", "Det skjer gjennom samlinger."),
                   ("row", "Kompetanse", "Kurs i planstrategi for politikere | 2025")]


def test_markdown_headings_lists_and_tables(tmp_path):
    (tmp_path / "p.md").write_text(
        "---\ntitle: Plan\n---\n# Bolyst\n\nMålet er **flere** innbyggere i [bygdene](https://x.no).\n\n"
        "Tiltak:\n\n1. Lage en velkomstpakke\n2. Arrangere\n   en årlig tilflytterdag\n\n"
        "| Tiltak | År |\n|---|---|\n| Kartlegge boligbehovet | 2025 |\n", encoding="utf-8")
    got = [(s.kind, s.heading, s.text) for s in read_document(tmp_path / "p.md")]
    assert got == [("sentence", "Bolyst", "Målet er flere innbyggere i bygdene."),
                   ("bullet", "Bolyst", "Lage en velkomstpakke"),
                   ("bullet", "Bolyst", "Arrangere en årlig tilflytterdag"),
                   ("row", "Bolyst", "Kartlegge boligbehovet | 2025")]


# --------------------------------------------------------------------------- text encodings

TEXT = "Tiltak i Bø og Førde\n\nKommunen skal styrke bolysten på Ørland og i Åseral, også for ærfugl."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_files_in_every_norwegian_encoding_give_aeoa(tmp_path, encoding, suffix):
    f = tmp_path / f"plan{suffix}"
    f.write_bytes((TEXT if suffix == ".txt" else "# " + TEXT).encode(encoding))
    segments = read_document(f)
    assert [(s.heading, s.text) for s in segments] == [
        ("Tiltak i Bø og Førde", "Kommunen skal styrke bolysten på Ørland og i Åseral, også for ærfugl.")]


def test_windows_1252_punctuation_and_html_in_latin1(tmp_path):
    assert decode_text("«Bolyst» – tiltak".encode("cp1252")) == "«Bolyst» – tiltak"
    html = write_html(tmp_path / "l.html", [("para", "Kommunen skal styrke bolysten på Ørland og i Åseral.")],
                      encoding="iso-8859-1")
    assert [s.text for s in read_document(html)] == ["Kommunen skal styrke bolysten på Ørland og i Åseral."]


# --------------------------------------------------------------------------- what is not a measure


def test_headings_lead_ins_and_short_fragments_are_not_measures():
    blocks = [Block("heading", "Tiltak"), Block("text", "Tiltak:"), Block("bullet", "Sykkel"),
              Block("text", "Til toppen"), Block("text", "Kommunen skal gjøre dette:"),
              Block("bullet", "Universell utforming"), Block("row", "2024 | 2025")]
    assert [(s.kind, s.text) for s in segment(blocks)] == [("bullet", "Universell utforming")]


def test_marker_and_line_joining_rules():
    assert strip_marker("\uf0b7 Arrangere kurs") == (True, "Arrangere kurs")  # Word's Symbol bullet
    assert strip_marker("a) Kartlegge") == (True, "Kartlegge")
    assert strip_marker("2024 blir et viktig år") == (False, "2024 blir et viktig år")
    assert join_lines(["bygge ny E6-", "trasé"]) == "bygge ny E6-trasé"
    assert join_lines(["kultur-", "eller idrettsanlegg"]) == "kultur- eller idrettsanlegg"


# --------------------------------------------------------------------------- faults


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, seed_files):
    from pypdf import PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image, ImageDraw

    d = tmp_path_factory.mktemp("bad")
    good = seed_files["pdf"].read_bytes()
    (d / "corrupt.pdf").write_bytes(good[: len(good) // 2])
    writer = PdfWriter(clone_from=str(seed_files["pdf"]))
    writer.encrypt("hemmelig")
    with open(d / "encrypted.pdf", "wb") as fh:
        writer.write(fh)
    img = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(img).text((40, 40), "Kommunen skal lage en plan", fill=0)
    c = canvas.Canvas(str(d / "scanned.pdf"), pagesize=A4)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    (d / "empty.docx").write_bytes(b"")
    (d / "notes.pages").write_bytes(b"\x00\x01")
    (d / "not-a-zip.docx").write_bytes(b"this is plain text with a .docx name")
    (d / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("name, message", [
    ("corrupt.pdf", r"corrupt\.pdf: corrupt PDF .*save or print it to a new PDF"),
    ("encrypted.pdf", r"encrypted\.pdf: encrypted PDF: it needs a password"),
    ("scanned.pdf", r"scanned\.pdf: no text layer: run OCR first"),
    ("empty.docx", r"empty\.docx: empty file \(0 bytes\)"),
    ("notes.pages", r"notes\.pages: unsupported file type '\.pages'\. Supported: .*\.docx"),
    ("not-a-zip.docx", r"not-a-zip\.docx: corrupt DOCX"),
    ("blank.txt", r"blank\.txt: no text found"),
])
def test_unreadable_documents_raise_document_error_naming_file_and_reason(bad_files, name, message):
    with pytest.raises(DocumentError, match=message):
        read_document(bad_files / name)


def test_pdf_restricted_by_an_owner_password_only_is_read(seed_files, tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(seed_files["pdf"]))
    writer.encrypt(user_password="", owner_password="eier")  # opens without a password, like many public PDFs
    with open(tmp_path / "restricted.pdf", "wb") as fh:
        writer.write(fh)
    assert [s.text for s in read_document(tmp_path / "restricted.pdf") if s.kind == "bullet"] == seed_measures()


def test_missing_file_and_folder_argument(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.pdf")
    files, problems, skipped = find_documents([tmp_path / "nope.pdf", tmp_path])
    assert files == [] and problems == [(str(tmp_path / "nope.pdf"), "no such file or folder; check the path")]
    with pytest.raises(TypeError, match="not a single path"):
        find_documents(str(tmp_path))


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ("b/2.md", "b/1.txt", "a.pdf", ".hidden/x.txt", "~$lock.docx", "c/bilde.png"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    files, problems, skipped = find_documents([tmp_path / "b" / "1.txt", tmp_path])
    rel = [f.relative_to(tmp_path).as_posix() for f in files]
    assert rel == ["b/1.txt", "a.pdf", "b/2.md"]  # given first, then the folder; each file once
    assert problems == [] and [Path(s).name for s in skipped] == ["bilde.png"]
