"""Files that cannot be read raise a DocumentError that names the file, the reason and what to do."""

from __future__ import annotations

import pytest

from luktheme.errors import DocumentError
from luktheme.segments import read_document


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, seed_files):
    from PIL import Image, ImageDraw
    from pypdf import PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

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


def test_a_five_megabyte_line_is_read(tmp_path):
    from luktheme.segments import read_document

    f = tmp_path / "one-line.txt"
    f.write_text(" ".join(["Kommunen skal kartlegge boligbehovet i regionen."] * 110_000), encoding="utf-8")
    assert f.stat().st_size > 5_000_000
    measures = read_document(f)
    assert len(measures) == 110_000 and measures[-1].text == "Kommunen skal kartlegge boligbehovet i regionen."


def test_a_docx_decompression_bomb_is_refused_without_reading_it(tmp_path):
    import zipfile

    from luktheme.errors import DocumentError
    from luktheme.readers.docx import MAX_DOCX_UNPACKED
    from luktheme.segments import read_document

    bomb = tmp_path / "bomb.docx"
    chunk = b"<w:t>" + b"a" * (2**20 - 5)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(MAX_DOCX_UNPACKED // 2**20 + 10):
                fh.write(chunk)
    assert bomb.stat().st_size < 2 * 2**20
    with pytest.raises(DocumentError, match="too large: it unpacks to 210 MB"):
        read_document(bomb)


@pytest.mark.parametrize("content, what", [(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20, "a program"),
                                           (b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
                                           (bytes(range(256)) * 40, "a binary file")])
def test_a_binary_file_named_txt_is_reported_as_not_text(tmp_path, content, what):
    from luktheme.errors import DocumentError
    from luktheme.segments import read_document

    f = tmp_path / "plan.txt"
    f.write_bytes(content)
    with pytest.raises(DocumentError, match=f"not a text file: it looks like {what}"):
        read_document(f)


def test_latin1_and_utf8_text_files_are_still_read(tmp_path):
    from luktheme.segments import read_document

    for enc in ("utf-8", "cp1252"):
        f = tmp_path / f"plan-{enc}.txt"
        f.write_bytes("Tiltak\n\n- Kartlegge behovet for bustader i Bø og Førde\n".encode(enc))
        assert [m.text for m in read_document(f)] == ["Kartlegge behovet for bustader i Bø og Førde"]
