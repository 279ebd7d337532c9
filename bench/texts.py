"""Synthetic, unique measure-like texts in Bokmål and Nynorsk for the benchmarks."""

from __future__ import annotations

import random

VERBS = ["Utarbeide", "Gjennomføre", "Styrke", "Etablere", "Videreutvikle", "Arrangere", "Kartlegge", "Følgje opp",
         "Byggje opp", "Vurdere", "Greie ut", "Samordne", "Finansiere", "Prioritere", "Lage", "Revidere"]
OBJECTS = ["en plan for sentrumsutvikling", "kurs i planarbeid", "eit kunnskapsgrunnlag om folketal",
           "nye møteplassar i sentrum", "ei velkomstpakke for tilflyttarar", "samarbeidet med næringslivet",
           "rutinar for byggjesak", "ein ny gang- og sykkelveg", "statistikk om pendling", "fagsamlingar for tilsette",
           "arealdelen til kommuneplanen", "tilbodet til ungdom", "opprustinga av torget", "ein trainee-ordning",
           "bustadbehovet fram mot 2040", "omdømmet til regionen", "vedlikehald av kommunale bygg",
           "breibandsutbygginga", "ein felles planressurs", "stiar og løyper i nærområdet"]
PLACES = ["i Vinje", "på Otta", "i Stryn", "for kommunane i regionen", "i Hallingdal", "på Hadeland", "i Lofoten",
          "i sentrum av Voss", "for grendene", "i heile fylket", "i Nord-Troms", "i indre Østfold"]
TAILS = ["", " i perioden 2025–2028", " i samarbeid med fylkeskommunen", " med vekt på unge vaksne",
         " innan utgangen av året", " og rapportere årleg", " slik at fleire vel å bu her",
         " som grunnlag for planstrategien", " med midlar frå regionalt næringsfond"]


def measure_texts(n: int = 10_000, seed: int = 0) -> list[str]:
    """``n`` distinct measure-like texts (about 10-20 words each)."""
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}{rng.choice(TAILS)}"
        out.add(f"{text} (tiltak {rng.randint(1, 999)}).")
    return sorted(out, key=lambda _: rng.random())
