"""PDF list items whose bullet is a glyph of a symbol font (Word's Symbol and Wingdings bullets)."""

from __future__ import annotations

import pytest

from luktheme.readers import read_blocks
from luktheme.segments import read_document
from tests.conftest import TITLE, seed_blocks, seed_measures
from tests.zoo.pdf_documents import Sheet

ITEMS = ["Etablere et fast samarbeidsforum for planleggerne i regionen, med to samlinger i året og et felles "
         "nettsted for erfaringer og gode eksempler",
         "Kartlegging av ledige boliger og tomter i alle bygdene"]

#: (marker, face): private-use code points, a control character, the replacement character and plain
#: letters of a symbol font, and a lone letter of a text font set apart from the text.
VARIANTS = [("\uf0b7", "Symbol"), ("\uf0a7", "Symbol"), ("\uf076", "Symbol"), ("\uf0d8", "Symbol"),
            ("\uf0fc", "Symbol"), ("\x7f", "Symbol"), ("\ufffd", "Symbol"), ("§", "Symbol"), ("Ø", "Symbol"),
            ("ü", "Symbol"), ("q", "Symbol"), ("v", "Symbol"), ("o", "Symbol"), ("n", "ZapfDingbats"),
            ("o", "Helvetica"), ("\uf0b7", "Helvetica")]


@pytest.mark.parametrize("marker, face", VARIANTS, ids=[f"{face}-U+{ord(m):04X}" for m, face in VARIANTS])
def test_a_symbol_font_bullet_opens_an_item_that_its_wrapped_lines_continue(tmp_path, marker, face):
    sheet = Sheet(tmp_path / "s.pdf")
    sheet.heading("Tiltak for bolyst", 15)
    sheet.text("Kommunen skal:")
    for text in ITEMS:
        sheet.item(text, marker, face=face, marker_size=14)
    sheet.text("Tiltakene følges opp i handlingsdelen hvert år.")
    blocks = read_blocks(sheet.save())
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Tiltak for bolyst"), ("text", "Kommunen skal:"), ("bullet", ITEMS[0]), ("bullet", ITEMS[1]),
        ("text", "Tiltakene følges opp i handlingsdelen hvert år.")]


def test_a_section_sign_before_a_number_is_a_reference_not_a_bullet(tmp_path):
    sheet = Sheet(tmp_path / "s.pdf")
    sheet.text("Planen er laget etter", after=0)
    sheet.c.setFont("Helvetica", 10.5)
    sheet.y -= 14
    sheet.c.drawString(72, sheet.y, "§")
    sheet.c.drawString(82, sheet.y, "11-1 i plan- og bygningsloven.")
    assert [(b.kind, b.text) for b in read_blocks(sheet.save())] == [
        ("text", "Planen er laget etter § 11-1 i plan- og bygningsloven.")]


def test_a_symbol_font_bullet_list_in_a_pdf_gives_whole_measures(tmp_path):
    # The seed page with Word's Symbol bullet (U+F0B7), set larger than the text, items wrapped.
    sheet = Sheet(tmp_path / "seed.pdf", size=10, leading=13)
    for kind, text in seed_blocks():
        if kind == "heading":
            sheet.heading(text, 16)
        elif kind == "bullet":
            sheet.item(text, "\uf0b7", face="Symbol", marker_size=13)
        else:
            sheet.text(text)
    segments = read_document(sheet.save())
    bullets = [s.text for s in segments if s.kind == "bullet"]
    assert len(bullets) == 81
    assert bullets == seed_measures()
    assert TITLE not in [s.text for s in segments]
