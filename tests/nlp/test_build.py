"""The rebuild script's map from NDT (Oslo-Bergen) tags to UPOS."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_nlp.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("train_nlp", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def row(i, form, lemma, pos, feats, head=0, deprel="FRAG"):
    return [str(i), form, lemma, pos, pos, feats, str(head), deprel, "_", "_"]


def ud(i, form, upos):
    return [str(i), form, form.lower(), upos, "_", "_", "0", "dep", "_", "_"]


def pair(rows, tags):
    return rows, [ud(r[0], r[1], t) for r, t in zip(rows, tags)]


def test_numbers_the_dev_split_never_shows_are_num(build):
    # NDT tags "to", "27" and "alle" alike (det, kvant); UD makes the numbers NUM.
    # The quantifiers outnumber the numbers, so the tag-level keys say DET.
    quantifiers = [row(i, w, w, "det", "kvant|fl", 9, "DET") for i, w in enumerate(["alle", "begge", "noen"], 3)]
    pairs = [pair([row(1, "to", "to", "det", "kvant|fl", 9, "DET"), row(2, "12", "12", "det", "kvant|fl", 9, "DET"),
                   *quantifiers, row(9, "ganger", "gang", "subst", "appell|fl")],
                  ["NUM", "NUM", "DET", "DET", "DET", "NOUN"])] * 2
    upos = build.UposMap().fit(pairs)
    sent = [row(1, "27", "27", "det", "kvant|fl", 3, "DET"), row(2, "atten", "atten", "det", "kvant|fl", 3, "DET"),
            row(3, "alle", "all", "det", "kvant|fl", 4, "DET"), row(4, "ganger", "gang", "subst", "appell|fl")]
    assert upos.predict_sent(sent) == ["NUM", "NUM", "DET", "NOUN"]


def test_a_common_noun_does_not_take_the_tag_of_names_it_starts(build):
    pairs = [pair([row(1, "Senter", "senter", "subst", "prop", 0, "SUBJ"),
                   row(2, "bygda", "bygd", "subst", "appell|fem|be|ent", 1, "DOBJ")], ["PROPN", "NOUN"])] * 3
    upos = build.UposMap().fit(pairs)
    common = [row(1, "senteret", "senter", "subst", "appell|nøyt|be|ent", 0, "DOBJ")]
    name = [row(1, "Senter", "senter", "subst", "prop", 0, "DOBJ")]
    assert upos.predict_sent(common) == ["NOUN"]
    assert upos.predict_sent(name) == ["PROPN"]
