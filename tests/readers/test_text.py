"""Reading text files: every encoding Norwegian documents come in."""

from __future__ import annotations

import pytest

from luktheme.readers.text import decode_text
from luktheme.segments import read_document
from tests.conftest import write_html

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


def test_heading_levels_from_numbers_capitals_and_underlines(tmp_path):
    from luktheme.readers.text import read_text

    (tmp_path / "h.txt").write_text(
        "HANDLINGSPROGRAM FOR NÆRINGSLIV\n\n1 Innleiing\n\nKommunen vil ha fleire arbeidsplassar.\n\n"
        "2.1 Attraktive tettstader\n\nTiltak:\n1. Ruste opp torget\n1.2.1 Planleggje ein park\n"
        "a) Kartleggje bruken av sentrum\n   blant unge\n\n2. Dette er eit punkt i ei liste\n\n"
        "Vedlegg\n-------\n\nOversikt over tiltaka.\n", encoding="utf-8")
    got = [(b.kind, b.level, b.number, b.text) for b in read_text(tmp_path / "h.txt")]
    assert got == [("heading", 1, None, "HANDLINGSPROGRAM FOR NÆRINGSLIV"), ("heading", 2, "1", "1 Innleiing"),
                   ("text", None, None, "Kommunen vil ha fleire arbeidsplassar."),
                   ("heading", 3, "2.1", "2.1 Attraktive tettstader"), ("text", None, None, "Tiltak:"),
                   ("bullet", None, "1.", "Ruste opp torget"), ("bullet", None, "1.2.1", "Planleggje ein park"),
                   ("bullet", None, "a)", "Kartleggje bruken av sentrum blant unge"),
                   ("bullet", None, "2.", "Dette er eit punkt i ei liste"), ("heading", 2, None, "Vedlegg"),
                   ("text", None, None, "Oversikt over tiltaka.")]
