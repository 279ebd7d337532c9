"""Roles of rows: actions (tiltak), goals (mål) and context (annet), read from the form of the row."""

from __future__ import annotations

import pytest

from luktheme.roles import opens_with_action, role_of, word_table
from luktheme.segments import read_document
from tests.conftest import SEED, seed_measures


@pytest.fixture(scope="module")
def lexicon():
    import luktheme

    return word_table(luktheme.load_nlp())


def test_the_seed_bullets_are_actions_and_its_county_statements_goals():
    rows = read_document(SEED)
    bullets = [r for r in rows if r.kind == "bullet"]
    assert [r.text for r in bullets] == seed_measures()
    assert {r.role for r in bullets} == {"tiltak"}
    # Each county opens with what it aims at: "X fylkeskommune har som mål …", "… skal …", "… vil …".
    statements = [r for r in rows if r.kind == "sentence" and "fylkeskommune" in r.text.split(" har ")[0]
                  and r.text.index("fylkeskommune") < 30]
    assert len(statements) >= 15 and {r.role for r in statements} == {"mål"}
    assert any(r.role == "annet" for r in rows if r.kind == "sentence")  # "… er hovedtemaene for satsingen"


@pytest.mark.parametrize("text, kind, heading, role", [
    ("Etablere eit nettverk for planleggjarar i regionen", "bullet", None, "tiltak"),
    ("Kartlegging av bustadbehovet i kommunane", "sentence", None, "tiltak"),
    ("Å styrkje samarbeidet mellom kommunane", "bullet", None, "tiltak"),
    ("Fylkeskommunen vil utarbeide ein samfunnsspegel", "bullet", None, "tiltak"),
    ("Universell utforming i sentrum", "bullet", "Tiltak", "tiltak"),
    ("Levande sentrum med fleire bustader", "bullet", "Delmål 2.1 Attraktive tettstader", "mål"),
    # Adjectives and participles that can also be verbs: under a goal heading they open goals.
    ("Trygge og inkluderande nærmiljø i alle bygdene", "bullet", "Mål", "mål"),
    ("Økt verdiskaping innen havbruk og reiseliv", "bullet", "Delmål", "mål"),
    ("Flere unge skal bo i kommunen", "bullet", None, "mål"),
    ("Målet er 500 nye innbyggere innen 2030.", "sentence", None, "mål"),
    ("Kommunen har som mål å auke folketalet.", "sentence", None, "mål"),
    ("Tilflytting og bustadbygging er hovudtema i planen.", "sentence", None, "annet"),
    ("Kommunen har 4 200 innbyggjarar.", "sentence", None, "annet"),
    ("Det skal etablerast ein møteplass for eldre i sentrum.", "sentence", None, "tiltak"),
    ("Det settes i gang en ny kartlegging av turstiene i 2026.", "sentence", None, "tiltak"),
    ("Det finnes over 40 frivillige lag i kommunen.", "sentence", None, "annet"),
    ("Etter folkehelseloven skal kommunen ha oversikt over helsetilstanden.", "sentence", None, "annet"),
    ("Planen skal vedtas av kommunestyret før sommeren.", "sentence", None, "annet"),
    ("Arbeidsløysa er lågare enn i fylket elles", "bullet", None, "annet"),
    ("Flaum i Storelva", "bullet", "Risiko og sårbarheit", "annet"),
    ("Ein open og inkluderande kommune der alle kan delta.", "sentence", "Visjon", "mål"),
    # In running text the verb after "skal"/"vil" tells an aim from an undertaking.
    ("Fylkeskommunen vil styrke kommunanes planarbeid.", "sentence", None, "mål"),
    ("Kommunen vil i løpet av 2026 regulere et nytt boligfelt på Solberg.", "sentence", None, "tiltak"),
    ("Før neste revisjon skal det gjennomførast ei innbyggjarundersøking.", "sentence", None, "tiltak"),
    ("Kommunestyret skal vedta planstrategien innen ett år etter valget.", "sentence", None, "annet"),
    ("Målet om 30 nye boliger i året ble ikke nådd.", "sentence", None, "annet"),
    ("Strategiane nedanfor viser korleis vi skal arbeide for å nå måla.", "sentence", None, "annet"),
])
def test_roles_follow_the_form_of_the_row(lexicon, text, kind, heading, role):
    assert role_of(text, kind, heading=heading, lexicon=lexicon) == role


def test_an_action_plan_cell_is_an_action_whatever_its_form(lexicon):
    assert role_of("Flere unge skal bo i kommunen", "row", action_table=True, lexicon=lexicon) == "tiltak"
    # ... unless it only points elsewhere or closes the measure
    assert role_of("Sjå tiltak 3.4 under innsatsområde 3", "row", action_table=True, lexicon=lexicon) == "annet"


def test_the_word_table_tells_verbs_from_nouns_where_endings_cannot(lexicon):
    # "Kompetanse" and "Flere" end like infinitives; the treebank knows them as a noun and an adjective.
    assert not opens_with_action("Kompetanse på statistikk skal økes", lexicon=lexicon)
    assert not opens_with_action("Flere unge skal bo her", lexicon=lexicon)
    assert opens_with_action("Digitalisere arkivet", lexicon=lexicon)  # unknown word: the ending decides
