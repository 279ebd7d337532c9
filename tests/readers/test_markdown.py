"""Reading Markdown: front matter, headings, emphasis, links, lists and tables."""

from __future__ import annotations

from luktheme.segments import read_document


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
