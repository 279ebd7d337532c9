from __future__ import annotations

from pathlib import Path

import json

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


ROWS = [
    ("Kurs i planstrategi for kommunane", ["planstrategi", "kompetanseheving"]),
    ("Opplæring i kommuneplanens samfunnsdel", ["planstrategi", "kompetanseheving"]),
    ("Nytt torg i sentrum", ["stedsutvikling"]),
    ("Opprusting av parken i tettstaden", ["stedsutvikling"]),
    ("Asfaltere fylkesvegen", []),
    ("Ny ferjekai", []),
    ("Statistikk om flytting", ["statistikk", "bolyst"]),
    ("Analyse av folketalsutviklinga", ["statistikk", "bolyst"]),
    ("Velkomstpakke til tilflyttarar", ["bolyst"]),
    ("Fagsamling for saksbehandlere", ["kompetanseheving"]),
]


@pytest.fixture
def labels(tmp_path):
    path = tmp_path / "labels.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, (text, labs) in enumerate(ROWS * 2):
            out.write(json.dumps({"id": f"r{i}", "text": text, "labels": labs, "group": f"g{i % 5}"}) + "\n")
    return path
