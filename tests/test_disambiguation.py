"""Tests of the context tagger for ambiguous words (luktheme.disambiguation)."""

from __future__ import annotations

import shutil

import pytest

from luktheme._paths import models_dir
from luktheme.compounds import Lexicon
from luktheme.disambiguation import ContextTagger, context_features, word_class
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


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


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
    nlp = load_nlp()
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
