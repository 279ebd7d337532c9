"""Reading web pages: visible text only, and tables."""

from __future__ import annotations

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
                   ("row", "Kompetanse", "Kurs i planstrategi for politikere | 2025")]
