from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Small inline data in both written standards, as the spec's themes read them.
TOY = [
    ("Kurs i planstrategi for kommunale planleggere", ["planstrategi", "kompetanseheving"]),
    ("Arrangere årlege kurs i kommuneplanarbeid for kommunane", ["planstrategi", "kompetanseheving"]),
    ("Statistikk om folketal og flytting i regionen", ["bolyst", "statistikk"]),
    ("Analyse av tilflytting og fraflytting i kommunene", ["bolyst", "statistikk"]),
    ("Asfaltere fylkesvegen forbi skolen", []),
    ("Nytt budsjett for drift av sykehjemmet", []),
    ("Opprusting av torget og parken i sentrum", ["stedsutvikling"]),
    ("Nye møteplassar og benker i sentrum av tettstaden", ["stedsutvikling"]),
    ("Velkomstpakke til nye innbyggjarar i bygda", ["bolyst"]),
    ("Omdømmeprosjekt for å få unge til å bli boende", ["bolyst"]),
    ("Fagsamling og nettverk for erfaringsutveksling", ["kompetanseheving"]),
    ("Kartlegging av bustadbehov og utviklingstrekk", ["statistikk"]),
]


@pytest.fixture
def toy():
    texts = [t for t, _ in TOY] * 2
    labels = [lab for _, lab in TOY] * 2
    return texts, labels


@pytest.fixture(scope="session")
def tagger():
    import luktheme

    return luktheme.load()
