"""Files that cannot be read raise a DocumentError that names the file, the reason and what to do."""

from __future__ import annotations

import pytest

from luktheme.errors import DocumentError
from luktheme.segments import read_document


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
