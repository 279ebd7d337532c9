"""Tests of the Norwegian pipeline (luktheme.nlp: the pipeline, the lexicon component, the word lexicon)."""

from __future__ import annotations

import shutil

import pytest
import spacy

from luktheme.nlp import Lexicon
from luktheme.errors import ModelError
from luktheme.nlp import PIPELINE_NAME, blank_nlp, load_nlp
from luktheme._paths import models_dir


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def lemmas(nlp, text):
    return [t.lemma_ for t in nlp(text)]


def test_bundled_pipeline_loads(nlp):
    assert "luktheme_lexicon" in nlp.pipe_names
    assert (models_dir() / PIPELINE_NAME / "config.cfg").is_file()


def test_spacy_load_works_after_import():
    nlp = spacy.load(models_dir() / PIPELINE_NAME)
    doc = nlp("Kommunen skal styrke tiltakene.")
    assert [t.lemma_ for t in doc] == ["kommune", "skulle", "styrke", "tiltak", "."]


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


def test_analogy_keeps_a_guess_that_is_a_known_lemma():
    from luktheme.nlp import Lexicon

    lex = Lexicon({"biler": [["bil", "NOUN", 3]], "bile": [["bile", "NOUN", 2]],
                   "husene": [["hus", "NOUN", 5]], "båtene": [["båt", "NOUN", 2]]})
    assert lex.analyse_by_analogy("bilene", "NOUN", "bile") == ("bile", "NOUN")
    assert lex.analyse_by_analogy("bilene", "NOUN", "bilen") == ("bil", "NOUN")
    # A tagger's wrong class for an unseen word is corrected when only another class knows the lemma.
    verbs = Lexicon({"registrera": [["registrere", "VERB", 2]], "kontrollera": [["kontrollere", "VERB", 2]],
                     "publiserer": [["publisere", "VERB", 4]]})
    assert verbs.analyse_by_analogy("publisera", "NOUN", "publiser") == ("publisere", "VERB")
    # Closed classes are left to the network.
    assert lex.analyse_by_analogy("dette", "PRON", "denne") == ("denne", "PRON")


def test_analogy_accepts_a_long_known_head_after_an_unknown_modifier():
    from luktheme.nlp import Lexicon

    # Nynorsk plurals in -ar: "bygdar" -> "bygd", but "seriar" -> "serie".
    lex = Lexicon({"bygdar": [["bygd", "NOUN", 5]], "gardar": [["gard", "NOUN", 4]],
                   "seriar": [["serie", "NOUN", 3]], "timar": [["time", "NOUN", 3]],
                   "organisme": [["organisme", "NOUN", 2]], "sol": [["sol", "NOUN", 2]]})
    # "mikro" is no word of the lexicon, but "organisme" is long enough to vouch for the compound.
    assert lex.analyse_by_analogy("mikroorganismar", "NOUN", "mikroorganism") == ("mikroorganisme", "NOUN")
    # A short head ("sol") does not: "xyzsolar" keeps the majority rule's answer.
    assert lex.analyse_by_analogy("xyzsolar", "NOUN", "xyzsolar")[0] != "xyzsole"


def test_analogy_accepts_a_three_letter_known_word_before_a_known_head():
    from luktheme.nlp import Lexicon

    lex = Lexicon({"feller": [["felle", "NOUN", 3]], "fag": [["fag", "NOUN", 4]],
                   "celler": [["celle", "NOUN", 2]], "kjeller": [["kjeller", "NOUN", 2]]})
    assert lex.analyse_by_analogy("fagfeller", "NOUN", "fagfell") == ("fagfelle", "NOUN")
    # Three letters that are no word do not make a compound: the guess stands.
    assert lex.analyse_by_analogy("xqzfeller", "NOUN", "xqzfeller") == ("xqzfeller", "NOUN")
    lex_no_fag = Lexicon({"feller": [["felle", "NOUN", 3]], "kjeller": [["kjeller", "NOUN", 2]]})
    assert lex_no_fag.analyse_by_analogy("fagfeller", "NOUN", "fagfell") == ("fagfell", "NOUN")


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


def test_sentence_initial_names_are_not_read_as_the_common_word():
    from luktheme.nlp import Lexicon

    lex = Lexicon({"Regjeringen": [["regjering", "PROPN", 5], ["regjering", "NOUN", 2]],
                   "Kommunen": [["kommune", "NOUN", 6], ["kommune", "PROPN", 3]]})
    assert "Regjeringen" in lex.names and "Kommunen" not in lex.names


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


def test_sentences(nlp):
    doc = nlp("Kommunen skal styrke tilbodet. Det er viktig! «Vi er klare.» Neste punkt\nOverskrift uten punktum")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Kommunen skal styrke tilbodet.", "Det er viktig!", "«Vi er klare.»", "Neste punkt", "Overskrift uten punktum"]


def test_pipe_equals_call(nlp):
    texts = [
        "Kommunen skal utarbeide en plan for kompetanseheving i barnehagene.",
        "Fylkeskommunen vil styrkje folkehelsearbeidet i distrikta.",
        "Tiltaket gjeld 2025. Det skal evaluerast årleg.",
        "",
        "Stedsutviklingsprosjekta i sentrum må følgjast opp.",
    ] * 3
    piped = [[(t.text, t.lemma_, t.pos_, t.is_sent_start) for t in d] for d in nlp.pipe(texts, batch_size=4)]
    fresh = load_nlp()
    called = [[(t.text, t.lemma_, t.pos_, t.is_sent_start) for t in fresh(x)] for x in texts]
    assert piped == called


def test_fast_path_agrees_with_network_on_known_words(nlp):
    full = load_nlp(fast=False)
    text = "Kommunen skal utarbeide en plan for barnehagene."
    assert [t.lemma_ for t in full(text)] == [t.lemma_ for t in nlp(text)]


def test_missing_folder_raises_model_error(tmp_path):
    with pytest.raises(ModelError, match="train_nlp.py"):
        load_nlp(tmp_path / "nowhere")


def test_damaged_folder_raises_model_error(tmp_path):
    src = models_dir() / PIPELINE_NAME
    dst = tmp_path / "damaged"
    shutil.copytree(src, dst)
    (dst / "luktheme_lexicon" / "lexicon.json.gz").write_bytes(b"not gzip")
    with pytest.raises(ModelError, match=str(dst.name)):
        load_nlp(dst)


def test_blank_nlp_is_cached_tokenizer():
    assert blank_nlp() is blank_nlp()
    assert blank_nlp().pipe_names == []
    assert [t.text for t in blank_nlp()("Tiltak 3: styrke barnehagene.")][-1] == "."


def test_lexicon_standard_guess(nlp):
    lex = nlp.get_pipe("luktheme_lexicon").lexicon
    assert lex.standard("Vi skal ikkje gjere dette no".split()) == "nno"
    assert lex.standard("Vi skal ikke gjøre dette nå".split()) == "nob"


def test_lexicon_round_trip(tmp_path):
    lex = Lexicon({"tiltakene": [["tiltak", "NOUN", 3, 0]]}, contexts={"f\ttil\tå": "til\tSCONJ\t9\t9"})
    lex.to_disk(tmp_path / "lex.json.gz")
    back = Lexicon.from_disk(tmp_path / "lex.json.gz")
    assert back.known == lex.known
    assert back.in_context("x", "til", "å") == ("til", "SCONJ")


def test_unsure_words_are_asked_again_on_a_wide_window(monkeypatch):
    nlp = load_nlp()
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
