"""The rule sentencizer of the Norwegian pipeline (luktheme.nlp.sentencizer)."""

from __future__ import annotations


def test_sentences(nlp):
    doc = nlp("Kommunen skal styrke tilbodet. Det er viktig! «Vi er klare.» Neste punkt\nOverskrift uten punktum")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Kommunen skal styrke tilbodet.", "Det er viktig!", "«Vi er klare.»", "Neste punkt", "Overskrift uten punktum"]


def test_abbreviations_before_a_lower_case_word_do_not_end_a_sentence(nlp):
    doc = nlp("Kommunen skal bl.a. bygge nye hus. Målet er vekst: Kommunen skal bygge.")
    assert [s.text.strip() for s in doc.sents] == ["Kommunen skal bl.a. bygge nye hus.", "Målet er vekst:",
                                                   "Kommunen skal bygge."]


def test_a_capitalized_common_word_starts_a_sentence_only_with_the_lexicon(nlp):
    import spacy

    # A headline or list item that lost its line break; the lexicon knows "Smør" as a common word.
    text = "Ta med salt og peppar Smør til steiking"
    assert [s.text for s in nlp(text).sents] == ["Ta med salt og peppar", "Smør til steiking"]
    # A name ("Bergen") hardly ends a sentence.
    assert len(list(nlp("Han bor i Bergen Kommunen skal bygge.").sents)) == 1
    blank = spacy.blank("nb")
    blank.add_pipe("luktheme_sentences_v1")
    assert len(list(blank(text).sents)) == 1
