from collections import Counter

import pytest

from luktheme.errors import LukthemeError
from luktheme.seed import parse, read_seed

MEASURES = {
    "Finnmark": 7, "Troms": 4, "Nordland": 4, "Nord-Trøndelag": 4, "Sør-Trøndelag": 4, "Møre og Romsdal": 6,
    "Sogn og Fjordane": 3, "Hordaland": 3, "Rogaland": 6, "Vest-Agder": 5, "Aust-Agder": 4, "Telemark": 3,
    "Vestfold": 5, "Buskerud": 3, "Oppland": 6, "Hedmark": 5, "Akershus": 2, "Østfold": 7,
}


@pytest.fixture(scope="module")
def units():
    return read_seed()


def test_counts_per_county(units):
    # The page covers 18 of the 19 counties of 2011 (Oslo has no section): 81 measures, one goal each.
    assert Counter(u.county for u in units if u.kind == "tiltak") == MEASURES
    assert sum(MEASURES.values()) == 81
    assert Counter(u.county for u in units if u.kind == "mål") == {c: 1 for c in MEASURES}
    assert len(units) == 99


def test_goal_on_heading_line_with_colon(units):
    goal = next(u for u in units if u.county == "Østfold" and u.kind == "mål")
    assert goal.text.startswith("Østfold fylkeskommune: Målene for satsingen er å styrke")


def test_county_names_without_hyphen_or_space(units):
    # "Vestfoldfylkeskommune skal:" and "Aust Agder fylkeskommune skal arbeide med:" are lead-ins, not goals.
    assert not any(u.text.startswith(("Vestfoldfylkeskommune", "Aust Agder")) for u in units)
    assert [u.position for u in units if u.county == "Aust-Agder"] == [0, 1, 2, 3, 4]


def test_goal_split_over_two_paragraphs(units):
    goal = next(u for u in units if u.county == "Vest-Agder" and u.kind == "mål")
    assert "fraflytting og stagnasjon. I tillegg vil fylkeskommunen" in goal.text


def test_whitespace_folded_and_last_period_optional(units):
    assert not any("  " in u.text for u in units)
    last = [u for u in units if u.county == "Møre og Romsdal"][-1]
    assert last.text.endswith("være kontaktperson for kommunene")
    assert any("”samfunnsspegl”" in u.text for u in units)


def test_parse_rejects_other_text():
    with pytest.raises(LukthemeError, match="No county section"):
        parse("Dette er ikke dokumentet.\n • Et punkt\n")
    with pytest.raises(TypeError, match="str"):
        parse(None)
