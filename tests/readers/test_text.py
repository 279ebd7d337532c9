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
