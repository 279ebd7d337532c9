import numpy as np
import spacy

import luktheme
import luktheme.component  # noqa: F401  (registers the factory)

TEXTS = ["Arrangere kurs i planstrategi for kommunane.", "Utvikle regionsenteret Otta.", "Asfaltere vegen.", ""]


def test_component_fills_cats_and_themes(tagger):
    nlp = spacy.blank("nb")
    nlp.add_pipe("luktheme")
    doc = nlp(TEXTS[0])
    assert set(doc.cats) == set(luktheme.THEMES)
    assert doc._.themes == tagger(TEXTS[0]).themes == ("planstrategi", "kompetanseheving")


def test_nlp_pipe_and_tagger_pipe_agree(tagger):
    nlp = spacy.blank("nb")
    nlp.add_pipe("luktheme")
    docs = list(nlp.pipe(TEXTS * 3, batch_size=5))
    for doc, t in zip(docs, tagger.pipe(TEXTS * 3)):
        assert doc._.themes == t.themes
        assert np.allclose([doc.cats[k] for k in luktheme.THEMES], [t.scores[k] for k in luktheme.THEMES])
