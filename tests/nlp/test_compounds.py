"""The word lexicon: lemma analogies, names, written standards, files (luktheme.nlp.compounds)."""

from __future__ import annotations

from luktheme.nlp import Lexicon


def test_analogy_keeps_a_guess_that_is_a_known_lemma():
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
    # Nynorsk plurals in -ar: "bygdar" -> "bygd", but "seriar" -> "serie".
    lex = Lexicon({"bygdar": [["bygd", "NOUN", 5]], "gardar": [["gard", "NOUN", 4]],
                   "seriar": [["serie", "NOUN", 3]], "timar": [["time", "NOUN", 3]],
                   "organisme": [["organisme", "NOUN", 2]], "sol": [["sol", "NOUN", 2]]})
    # "mikro" is no word of the lexicon, but "organisme" is long enough to vouch for the compound.
    assert lex.analyse_by_analogy("mikroorganismar", "NOUN", "mikroorganism") == ("mikroorganisme", "NOUN")
    # A short head ("sol") does not: "xyzsolar" keeps the majority rule's answer.
    assert lex.analyse_by_analogy("xyzsolar", "NOUN", "xyzsolar")[0] != "xyzsole"


def test_analogy_accepts_a_three_letter_known_word_before_a_known_head():
    lex = Lexicon({"feller": [["felle", "NOUN", 3]], "fag": [["fag", "NOUN", 4]],
                   "celler": [["celle", "NOUN", 2]], "kjeller": [["kjeller", "NOUN", 2]]})
    assert lex.analyse_by_analogy("fagfeller", "NOUN", "fagfell") == ("fagfelle", "NOUN")
    # Three letters that are no word do not make a compound: the guess stands.
    assert lex.analyse_by_analogy("xqzfeller", "NOUN", "xqzfeller") == ("xqzfeller", "NOUN")
    lex_no_fag = Lexicon({"feller": [["felle", "NOUN", 3]], "kjeller": [["kjeller", "NOUN", 2]]})
    assert lex_no_fag.analyse_by_analogy("fagfeller", "NOUN", "fagfell") == ("fagfell", "NOUN")


def test_sentence_initial_names_are_not_read_as_the_common_word():
    lex = Lexicon({"Regjeringen": [["regjering", "PROPN", 5], ["regjering", "NOUN", 2]],
                   "Kommunen": [["kommune", "NOUN", 6], ["kommune", "PROPN", 3]]})
    assert "Regjeringen" in lex.names and "Kommunen" not in lex.names


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
