"""Web pages of the zoo: page furniture around the plan, ordered and nested lists, tables with ``<thead>``,
``colspan`` and ``rowspan``."""

from __future__ import annotations

from pathlib import Path

from tests.zoo import document

_FURNITURE_TOP = """<header class="site-header"><a href="/">Forsida</a>
<form role="search"><input name="q"><button>Søk</button></form></header>
<nav aria-label="Hovudmeny"><ul><li><a href="/tenester">Tenester</a></li><li><a href="/politikk">Politikk</a></li>
<li><a href="/planar">Planar og strategiar</a></li></ul></nav>
<div class="cookie-consent"><p>Vi bruker informasjonskapsler for å forbedre nettstedet.</p></div>
<ol class="breadcrumbs"><li>Forsida</li><li>Planar</li></ol>"""

_FURNITURE_BOTTOM = """<footer><p>Postadresse: Rådhuset, 9999 Bygda</p><p>Telefon 12 34 56 78</p>
<ul><li>Personvern</li><li>Tilgjengelegheitserklæring</li></ul></footer>"""


def _page(path: Path, title: str, main: str, lang: str = "nn") -> Path:
    path.write_text(f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ margin: 0 auto; }}</style><script>window.meny = "skal ikkje lesast";</script></head>
<body>{_FURNITURE_TOP}
<main>{main}</main>
{_FURNITURE_BOTTOM}</body></html>""", encoding="utf-8")
    return path


@document("handlingsplan-sentrum.html")
def handlingsplan_sentrum(path: Path) -> Path:
    """Bokmål: h1 to h3, an ordered list with a nested list of letters, a bullet list with a nested list."""
    return _page(path, "Handlingsplan for sentrum", """
<h1>Handlingsplan for sentrum 2025–2027</h1>
<p>Sentrum har mistet flere butikker de siste årene. Handlingsplanen er utarbeidet sammen med gårdeierne.</p>
<h2>Innsatsområde 1 Handel og service</h2>
<h3>Mål 1.1 Et levende handelssentrum</h3>
<p>Målet er at ingen lokaler på gateplan står tomme lenger enn ett år.</p>
<h3>Tiltak</h3>
<p>Kommunen skal:</p>
<ol>
  <li>Innføre gratis parkering de to første timene</li>
  <li>Etablere en sentrumsleder i delt stilling med næringsforeningen
    <ol type="a"><li>Lyse ut stillingen våren 2025</li><li>Evaluere ordningen etter to år</li></ol>
  </li>
  <li>Arrangere sommermarked hver lørdag i juli</li>
</ol>
<h2>Innsatsområde 2 Møteplasser</h2>
<ul>
  <li>Bygging av en overbygd scene i parken
    <ul><li>Tilrettelegge for rullestolbrukere</li></ul>
  </li>
  <li>Flytte biblioteket til det gamle bankbygget</li>
</ul>
<p style="display: none">Denne teksten er skjult og skal ikke leses.</p>
""", lang="nb")


@document("tiltakstabell-nynorsk.html")
def tiltakstabell_nynorsk(path: Path) -> Path:
    """Nynorsk: an action plan with ``<thead>``, the responsible unit merged down (``rowspan``), group labels
    across the table (``colspan``) and the header repeated in the body."""
    return _page(path, "Tiltak for bustadutvikling", """
<h1>Bustadprogram 2025–2029</h1>
<h2>3 Tiltak</h2>
<p>Tabellen viser tiltaka kommunen prioriterer i perioden.</p>
<table>
  <thead><tr><th>Nr.</th><th>Tiltak</th><th>Ansvarleg</th><th>Samarbeidspartnarar</th><th>Periode</th></tr></thead>
  <tbody>
    <tr><th colspan="5">Innsatsområde 3.1 Bustader for unge</th></tr>
    <tr><td>3.1.1</td><td><p>Tilby startlån</p><p>til unge i etableringsfasen</p></td>
        <td rowspan="2">Tenestetorget</td><td>Husbanken</td><td>2025–2029</td></tr>
    <tr><td>3.1.2</td><td>Byggje utleigebustader i sentrum</td><td>Private utbyggjarar</td><td>2026</td></tr>
    <tr><th>Nr.</th><th>Tiltak</th><th>Ansvarleg</th><th>Samarbeidspartnarar</th><th>Periode</th></tr>
    <tr><th colspan="5">Innsatsområde 3.2 Bustader for eldre</th></tr>
    <tr><td>3.2.1</td><td>Kartlegging av behovet for omsorgsbustader</td><td>Helse og omsorg</td>
        <td></td><td>2025</td></tr>
  </tbody>
</table>
<h2>4 Oppfølging</h2>
<p>Tiltaka vert rullerte kvart år i samband med budsjettet.</p>
""")


@document("oppvekstplan-lister.html")
def oppvekstplan_lister(path: Path) -> Path:
    """Nynorsk: ordered lists that start at another number, count in Roman numerals, or set an item's value."""
    return _page(path, "Oppvekstplan", """
<article>
<header><h1>Oppvekstplan for Bygda kommune</h1></header>
<h2>Mål</h2>
<ul><li>Alle barn skal ha ein trygg barnehage og skule</li><li>Fleire unge fullfører vidaregåande opplæring</li></ul>
<h2>Tiltak for barnehage</h2>
<ol start="4"><li>Tilsetje fleire pedagogar med spesialkompetanse</li><li>Styrkje overgangen frå barnehage til skule</li></ol>
<h2>Tiltak for skule</h2>
<ol type="i"><li>Innføre leksehjelp på alle skular</li><li value="5">Gje tilbod om gratis skulefrukost</li>
<li>Utvide tilbodet i kulturskulen</li></ol>
<aside><p>Les òg planen for idrett og fysisk aktivitet.</p></aside>
</article>
""")


@document("kommunen-i-tal.html")
def kommunen_i_tal(path: Path) -> Path:
    """Bokmål: a statistics table without an action-plan header keeps its rows as they are; a numbered heading."""
    return _page(path, "Kommunen i tall", """
<h1>Planstrategi for Bygda kommune</h1>
<h2>2 Utviklingstrekk</h2>
<p>Befolkningen blir eldre, og andelen i arbeidsfør alder går ned.</p>
<table>
  <thead><tr><th>Aldersgruppe</th><th>Andel i 2014</th><th>Andel i 2024</th></tr></thead>
  <tbody>
    <tr><td>Barn og unge under 20 år</td><td>24 prosent</td><td>21 prosent</td></tr>
    <tr><td>Eldre over 80 år</td><td>5 prosent</td><td>7 prosent</td></tr>
  </tbody>
</table>
<h2>3 Planbehov</h2>
<ul><li>Revidering av helse- og omsorgsplanen</li><li>Utarbeide en plan for digitalisering</li></ul>
""", lang="nb")
