"""Shared fixtures and document builders: small inline data, and the seed document written as DOCX, HTML and PDF."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from luktheme.seed import read_seed


# Small inline data in both written standards, as the spec's themes read them.
TOY = [
    ("Kurs i planstrategi for kommunale planleggere", ["planstrategi", "kompetanseheving"]),
    ("Arrangere årlege kurs i kommuneplanarbeid for kommunane", ["planstrategi", "kompetanseheving"]),
    ("Statistikk om folketal og flytting i regionen", ["bolyst", "statistikk"]),
    ("Analyse av tilflytting og fraflytting i kommunene", ["bolyst", "statistikk"]),
    ("Asfaltere fylkesvegen forbi skolen", []),
    ("Nytt budsjett for drift av sykehjemmet", []),
    ("Opprusting av torget og parken i sentrum", ["stedsutvikling"]),
    ("Nye møteplassar og benker i sentrum av tettstaden", ["stedsutvikling"]),
    ("Velkomstpakke til nye innbyggjarar i bygda", ["bolyst"]),
    ("Omdømmeprosjekt for å få unge til å bli boende", ["bolyst"]),
    ("Fagsamling og nettverk for erfaringsutveksling", ["kompetanseheving"]),
    ("Kartlegging av bustadbehov og utviklingstrekk", ["statistikk"]),
]


@pytest.fixture
def toy():
    texts = [t for t, _ in TOY] * 2
    labels = [lab for _, lab in TOY] * 2
    return texts, labels


@pytest.fixture(scope="session")
def tagger():
    import luktheme

    return luktheme.load()


@pytest.fixture(scope="session")
def nlp():
    """The bundled Norwegian pipeline, as :func:`luktheme.nlp.load_nlp` gives it."""
    from luktheme.nlp import load_nlp

    return load_nlp()


ROWS = [
    ("Kurs i planstrategi for kommunane", ["planstrategi", "kompetanseheving"]),
    ("Opplæring i kommuneplanens samfunnsdel", ["planstrategi", "kompetanseheving"]),
    ("Nytt torg i sentrum", ["stedsutvikling"]),
    ("Opprusting av parken i tettstaden", ["stedsutvikling"]),
    ("Asfaltere fylkesvegen", []),
    ("Ny ferjekai", []),
    ("Statistikk om flytting", ["statistikk", "bolyst"]),
    ("Analyse av folketalsutviklinga", ["statistikk", "bolyst"]),
    ("Velkomstpakke til tilflyttarar", ["bolyst"]),
    ("Fagsamling for saksbehandlere", ["kompetanseheving"]),
]


@pytest.fixture
def labels(tmp_path):
    path = tmp_path / "labels.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, (text, labs) in enumerate(ROWS * 2):
            out.write(json.dumps({"id": f"r{i}", "text": text, "labels": labs, "group": f"g{i % 5}"}) + "\n")
    return path


# ---------------------------------------------------------------- documents

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "luk-2011-fylkeskommunene.txt"
TITLE = "Hvordan fylkeskommunene arbeider med LUK i 2011"
RUNNING_HEADER = "Kommunal- og regionaldepartementet – LUK 2011"


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_blocks() -> list[tuple[str, str]]:
    """The seed document as (kind, text): its title, paragraphs (one per line) and bullets."""
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        text = _fold(line)
        if not text:
            continue
        if text.startswith("•"):
            out.append(("bullet", text[1:].strip()))
        elif text == TITLE:
            out.append(("heading", text))
        else:
            out.append(("para", text))
    return out


def write_docx(path: Path, blocks: list[tuple[str, str]]) -> Path:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = RUNNING_HEADER  # must not be read
    for kind, text in blocks:
        if kind == "heading":
            d.add_heading(text, level=1)
        elif kind == "bullet":
            d.add_paragraph(text, style="List Bullet")
        else:
            d.add_paragraph(text)
    d.save(str(path))
    return path


def write_html(path: Path, blocks: list[tuple[str, str]], encoding: str = "utf-8") -> Path:
    body, in_list = [], False
    for kind, text in blocks:
        if kind == "bullet" and not in_list:
            body.append("<ul>")
            in_list = True
        if kind != "bullet" and in_list:
            body.append("</ul>")
            in_list = False
        tag = {"heading": "h1", "bullet": "li", "para": "p"}[kind]
        body.append(f"<{tag}>{escape(text)}</{tag}>")
    if in_list:
        body.append("</ul>")
    html = f"""<!DOCTYPE html>
<html lang="no"><head><meta charset="{encoding}"><title>LUK 2011 - regjeringen.no</title>
<style>body {{ font-family: sans-serif; }} .x::after {{ content: "Skjult stil"; }}</style>
<script>var meny = "Skript som ikke skal leses";</script></head>
<body>
<header><a href="/">Regjeringen.no</a><p>Søk i nettstedet og finn tjenester for kommunene</p></header>
<nav><ul><li>Aktuelt fra departementene</li><li>Tema og politikkområder</li></ul></nav>
<main>
{chr(10).join(body)}
</main>
<div hidden><p>Skjult avsnitt som ikke vises for leseren.</p></div>
<footer><p>Kontakt oss om nettstedet og personvernet ditt.</p><p>Til toppen</p></footer>
<script>console.log("heller ikke dette");</script>
</body></html>"""
    path.write_bytes(html.encode(encoding))
    return path


def write_pdf(path: Path, blocks: list[tuple[str, str]], repeat: int = 1) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=6)
    story = []
    for _ in range(repeat):
        for kind, text in blocks:
            if kind == "heading":
                story.append(Paragraph(escape(text), styles["Heading1"]))
            elif kind == "bullet":
                story.append(Paragraph(escape(text), bullet, bulletText="•"))
            else:
                story.append(Paragraph(escape(text), body))

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, RUNNING_HEADER)
        canvas.drawRightString(A4[0] - 72, 30, f"Side {doc.page}")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_lines_pdf(path: Path, pages: list[list[str]], header: str | None = None) -> Path:
    """A PDF with the given lines drawn one under the other, to control line breaks exactly."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        if header:
            c.setFont("Helvetica", 8)
            c.drawString(72, A4[1] - 40, header)
            c.drawCentredString(A4[0] / 2, 30, f"{number}")
        c.setFont("Helvetica", 11)
        y = A4[1] - 90
        for line in lines:
            if line:
                c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("seed")
    blocks = seed_blocks()
    return {
        "txt": SEED,
        "docx": write_docx(d / "luk-2011.docx", blocks),
        "html": write_html(d / "luk-2011.html", blocks),
        "pdf": write_pdf(d / "luk-2011.pdf", blocks),
    }


def seed_measures() -> list[str]:
    return [_fold(u.text) for u in read_seed() if u.kind == "tiltak"]


# --------------------------------------------------------------------------- the seed document


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """A folder of good documents, one in a subfolder, and a folder of bad ones."""
    root = tmp_path_factory.mktemp("plans")
    good = root / "good"
    (good / "2011").mkdir(parents=True)
    blocks = seed_blocks()
    write_pdf(good / "a-luk.pdf", blocks)
    write_docx(good / "b-luk.docx", blocks)
    write_html(good / "2011" / "c-luk.html", blocks)
    shutil.copy(SEED, good / "d-luk.txt")
    (good / "e-kort.md").write_text("# Bolyst\n\n- Lage en velkomstpakke for nye innbyggere\n", encoding="utf-8")
    (good / "logo.png").write_bytes(b"\x89PNG")
    bad = root / "bad"
    bad.mkdir()
    data = (good / "a-luk.pdf").read_bytes()
    (bad / "corrupt.pdf").write_bytes(data[: len(data) // 3])
    (bad / "empty.txt").write_bytes(b"")
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(good / "a-luk.pdf"))
    writer.encrypt("hemmelig")
    with open(bad / "encrypted.pdf", "wb") as fh:
        writer.write(fh)
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(bad / "scanned.pdf"))
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(Image.new("L", (200, 280), 200)), 0, 0, width=595, height=842)
    c.showPage()
    c.save()
    (root / "notat.odt").write_bytes(b"PK")
    return root
