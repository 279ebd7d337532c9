"""Loading the Norwegian pipeline (luktheme.nlp.pipeline)."""

from __future__ import annotations

import shutil

import pytest
import spacy

from luktheme._paths import models_dir
from luktheme.errors import ModelError
from luktheme.nlp import PIPELINE_NAME, blank_nlp, load_nlp


def test_bundled_pipeline_loads(nlp):
    assert "luktheme_lexicon" in nlp.pipe_names
    assert (models_dir() / PIPELINE_NAME / "config.cfg").is_file()


def test_spacy_load_works_after_import():
    nlp = spacy.load(models_dir() / PIPELINE_NAME)
    doc = nlp("Kommunen skal styrke tiltakene.")
    assert [t.lemma_ for t in doc] == ["kommune", "skulle", "styrke", "tiltak", "."]


def test_pipe_equals_call(nlp):
    texts = [
        "Kommunen skal utarbeide en plan for kompetanseheving i barnehagene.",
        "Fylkeskommunen vil styrkje folkehelsearbeidet i distrikta.",
        "Tiltaket gjeld 2025. Det skal evaluerast årleg.",
        "",
        "Stedsutviklingsprosjekta i sentrum må følgjast opp.",
    ] * 3
    piped = [[(t.text, t.lemma_, t.pos_, t.is_sent_start) for t in d] for d in nlp.pipe(texts, batch_size=4)]
    fresh = load_nlp(shared=False)  # cold caches
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


def test_one_pipeline_per_process():
    from luktheme import analysis, segments

    nlp = load_nlp()
    assert load_nlp() is nlp
    assert load_nlp(str(models_dir() / PIPELINE_NAME)) is nlp
    # Sentences and lemmas come from the same object, not two copies of it.
    assert segments.sentence_nlp() is nlp
    assert analysis.pipeline_for("lemma") is nlp
    assert load_nlp(fast=False) is not nlp


def test_splitting_sentences_leaves_the_shared_pipeline_as_loaded(monkeypatch):
    from luktheme.readers import Block
    from luktheme.segments import segment, sentence_nlp

    nlp = sentence_nlp()
    names = list(nlp.pipe_names)
    text = "Målet er vekst. Kommunen skal styrke kompetansehevingstiltakene."
    annotator = nlp.get_pipe("luktheme_lexicon")
    calls = []
    real = annotator._annotate
    monkeypatch.setattr(annotator, "_annotate", lambda docs: calls.append(len(docs)) or real(docs))
    segments = segment([Block("text", text)])
    # Sentence boundaries need only the sentence setters: the lexicon component does not run.
    assert [s.text for s in segments] == ["Målet er vekst.", "Kommunen skal styrke kompetansehevingstiltakene."]
    assert calls == []
    assert nlp.pipe_names == names and "luktheme_lexicon" in names
    assert [t.lemma_ for t in nlp("Kommunen skal styrke tiltakene.")][:2] == ["kommune", "skulle"]
    assert calls
