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
