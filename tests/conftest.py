"""Shared fixtures and builders: small inline data, the seed document written as DOCX, HTML and PDF, the
texts to label as `luktheme tag` writes them, and labeled rows and checks for the figures."""

from __future__ import annotations

import csv
import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from luktheme.labeling import Item
from luktheme.seed import read_seed
from luktheme.taxonomy import THEMES


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


# --------------------------------------------------------------------------- document folders


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


# --------------------------------------------------------------------------- labeling

#: Every theme's threshold at 0.5.
CUT = dict.fromkeys(THEMES, 0.5)

# Rows as `luktheme tag` writes them: one per measure found in a plan document.
TAG_ROWS = [
    ("plan-a.pdf", 3, "Tiltak", 0, "Kurs i planstrategi, arealdel og samfunnsdel for kommunane"),
    ("plan-a.pdf", 3, "Tiltak", 1, "Nytt torg og møteplass i sentrum"),
    ("plan-a.pdf", 4, "Tiltak", 2, "Asfaltere fylkesvegen forbi skolen"),
    ("plan-b.docx", 1, "Mål", 0, "Analyse av tilflytting og fraflytting i regionen"),
    ("plan-b.docx", 2, "Mål", 1, "Velkomstpakke til nye innbyggjarar"),
    ("plan-b.docx", 2, "Mål", 2, "Fagsamling for saksbehandlere i kommunene"),
]


def write_tag_output(path, rows=TAG_ROWS, delimiter=","):
    """``rows`` written as the table of `luktheme tag`: JSON Lines for a .jsonl path, else CSV."""
    columns = ["file", "page", "heading", "index", "text", "themes", *THEMES, *(f"score_{t}" for t in THEMES)]
    records = [dict(zip(columns[:5], row), themes="", **dict.fromkeys(THEMES, 0),
                    **{f"score_{t}": 0.1 for t in THEMES}) for row in rows]
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, columns, delimiter=delimiter)
            writer.writeheader()
            writer.writerows(records)
    return path


def scored(item_id, source="doc", **scores):
    """An item scored 0 for every theme but those given, with every threshold at 0.5."""
    return Item(item_id, f"text {item_id}", source, scores={**dict.fromkeys(THEMES, 0.0), **scores},
                thresholds=CUT)


# --------------------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def rows():
    """Labeled rows with the fields the figures group by: lang, origin, group, kind and (the first six) county."""
    from luktheme import Example

    counties = ["Troms", "Troms", "Nordland"]
    return [Example(f"r{i}", text, tuple(t for t in THEMES if t in labels),
                    {"lang": "nn" if i % 2 else "nb", "origin": "seed" if i < 6 else "written",
                     "group": f"g{i % 4}", "kind": "tiltak", **({"county": counties[i % 3]} if i < 6 else {})})
            for i, (text, labels) in enumerate(TOY * 2)]


def face_colours(artists) -> set[str]:
    """The fill colours of ``artists`` as hex strings."""
    import matplotlib.colors as mcolors

    return {mcolors.to_hex(a.get_facecolor()) for a in artists}


def check_closed_titled_figure(draw) -> None:
    """``draw()`` returns a figure that is closed in pyplot, has a title and renders."""
    import matplotlib
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = draw()
    assert isinstance(fig, matplotlib.figure.Figure)
    # Closed in pyplot: a notebook shows it once (as the cell's value), and loops don't pile figures up.
    assert plt.get_fignums() == before
    titles = [ax.get_title() for ax in fig.axes] + ([fig._suptitle.get_text()] if fig._suptitle else [])
    assert any(titles)
    fig.canvas.draw()  # renders without error


@pytest.fixture
def model_copy(tmp_path):
    """A copy of the bundled model folder, to damage or replace."""
    from luktheme._paths import models_dir
    from luktheme.storage import DEFAULT_MODEL

    dst = tmp_path / "model"
    shutil.copytree(models_dir() / DEFAULT_MODEL, dst)
    return dst


def make_plan(folder, name="plan.md", line="Kartlegge boligbehovet i kommunen"):
    """A one-measure Markdown plan ``folder/name``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"# Tiltak\n\n- {line}\n", encoding="utf-8")
    return path
