"""PDF layout: heading levels and numbers, action-plan tables over pages, two columns, furniture."""

from __future__ import annotations

from luktheme.readers import read_blocks
from tests.zoo import pdf_documents as docs


def _blocks(build, tmp_path, name):
    return read_blocks(build(tmp_path / name))


def test_pdf_headings_get_levels_by_size_and_numbering_and_items_keep_their_numbers(tmp_path):
    blocks = _blocks(docs.numbered_headings, tmp_path, "n.pdf")
    assert [(b.level, b.number, b.text) for b in blocks if b.kind == "heading"] == [
        (1, None, "Handlingsdel 2025–2028"), (2, "1", "Innsatsområde 1 Gode bomiljø"),
        (3, "1.1", "Mål 1.1 Trygge nærmiljø"), (2, "2", "Innsatsområde 2 Levende sentrum"),
        (3, "2.1", "Mål 2.1 Flere besøkende i sentrum")]
    assert [(b.number, b.text.split()[0]) for b in blocks if b.kind == "bullet"] == [
        ("1.1.1", "Etablere"), ("1.1.2", "Kartlegging"), ("a)", "Arrangere"), ("b)", "Utvide"),
        ("i.", "Utarbeide"), ("ii.", "Etablere")]


def test_pdf_action_plan_table_over_two_pages_with_its_header_repeated_and_a_row_split(tmp_path):
    rows = [b for b in _blocks(docs.action_plan_repeated_header, tmp_path, "h.pdf") if b.kind == "row"]
    assert [b.number for b in rows] == ["2.1", "2.2", "2.3", "2.4"]
    assert rows[3].text == "Kartlegging av behovet for utleieboliger for unge"
    assert dict(rows[3].fields) == {"responsible": "Plan og utvikling", "partners": "Husbanken", "period": "2025",
                                    "cost": "Innenfor ramme"}


def test_pdf_action_plan_table_in_nynorsk_without_repeated_header(tmp_path):
    rows = [b for b in _blocks(docs.action_plan_nynorsk, tmp_path, "n.pdf") if b.kind == "row"]
    assert [b.text for b in rows][2] == ("Kartlegging av tomme hus og fritidsbustader som kan bli heilårsbustader "
                                         "i alle krinsane")
    assert [b.field("responsible") for b in rows] == ["Kommunalteknikk", "Plan og miljø", "Plan og miljø",
                                                      "Næring og kultur"]


def test_pdf_two_column_page_is_read_left_column_first(tmp_path):
    blocks = _blocks(docs.two_columns, tmp_path, "t.pdf")
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Strategi for sentrumsutvikling i Elvestad", "Bakgrunn", "Tiltak"]
    assert [b.kind for b in blocks] == ["heading", "heading", "text", "text", "heading", "bullet", "bullet", "bullet"]


def test_pdf_contents_footnotes_and_note_markers_are_not_text(tmp_path):
    blocks = _blocks(docs.contents_and_footnotes, tmp_path, "c.pdf")
    texts = " ".join(b.text for b in blocks)
    assert "Statistisk sentralbyrå" not in texts and "skolebruksplanen" not in texts
    assert "siden 2015 og" in texts and "skolekretser" in texts and "skolekretser3" not in texts
    assert not any(b.kind == "row" for b in blocks)


def test_pdf_running_headers_by_page_side_and_margin_page_numbers_are_dropped(tmp_path):
    blocks = _blocks(docs.running_headers_by_side, tmp_path, "r.pdf")
    texts = [b.text for b in blocks]
    assert not any("Boligsosial plan" in t or t.startswith("Del ") or t.isdigit() for t in texts)
    blocks = _blocks(docs.plain_table_and_margin_numbers, tmp_path, "p.pdf")
    assert not any(b.text.isdigit() for b in blocks)
    assert [b.text for b in blocks if b.kind == "row"][0] == "Nordbygda | 1 240 | 610"
