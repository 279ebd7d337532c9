"""Plain text and Markdown documents of the zoo: numbered headings, nested and numbered lists, Markdown tables."""

from __future__ import annotations

from pathlib import Path

from tests.zoo import document


def _write(path: Path, text: str) -> Path:
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


@document("handlingsprogram-tettstad.md")
def handlingsprogram_tettstad(path: Path) -> Path:
    """Nynorsk: ``#`` headings to level 3, goal bullets, and an action plan table with a Nynorsk header."""
    return _write(path, """
---
title: Handlingsprogram
---
# Handlingsprogram 2025–2028

Handlingsprogrammet følgjer opp **samfunnsdelen** av [kommuneplanen](https://example.org/plan).

## Innsatsområde 2 Attraktive tettstader

### Mål 2.1 Levande sentrum

- Fleire unge skal busetje seg i sentrum
- Sentrum har eit variert tilbod av butikkar og kafear

### Tiltak

| Nr. | Tiltak | Ansvarleg | Partnarar | Tidsrom | Kostnad |
|-----|--------|-----------|-----------|---------|---------|
| 2.1.1 | Etablere ein møteplass for ungdom i sentrum | Kultur | Ungdomsrådet | 2025 | 300 000 kr |
| 2.1.2 | Utarbeiding av ein plan for grøntområde | Plan og areal | | 2026–2027 | |
""")


@document("kulturplan.md")
def kulturplan(path: Path) -> Path:
    """Bokmål: setext headings, a numbered list with lettered items under it, Roman numerals, a bullet list."""
    return _write(path, """
Kulturplan for Bygda kommune
============================

Kulturlivet i kommunen bæres i stor grad av frivillige lag og foreninger.

Kulturhuset
-----------

Kommunen har som mål at kulturhuset skal være åpent for alle aldersgrupper.

1. Utvide åpningstidene i kulturhuset
   a) Holde åpent søndager i vinterhalvåret
   b) Åpne kafeen på kveldstid
2. Oppgradere lyd og lys i storsalen

Bibliotek
---------

i. Innføre meråpent bibliotek i Fjellbygda
ii. Kjøpe inn flere lydbøker og e-bøker

* Samarbeid med skolene om lesestimulering
  * Arrangere en årlig leseuke
""")


@document("klimaplan.md")
def klimaplan(path: Path) -> Path:
    """Bokmål: numbered ``##`` headings, an action plan in another column order with its header repeated, and a
    table without an action-plan header."""
    return _write(path, """
# Klimaplan

## 3 Transport

Transport står for over halvparten av utslippene i kommunen.

### 3.1 Tiltak for transport

| Tiltak | Ansvarlig | Kostnad | Frist |
|:-------|:----------|--------:|:------|
| Bygge ut ladepunkter ved alle kommunale bygg | Eiendom | 2 mill. kr | 2026 |
| Tiltak | Ansvarlig | Kostnad | Frist |
| Innføre **gratis** buss for elever i videregående skole | Fylkeskommunen | | 2025 |

### 3.2 Utslipp

| Sektor | Utslipp i 2022 | Endring fra 2015 |
|---|---|---|
| Veitrafikk | 14 200 tonn | ned 12 prosent |
| Landbruk | 9 800 tonn | ned 3 prosent |
""")


@document("frivilligheit.md")
def frivilligheit(path: Path) -> Path:
    """Nynorsk: items numbered over several levels ("1.2.3"), a quote, emphasis and links in items."""
    return _write(path, """
# Plan for frivilligheit

> Frivilligheita er limet i lokalsamfunnet.

## 1 Tiltak

1.1 Gje driftstilskot til lag og foreiningar
1.2 Etablere ein frivilligsentral
1.2.1 Tilsetje ein dagleg leiar i halv stilling
1.2.2 Finne *eigna* lokale i [sentrum](https://example.org/kart)
1.3 Arrangere ein årleg frivilligdag
""")


@document("planprogram.txt")
def planprogram(path: Path) -> Path:
    """Bokmål: an ALL-CAPS title over numbered chapters ("1", "1.1", "2"), numbered and lettered items."""
    return _write(path, """
PLANPROGRAM FOR KOMMUNEPLANENS SAMFUNNSDEL

1 Bakgrunn

Kommunen starter nå arbeidet med en ny samfunnsdel.
Planprogrammet beskriver hvordan arbeidet skal gjøres.

1.1 Mål for planarbeidet

Målet er en samfunnsdel som er kort og lett å bruke.

2 Medvirkning

Kommunen vil gjennomføre disse tiltakene:
1. Arrangere folkemøter i alle grendene
2. Opprette et panel av ungdommer
   som gir innspill underveis
a) Sende planforslaget på høring til nabokommunene
""")


@document("tiltaksplan-nynorsk.txt")
def tiltaksplan_nynorsk(path: Path) -> Path:
    """Nynorsk: an underlined title over chapters numbered to three levels, items numbered "1)" and in Roman numerals."""
    return _write(path, """
Tiltaksplan for trafikktryggleik
================================

Planen gjeld for perioden 2025 til 2028.

2 Tiltak

2.1 Fysiske tiltak

1) Byggje fortau langs skulevegen i Sørbygda
2) Senke fartsgrensa forbi barnehagen

2.2 Haldningsskapande arbeid

2.2.1 Skulane

i. Gjennomføre sykkeldag for alle femteklassingar
ii. Dele ut refleksvestar til barn i barnehagane
""")


@document("strategi-grender.txt")
def strategi_grender(path: Path) -> Path:
    """Bokmål: headings underlined with "=" and "-", bullets with a dash and a bullet glyph, goal sentences."""
    return _write(path, """
Strategi for levende grender
============================

Mål
---

Grendene skal ha et levende fellesskap året rundt.
Kommunen har som mål at alle grender har en møteplass.

Tiltak
------

- Støtte grendelagene med et årlig driftstilskudd
• Kartlegging av tomme hus som kan leies ut
- Utvikle en felles digital
  oppslagstavle for grendene
""")
