import json

import numpy as np
import pytest

import luktheme
from luktheme.corpus import Example
from luktheme.errors import ModelError, ModelVersionWarning
from luktheme.tagger import Tagging
from luktheme.training import train

EXAMPLES = [
    ("Arrangere årlege kurs i planstrategi for kommunane.", ("planstrategi", "kompetanseheving")),
    ("Skaffe frem plangrunnlag som statistikk, grunnlagsmateriale og utredninger.", ("planstrategi", "statistikk")),
    ("Utvikle regionsenteret Otta.", ("stedsutvikling",)),
    ("Asfaltere fylkesvegen mellom Vågå og Lom.", ()),
]


def test_public_api_names():
    assert luktheme.THEMES == ("bolyst", "planstrategi", "stedsutvikling", "kompetanseheving", "statistikk")
    assert set(luktheme.__all__) >= {"THEMES", "load", "read_examples", "train", "Tagging"}


@pytest.mark.parametrize("text, themes", EXAMPLES)
def test_bundled_model_tags_examples(tagger, text, themes):
    t = tagger(text)
    assert isinstance(t, Tagging) and t.text == text
    assert t.themes == themes
    assert list(t.scores) == list(luktheme.THEMES) and all(0.0 <= s <= 1.0 for s in t.scores.values())


def test_pipe_equals_call_in_order(tagger):
    texts = [t for t, _ in EXAMPLES] * 3 + ["", "Kurs"]
    piped = list(tagger.pipe(texts, batch_size=4))
    assert [p.text for p in piped] == texts
    for text, p in zip(texts, piped):
        single = tagger(text)
        assert single.themes == p.themes
        assert np.allclose(list(single.scores.values()), list(p.scores.values()))


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_call_rejects_non_str(tagger, bad):
    with pytest.raises(TypeError, match="expects a str"):
        tagger(bad)


def test_pipe_rejects_a_single_string(tagger):
    with pytest.raises(TypeError, match="not a single string"):
        list(tagger.pipe("Kurs i planstrategi"))
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str"):
        list(tagger.pipe(["Kurs", 3]))


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_has_no_theme(tagger, text):
    t = tagger(text)
    assert t.themes == () and max(t.scores.values()) == 0.0


def test_very_long_text_and_foreign_language(tagger):
    long = "Kommunen skal arrangere kurs i planstrategi for alle planleggere. " * 16000
    assert len(long) > 1_000_000
    assert "kompetanseheving" in tagger(long).themes
    english = tagger("The weather in London was rainy and the football match was cancelled.")
    assert english.themes == ()


def test_save_load_round_trip(tmp_path, toy):
    texts, labels = toy
    rows = [Example(str(i), t, tuple(lab), {"group": str(i % 6)}) for i, (t, lab) in enumerate(zip(texts, labels))]
    tagger = train(rows, threshold_folds=3)
    path = tagger.save(tmp_path / "m")
    assert sorted(p.name for p in path.iterdir()) == ["README.md", "meta.json", "vectorizer.json", "weights.npz"]
    with np.load(path / "weights.npz", allow_pickle=False) as npz:  # plain arrays, never pickled objects
        assert all(npz[k].dtype != object for k in npz.files)
    back = luktheme.load(path)
    for a, b in zip(tagger.pipe(texts), back.pipe(texts)):
        assert a.themes == b.themes and np.allclose(list(a.scores.values()), list(b.scores.values()))
    meta = json.loads((path / "meta.json").read_text())
    assert meta["themes"] == list(luktheme.THEMES) and meta["training"]["n_examples"] == len(rows)
    assert set(meta["thresholds"]) == set(luktheme.THEMES) and len(meta["training"]["data_hash"]) == 64
    with pytest.raises(FileExistsError, match="force"):
        tagger.save(path)
    tagger.save(path, force=True)


def test_same_data_same_model(tmp_path, toy):
    texts, labels = toy
    rows = [Example(str(i), t, tuple(lab), {"group": str(i % 6)}) for i, (t, lab) in enumerate(zip(texts, labels))]
    a = train(rows, threshold_folds=3).save(tmp_path / "a")
    b = train(rows, threshold_folds=3).save(tmp_path / "b")
    assert (a / "vectorizer.json").read_bytes() == (b / "vectorizer.json").read_bytes()
    with np.load(a / "weights.npz") as wa, np.load(b / "weights.npz") as wb:
        for k in wa.files:
            np.testing.assert_allclose(wa[k], wb[k], rtol=1e-6, atol=1e-8)


def test_missing_or_damaged_files_are_named(model_copy):
    (model_copy / "weights.npz").unlink()
    with pytest.raises(ModelError, match=r"weights.npz: missing from the model folder.*luktheme train"):
        luktheme.load(model_copy)


def test_damaged_json(model_copy):
    (model_copy / "vectorizer.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(ModelError, match=r"vectorizer.json: not valid JSON"):
        luktheme.load(model_copy)


def test_other_version_warns_and_other_format_fails(model_copy):
    meta = json.loads((model_copy / "meta.json").read_text())
    meta["luktheme_version"] = "0.0.1"
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.warns(ModelVersionWarning, match="written by luktheme 0.0.1"):
        luktheme.load(model_copy)
    meta["format"] = "luktheme.bert.v9"
    (model_copy / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="format 'luktheme.bert.v9'"):
        luktheme.load(model_copy)


def test_not_a_folder(tmp_path):
    with pytest.raises(ModelError, match="no such model folder"):
        luktheme.load(tmp_path / "nothing")


def test_explanation_points_at_real_words(tagger):
    text = "Kurs i kommunal planstrategi"
    ex = tagger.explain(text)
    assert ex.themes == ("planstrategi", "kompetanseheving")
    top = ex.support["planstrategi"][0]
    assert text[top.start:top.end] == top.word == "planstrategi" and top.weight > 0
    assert ex.top_words("kompetanseheving", 1) == ["Kurs"]
    for e in ex.evidence:
        assert text[e.start:e.end] == e.word and e.theme in ex.themes


def test_explanation_shows_words_against(tagger):
    text = "Bygge ny barnehage i sentrum"
    ex = tagger.explain(text)
    # A kindergarten is a service, not the place: it pulls stedsutvikling down, the town centre up.
    assert ex.against["stedsutvikling"][0].word == "barnehage" and ex.against["stedsutvikling"][0].weight < 0
    assert ex.support["stedsutvikling"][0].word == "sentrum" and ex.support["stedsutvikling"][0].weight > 0
    for t in luktheme.THEMES:
        for e in ex.against[t] + ex.support[t]:
            assert text[e.start:e.end] == e.word


def test_html_views_have_one_mark_per_evidence_item(tagger):
    ex = tagger.explain("Kurs i kommunal planstrategi for nye innbyggjarar i bygda")
    html = ex._repr_html_()
    assert html.count('class="luktheme-evidence"') == len(ex.evidence) > 0
    assert "threshold" in html and all(t in html for t in luktheme.THEMES)
    assert "<mark" not in tagger("Kurs")._repr_html_().split("themes:")[1]
    from luktheme.display import taggings_table_html

    table = taggings_table_html(tagger.pipe(["Kurs", "Ny veg"]))
    assert table.count("<tr><td") == 2 and "Ny veg" in table


@pytest.mark.parametrize("texts", [["x"], ["中文 文本"], ["Привет мир"], ["•"], ["Kurs i planstrategi", "x"]])
def test_texts_without_a_known_ngram_are_tagged(tagger, texts):
    out = list(tagger.pipe(texts))
    assert out[-1].themes == () and len(out) == len(texts)
    assert tagger(texts[-1]).themes == ()


def test_a_very_long_text_is_tagged_not_refused(tagger):
    assert tagger("x" * 1_000_000).themes == ()
    prose = " ".join(["Kommunen skal kartlegge boligbehovet i regionen."] * 25_000)  # 1.2 M characters
    assert "statistikk" in tagger(prose).themes


def test_characters_that_are_not_text_are_replaced_with_one_warning(tagger):
    from luktheme.errors import TextCleanedWarning

    with pytest.warns(TextCleanedWarning, match="2 character"):
        t = tagger("\x00\ud800 Kurs i planstrategi for kommunane")
    assert t.text == "\ufffd\ufffd Kurs i planstrategi for kommunane" and "planstrategi" in t.themes
    json.dumps(t.text).encode("utf-8")  # the result can be written out
