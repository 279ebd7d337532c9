"""Tests of the context tagger for ambiguous words (luktheme.nlp.disambiguation)."""

from __future__ import annotations

import shutil

import pytest

from luktheme._paths import models_dir
from luktheme.nlp import Lexicon
from luktheme.nlp import ContextTagger, UnseenWordTagger, context_features, unseen_features, word_class
from luktheme.errors import ModelError
from luktheme.nlp import PIPELINE_NAME, load_nlp


@pytest.fixture(scope="module")
def toy():
    lex = Lexicon(
        {
            "har": [["ha", "AUX", 50], ["ha", "VERB", 40]],
            "gjort": [["gjøre", "VERB", 9]],
            "laget": [["lage", "VERB", 9]],
            "ansvar": [["ansvar", "NOUN", 9]],
            "en": [["en", "DET", 30]],
            "bil": [["bil", "NOUN", 9]],
            "vi": [["vi", "PRON", 30]],
            "de": [["de", "PRON", 30]],
            "i": [["i", "ADP", 30]],
            "år": [["år", "NOUN", 9]],
        }
    )
    sents = [
        (["vi", "har", "gjort", "det"], ["PRON", "AUX", "VERB", "PRON"]),
        (["de", "har", "i", "år", "laget", "en", "bil"], ["PRON", "AUX", "ADP", "NOUN", "VERB", "DET", "NOUN"]),
        (["vi", "har", "ansvar"], ["PRON", "VERB", "NOUN"]),
        (["de", "har", "en", "bil"], ["PRON", "VERB", "DET", "NOUN"]),
    ] * 6
    return lex, ContextTagger(lex, min_count=5).fit(sents)


def test_fit_returns_self_with_learned_state(toy):
    lex, ct = toy
    assert ct.forms_ == frozenset({"har"})
    assert set(ct.classes_) == {"AUX", "VERB"}
    assert ct.weights_.shape == (len(ct.features_), len(ct.classes_))


def test_tags_from_the_words_ahead(toy):
    _lex, ct = toy
    # The participle two words on makes "har" an auxiliary; a noun object does not.
    assert ct.tag(["vi", "har", "i", "år", "gjort", "det"], 1) == "AUX"
    assert ct.tag(["vi", "har", "en", "bil"], 1) == "VERB"
    assert ct.tag(["Vi", "har", "ansvar"], 1) == "VERB"


def test_leaves_unambiguous_and_unknown_words_alone(toy):
    _lex, ct = toy
    assert ct.tag(["vi", "har", "ansvar"], 2) is None
    assert ct.tag(["vi", "gnurker"], 1) is None


def test_features_stop_at_the_sentence_bounds():
    lows = ["a", "b", "har", "c"]
    f = context_features(lows, ["X", "X", "AUX", "X"], 2, 1, 3, "har")
    assert "w-1=b" in f and "w-2=<s>" in f and "w1=</s>" in f
    assert all(not x.startswith("w-3=a") for x in f)


def test_word_class_of_unknown_words():
    lex = Lexicon({"hus": [["hus", "NOUN", 4]]})
    assert [word_class(w, lex) for w in ("hus", "Hus", "xyzzy", "2025", "(")] == ["NOUN", "NOUN", "UNK", "NUM", "P("]


def test_round_trip(toy, tmp_path):
    lex, ct = toy
    ct.to_disk(tmp_path / "ct")
    back = ContextTagger.from_disk(tmp_path / "ct", lex)
    for words in (["vi", "har", "gjort", "det"], ["de", "har", "en", "bil"], ["vi", "har", "i", "år", "laget"]):
        assert back.tag(words, 1) == ct.tag(words, 1)


def test_damaged_or_foreign_files_raise_model_error(toy, tmp_path):
    lex, ct = toy
    ct.to_disk(tmp_path / "ct")
    (tmp_path / "ct" / "weights.npz").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="weights.npz"):
        ContextTagger.from_disk(tmp_path / "ct", lex)
    ct.to_disk(tmp_path / "other")
    import gzip
    import json

    with gzip.open(tmp_path / "other" / "model.json.gz", "wt") as fh:
        json.dump({"format": "something-else/9"}, fh)
    with pytest.raises(ModelError, match="something-else"):
        ContextTagger.from_disk(tmp_path / "other", lex)


def test_fit_without_ambiguous_words_says_what_to_do():
    lex = Lexicon({"hus": [["hus", "NOUN", 4]]})
    with pytest.raises(ModelError, match="min_count"):
        ContextTagger(lex).fit([(["hus"], ["NOUN"])])


@pytest.mark.parametrize(
    "text, i, upos",
    [
        ("Kommunen har ansvar for planen.", 1, "VERB"),
        ("Kommunen har i mange år prioritert planarbeidet.", 1, "AUX"),
        ("Fylket har laga ein plan som skal gjelde i fire år.", 1, "AUX"),
        ("Kommunen vil bidra til å styrke kompetansen.", 3, "SCONJ"),
    ],
)
def test_bundled_pipeline_reads_the_clause(nlp, text, i, upos):
    assert nlp(text)[i].pos_ == upos


def test_pipeline_without_context_tagger_still_loads(tmp_path):
    dst = tmp_path / "older"
    shutil.copytree(models_dir() / PIPELINE_NAME, dst)
    shutil.rmtree(dst / "luktheme_lexicon" / "context_tagger")
    nlp = load_nlp(dst)
    assert nlp.get_pipe("luktheme_lexicon").context_tagger is None
    assert [t.lemma_ for t in nlp("Kommunen har ansvar.")] == ["kommune", "ha", "ansvar", "."]


def test_context_tagger_can_be_switched_off(monkeypatch):
    nlp = load_nlp(shared=False)  # its settings change below
    comp = nlp.get_pipe("luktheme_lexicon")
    calls = []
    real = comp.context_tagger.predict_at
    monkeypatch.setattr(comp.context_tagger, "predict_at", lambda *a: calls.append(a) or real(*a))
    text = "Kommunen har i mange år prioritert planarbeidet."
    nlp(text)
    assert calls, "the context tagger should answer 'har' here"
    calls.clear()
    comp.use_context_tagger = False
    comp.reset_cache()
    doc = nlp(text)
    assert not calls
    assert doc[1].lemma_ == "ha"


# --------------------------------------------------------------------------- unseen words


@pytest.fixture(scope="module")
def unseen():
    lex = Lexicon({"dei": [["dei", "PRON", 9]], "vil": [["vilje", "AUX", 9]], ".": [[".", "PUNCT", 9]],
                   "i": [["i", "ADP", 9]], "huset": [["hus", "NOUN", 9]]})
    sents = [(["dei", w, "."], ["PRON", "NOUN", "PUNCT"]) for w in ("bygget", "tiltaket", "vegen", "skulen")]
    sents += [(["dei", "vil", w], ["PRON", "AUX", "VERB"]) for w in ("byggje", "kjøpe", "selje", "måle")]
    sents += [(["i", w, "."], ["ADP", "PROPN", "PUNCT"]) for w in ("Oslo", "Bergen", "Voss", "Odda")]
    return lex, UnseenWordTagger(lex).fit(sents * 2)


def test_unseen_tagger_reads_endings_capitals_and_neighbours(unseen):
    _lex, ut = unseen
    assert ut.tag(["dei", "vil", "teikne"], 2) == "VERB"
    assert ut.tag(["i", "Gnurkvik", "."], 1) == "PROPN"
    assert ut.tag(["dei", "kontoret", "."], 1) == "NOUN"


def test_unseen_features_use_the_compound_head():
    lex = Lexicon({"tiltaka": [["tiltak", "NOUN", 4]], "klima": [["klima", "NOUN", 4]]})
    f = unseen_features(["Klimatiltaka"], 0, lex)
    assert "hpos=NOUN" in f and "first=True" in f and "w-1=<s>" in f and "hpos1=NOUN^capTrue" in f


def test_unseen_tagger_round_trip(unseen, toy, tmp_path):
    lex, ut = unseen
    ut.to_disk(tmp_path / "ut")
    back = UnseenWordTagger.from_disk(tmp_path / "ut", lex)
    for words, i in ((["dei", "vil", "teikne"], 2), (["i", "Gnurkvik", "."], 1), (["dei", "kontoret", "."], 1)):
        assert back.tag(words, i) == ut.tag(words, i)
    with pytest.raises(ModelError, match="model.json.gz"):
        UnseenWordTagger.from_disk(tmp_path / "no-such-folder", lex)
    # A context tagger's folder is not an unseen-word tagger's.
    toy[1].to_disk(tmp_path / "ct")
    with pytest.raises(ModelError, match="context-tagger"):
        UnseenWordTagger.from_disk(tmp_path / "ct", lex)


def test_unseen_tagger_needs_rare_words_of_two_classes():
    lex = Lexicon({"dei": [["dei", "PRON", 9]]})
    with pytest.raises(ModelError, match="max_count"):
        UnseenWordTagger(lex).fit([(["dei", "huset"], ["PRON", "NOUN"])])


@pytest.mark.parametrize(
    "text, i, upos",
    [
        ("Vi reiste til Gnurkvik i fjor.", 3, "PROPN"),
        ("Kommunen skal blorke tiltakene.", 2, "VERB"),
        ("Skolen har mange snørkelige elever.", 3, "ADJ"),
    ],
)
def test_bundled_pipeline_tags_unseen_words(nlp, text, i, upos):
    assert nlp(text)[i].pos_ == upos


def test_unseen_tagger_can_be_switched_off(monkeypatch):
    nlp = load_nlp(shared=False)  # its settings change below
    comp = nlp.get_pipe("luktheme_lexicon")
    calls = []
    real = comp.unseen_tagger.tag
    monkeypatch.setattr(comp.unseen_tagger, "tag", lambda words, i: calls.append(words[i]) or real(words, i))
    text = "Vi reiste til Gnurkvik i fjor."
    nlp(text)
    assert calls == ["Gnurkvik"]
    calls.clear()
    comp.use_unseen_tagger = False
    comp.reset_cache()
    nlp(text)
    assert calls == []
