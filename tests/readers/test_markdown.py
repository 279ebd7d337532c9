"""Reading Markdown: front matter, headings and their levels, emphasis, links, numbered lists and tables."""

from __future__ import annotations

from luktheme.readers.markdown import read_markdown
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
                   ("row", "Bolyst", "Kartlegge boligbehovet")]


def test_levels_numbers_nested_items_and_action_plan_tables(tmp_path):
    (tmp_path / "n.md").write_text(
        "Plan for kulturliv\n==================\n\n## 2 Innsatsområde\n\nMål 2.1 Fleire møtestader\n"
        "------------------------\n\n1. Opne biblioteket på kveldstid\n   a) i sentrum\n   b) i bygdene\n"
        "2. Lage ein kulturkalender\n\n| Nr | Ansvarleg | Tiltak | Kostnad |\n|---|---|---|---|\n"
        "| 2.1.1 | Kultur | Rehabilitere *scena* i kulturhuset | 1,2 mill. kr |\n"
        "| Nr | Ansvarleg | Tiltak | Kostnad |\n| 2.1.2 | Kultur \\| frivillige | Drifte ungdomsklubben | |\n",
        encoding="utf-8")
    got = [(b.kind, b.level, b.number, b.text, b.fields) for b in read_markdown(tmp_path / "n.md")]
    assert got == [
        ("heading", 1, None, "Plan for kulturliv", ()), ("heading", 2, "2", "2 Innsatsområde", ()),
        ("heading", 2, "2.1", "Mål 2.1 Fleire møtestader", ()),
        ("bullet", None, "1.", "Opne biblioteket på kveldstid", ()), ("bullet", None, "a)", "i sentrum", ()),
        ("bullet", None, "b)", "i bygdene", ()), ("bullet", None, "2.", "Lage ein kulturkalender", ()),
        ("row", None, "2.1.1", "Rehabilitere scena i kulturhuset",
         (("responsible", "Kultur"), ("cost", "1,2 mill. kr"))),
        ("row", None, "2.1.2", "Drifte ungdomsklubben", (("responsible", "Kultur | frivillige"),)),
    ]
