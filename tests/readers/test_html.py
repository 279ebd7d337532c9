"""Reading web pages: visible text only, heading levels, ordered and nested lists, action-plan tables."""

from __future__ import annotations

from luktheme.readers.html import read_html
from luktheme.segments import read_document


def test_html_keeps_visible_text_only_and_reads_tables(tmp_path):
    page = """<html><head><style>p{color:red}</style><script>alert("nei")</script></head><body>
    <nav><a href="/">Forsiden</a> <a href="/plan">Planer og strategier</a></nav>
    <article><h2>Kompetanse</h2><p>Vi skal <b>styrke</b> kompetansen i kommunene.<br>
    Det skjer gjennom samlinger.</p>
    <table><tr><th>Tiltak</th><th>År</th></tr><tr><td>Kurs i planstrategi for politikere</td><td>2025</td></tr></table>
    <p style="display:none">Skjult tekst som ikke skal med.</p></article>
    <footer>Kontakt oss på telefon eller e-post i dag.</footer></body></html>"""
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    got = [(s.kind, s.heading, s.text) for s in read_document(tmp_path / "p.html")]
    assert got == [("sentence", "Kompetanse", "Vi skal styrke kompetansen i kommunene."),
                   ("sentence", "Kompetanse", "Det skjer gjennom samlinger."),
                   ("row", "Kompetanse", "Kurs i planstrategi for politikere")]
    row = read_html(tmp_path / "p.html")[-1]
    assert (row.text, row.fields) == ("Kurs i planstrategi for politikere", (("period", "2025"),))


def test_heading_levels_and_numbers_of_ordered_and_nested_lists(tmp_path):
    page = """<main><h1>Plan for folkehelse</h1><h2>2 Innsatsområde</h2><h3>Mål 2.1 Aktive barn</h3>
    <ol start="3"><li>Byggje nærmiljøanlegg<ol type="a"><li>ved skulane</li><li>i bygdene</li></ol></li>
    <li value="7">Gje tilskot til lag</li><li>Lage turkart</li></ol>
    <ol type="i"><li>Kartleggje</li><li><p>Følgje opp</p></li></ol>
    <ul><li>Utan nummer<ul><li>Nivå to</li></ul></li></ul></main>"""
    (tmp_path / "l.html").write_text(page, encoding="utf-8")
    got = [(b.kind, b.level, b.number, b.text) for b in read_html(tmp_path / "l.html")]
    assert got == [("heading", 1, None, "Plan for folkehelse"), ("heading", 2, "2", "2 Innsatsområde"),
                   ("heading", 3, "2.1", "Mål 2.1 Aktive barn"),
                   ("bullet", None, "3.", "Byggje nærmiljøanlegg"), ("bullet", None, "a.", "ved skulane"),
                   ("bullet", None, "b.", "i bygdene"), ("bullet", None, "7.", "Gje tilskot til lag"),
                   ("bullet", None, "8.", "Lage turkart"), ("bullet", None, "i.", "Kartleggje"),
                   ("bullet", None, "ii.", "Følgje opp"),
                   ("bullet", None, None, "Utan nummer"), ("bullet", None, None, "Nivå to")]


def test_action_plan_table_with_rowspan_colspan_and_repeated_header(tmp_path):
    page = """<main><h2>Tiltak</h2><table><thead><tr><th colspan="3">Tiltak for bustad</th></tr>
    <tr><th>Ansvarleg</th><th>Tiltak</th><th>Tidsrom</th></tr></thead><tbody>
    <tr><td rowspan="2">Plan og bygg</td><td><p>Kartleggje</p><p>ledige tomter</p></td><td>2025</td></tr>
    <tr><td>Lage ein bustadstrategi</td><td>2026</td></tr>
    <tr><td colspan="3">Innsatsområde 2 Arbeid</td></tr>
    <tr><th>Ansvarleg</th><th>Tiltak</th><th>Tidsrom</th></tr>
    <tr><td>Næring</td><td>Starte eit gründernettverk</td><td>2025–2027</td></tr></tbody></table></main>"""
    (tmp_path / "t.html").write_text(page, encoding="utf-8")
    got = [(b.kind, b.level, b.text, b.fields) for b in read_html(tmp_path / "t.html")]
    assert got == [
        ("heading", 2, "Tiltak", ()),
        ("text", None, "Tiltak for bustad", ()),
        ("row", None, "Kartleggje ledige tomter", (("responsible", "Plan og bygg"), ("period", "2025"))),
        ("row", None, "Lage ein bustadstrategi", (("responsible", "Plan og bygg"), ("period", "2026"))),
        ("heading", 3, "Innsatsområde 2 Arbeid", ()),
        ("row", None, "Starte eit gründernettverk", (("responsible", "Næring"), ("period", "2025–2027"))),
    ]
