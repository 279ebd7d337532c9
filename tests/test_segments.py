"""Finding a document's measures: the seed document in every format, pages, offsets, what is no measure.

The documents are built by the helpers in ``conftest.py`` from the seed document's own text: the
same document as DOCX (python-docx), HTML (by hand, with page boilerplate around it) and PDF
(reportlab, with a running header and page numbers).
"""

from __future__ import annotations

import pytest

from luktheme.readers import Block, read_blocks
from luktheme.segments import document_text, read_document, segment
from tests.conftest import RUNNING_HEADER, SEED, TITLE, seed_measures


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


def test_headings_lead_ins_and_short_fragments_are_not_measures():
    blocks = [Block("heading", "Tiltak"), Block("text", "Tiltak:"), Block("bullet", "Sykkel"),
              Block("text", "Til toppen"), Block("text", "Kommunen skal gjøre dette:"),
              Block("bullet", "Universell utforming"), Block("row", "2024 | 2025")]
    assert [(s.kind, s.text) for s in segment(blocks)] == [("bullet", "Universell utforming")]


def test_section_paths_follow_heading_levels():
    from luktheme.readers import Block
    from luktheme.segments import segment

    blocks = [Block("heading", "Handlingsprogram 2025–2028", level=1),
              Block("heading", "Innsatsområde 1 Bolyst", level=2, number="1"),
              Block("heading", "Mål 1.1 Fleire unge busette", level=3, number="1.1"),
              Block("bullet", "Fleire unge skal velje å bu i kommunen"),
              Block("heading", "Tiltak", level=3),
              Block("bullet", "Etablere ei velkomstteneste", number="1.1.1"),
              Block("heading", "Innsatsområde 2 Attraktive tettstader", level=2, number="2"),
              Block("row", "Opprusting av torget", fields=(("responsible", "Kommunen"), ("period", "2026")))]
    rows = segment(blocks)
    assert [r.section for r in rows] == [
        "Handlingsprogram 2025–2028 > Innsatsområde 1 Bolyst > Mål 1.1 Fleire unge busette",
        "Handlingsprogram 2025–2028 > Innsatsområde 1 Bolyst > Tiltak",
        "Handlingsprogram 2025–2028 > Innsatsområde 2 Attraktive tettstader"]
    assert [r.role for r in rows] == ["mål", "tiltak", "tiltak"]
    assert [r.number for r in rows] == [None, "1.1.1", None]
    assert (rows[2].responsible, rows[2].period, rows[2].partners) == ("Kommunen", "2026", "")


def test_headings_without_a_level_sit_under_the_title():
    from luktheme.readers import Block
    from luktheme.segments import segment

    blocks = [Block("heading", "Kommuneplan for Vinje"), Block("heading", "Bustader"),
              Block("bullet", "Kartlegge tomtebehovet"), Block("heading", "Sentrum"),
              Block("bullet", "Opprusting av torget")]
    assert [r.section for r in segment(blocks)] == ["Kommuneplan for Vinje > Bustader", "Kommuneplan for Vinje > Sentrum"]
