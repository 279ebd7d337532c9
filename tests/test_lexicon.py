"""The theme lexicon: a readable file whose every entry the pipeline's lemmatizer gives back."""

from __future__ import annotations

import pytest

from luktheme.lexicon import SECTIONS, Lexicon, compile_lexicon, read_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return read_lexicon()


def test_every_section_holds_hundreds_of_concepts(lexicon):
    sizes = {s: sum(len(g.get("words", [])) + len(g.get("phrases", [])) for g in lexicon[s].values())
             for s in SECTIONS}
    assert set(sizes) == set(SECTIONS)
    assert min(sizes.values()) >= 250, sizes
    assert len(lexicon["none"]) >= 10  # the concept groups that carry no theme


def test_every_word_resolves_through_the_lemmatizer(lexicon):
    from luktheme.nlp import load_nlp

    nlp = load_nlp()
    words = [w for groups in lexicon.values() for g in groups.values() for w in g.get("words", [])]
    lemmas = [" ".join(t.lemma_.lower() for t in doc) for doc in nlp.pipe(words, batch_size=256)]
    unresolved = [(w, lem) for w, lem in zip(words, lemmas) if lem != w]
    assert unresolved == []


def test_phrases_compile_to_several_analysed_tokens():
    lex = compile_lexicon("lemma")
    assert len(lex.phrases) > 500 and all(len(tokens) > 1 for tokens, _ in lex.phrases)


@pytest.mark.parametrize("text, group", [
    ("Vi skal styrkje trivselstiltaka for ungdom", "bolyst.trivsel_og_livskvalitet"),
    ("Rullere kommuneplanarbeidet i 2026", "planstrategi.kommuneplan"),
    ("Kartlegging av folketalsutviklinga", "statistikk.kartlegging"),
    ("Nytt tilskudd til grendehus", "none.finansiering"),
])
def test_an_unseen_compound_hits_the_concept_of_its_parts(text, group):
    from luktheme.analysis import analyse

    lex = compile_lexicon("lemma")
    assert group in {lex.groups[g] for g in lex.hits(analyse([text], "lemma")[0])}


def test_a_word_listed_twice_or_in_an_unknown_section_is_refused(tmp_path):
    bad = tmp_path / "lex.toml"
    bad.write_text('[bolyst.a]\nwords = ["trivsel"]\n[stedsutvikling.b]\nwords = ["trivsel"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="'trivsel' is listed in \\[bolyst.a\\] and \\[stedsutvikling.b\\]"):
        read_lexicon(bad)
    bad.write_text('[trivsel.a]\nwords = ["trivsel"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown section"):
        read_lexicon(bad)


def test_the_compiled_lexicon_round_trips_through_json():
    import json

    lex = compile_lexicon("lemma")
    back = Lexicon.from_state(json.loads(json.dumps(lex.state())))
    text = "kartlegging av trivsel i sentrum"
    assert back.hits(text) == lex.hits(text) and back.feature_names == lex.feature_names
