"""Lemmas, parts of speech and compound parts from the lexicon component (luktheme.nlp.annotator)."""

from __future__ import annotations

from luktheme.nlp import load_nlp


def lemmas(nlp, text):
    return [t.lemma_ for t in nlp(text)]


def test_bokmal_lemmas_and_pos(nlp):
    doc = nlp("Kommunen skal utarbeide en ny plan for barnehagene.")
    assert [t.lemma_ for t in doc] == ["kommune", "skulle", "utarbeide", "en", "ny", "plan", "for", "barnehage", "."]
    assert [t.pos_ for t in doc][:3] == ["NOUN", "AUX", "VERB"]


def test_nynorsk_lemmas(nlp):
    doc = nlp("Kommunen vil styrkje tilbodet til born og unge i bygdene.")
    got = {t.text: t.lemma_ for t in doc}
    assert got["tilbodet"] == "tilbod"
    assert got["bygdene"] == "bygd"
    assert got["vil"] == "vilje"


def test_unseen_compounds(nlp):
    doc = nlp("Vi skal gjennomføre kompetansehevingstiltakene og stedsutviklingsprosjekta.")
    by = {t.text: t for t in doc}
    assert by["kompetansehevingstiltakene"].lemma_ == "kompetansehevingstiltak"
    assert by["kompetansehevingstiltakene"]._.compound_parts == ("kompetanse", "heving", "tiltak")
    assert by["stedsutviklingsprosjekta"].lemma_ == "stedsutviklingsprosjekt"
    assert by["stedsutviklingsprosjekta"]._.compound_parts == ("sted", "utvikling", "prosjekt")
    assert by["kompetansehevingstiltakene"].pos_ == "NOUN"


def test_unseen_inflected_words_get_the_lemma_the_treebank_knows(nlp):
    # None of these forms is in the treebank; their lemmas are.  The network alone
    # strips a letter too many or too few ("deltakels", "pube").
    lex = nlp.get_pipe("luktheme_lexicon").lexicon
    words = ["deltakelsen", "begrunnelser", "puben"]
    assert not any(w in lex.forms for w in words)
    doc = nlp("Vi så deltakelsen og begrunnelser for den nye puben.")
    got = {t.text: t.lemma_ for t in doc}
    assert [got[w] for w in words] == ["deltakelse", "begrunnelse", "pub"]


def test_unseen_names_keep_their_form_as_lemma(nlp):
    # The network cuts unseen names as if they were inflected; the name is its own lemma.
    annotator = nlp.get_pipe("luktheme_lexicon")
    assert "Darren" not in annotator.lexicon.forms
    assert annotator._finish("Darren", "PROPN", "darr") == ("darren", "PROPN")
    # A genitive -s may go, and a known lemma (a common noun read as a name) stays.
    assert annotator._finish("Pinochets", "PROPN", "pinochet") == ("pinochet", "PROPN")
    assert annotator._finish("Protestene", "PROPN", "protest") == ("protest", "PROPN")


def test_unseen_participles_take_their_verb_only_where_the_treebank_has_it(nlp):
    annotator = nlp.get_pipe("luktheme_lexicon")
    verbs = annotator.lexicon._analogy[0]["VERB"]
    assert "dundre" in verbs and "ressurskrevje" not in verbs
    assert annotator._finish("dundrande", "ADJ", "dundra") == ("dundre", "ADJ")
    assert annotator._finish("ressurskrevjande", "ADJ", "ressurskrevje") == ("ressurskrevjande", "ADJ")


def test_a_sentence_initial_name_is_not_answered_as_the_lower_case_word(nlp):
    annotator = nlp.get_pipe("luktheme_lexicon")
    assert "Regjeringen" in annotator.lexicon.names and "Kommunen" not in annotator.lexicon.names
    annotator.reset_cache()
    nlp("Regjeringen vil styrke kommunene. Kommunen skal lage en plan.")
    strings = nlp.vocab.strings
    # A common word falls back on its lower-case entry; a name is left to its context.
    assert annotator._lowers[strings["Kommunen"]] == strings["kommunen"]
    assert annotator._lowers[strings["Regjeringen"]] == 0


def test_compound_parts_of_simple_words_are_one_tuple(nlp):
    doc = nlp("Planen er god.")
    assert doc[0]._.compound_parts == ("plan",)
    assert doc[3]._.compound_parts == (".",)
    assert all(len(t._.compound_parts) >= 1 for t in doc)


def test_lemmas_are_lower_case(nlp):
    doc = nlp("KOMMUNEN Skal Styrke Barnehagene i Bergen.")
    assert all(t.lemma_ == t.lemma_.lower() for t in doc)


def test_unsure_words_are_asked_again_on_a_wide_window(monkeypatch):
    nlp = load_nlp(shared=False)  # its settings change below
    comp = nlp.get_pipe("luktheme_lexicon")
    calls = []
    real = comp._tag_windows

    def spy(todo, c):
        calls.append((c, len(todo)))
        return real(todo, c)

    monkeypatch.setattr(comp, "_tag_windows", spy)
    text = "Snorkelfuglene blimret over de grøvlige fjellene."
    comp.min_margin = 0.0
    comp.reset_cache()
    narrow = [(t.pos_, t.lemma_) for t in nlp(text)]
    assert calls and {c for c, _n in calls} == {comp.context}
    calls.clear()
    # Every network answer counts as unsure: each word goes on to the wide window.
    comp.min_margin = 1e9
    comp.reset_cache()
    wide = [(t.pos_, t.lemma_) for t in nlp(text)]
    assert [c for c, _n in calls] == [comp.context, comp.wide_context]
    assert calls[0][1] == calls[1][1]
    assert len(wide) == len(narrow)
    calls.clear()
    # The narrow window remembers that it is unsure and goes straight to the wide answer.
    assert [(t.pos_, t.lemma_) for t in nlp(text)] == wide
    assert calls == []


def test_short_texts_of_unknown_standard_get_bokmal_lemmas(nlp):
    # "ser" is "sjå" in Nynorsk and "se" in Bokmål; nothing here tells the standard.
    assert lemmas(nlp, "Kommunen ser behovet.")[1] == "se"
    # A Nynorsk word elsewhere in the text decides for Nynorsk.
    assert lemmas(nlp, "Vi ser på om det trengst tiltak.")[1] == "sjå"
