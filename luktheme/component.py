"""The theme classifier as a spaCy pipeline component, registered as ``"luktheme"``.

>>> import spacy, luktheme.component
>>> nlp = spacy.blank("nb")
>>> _ = nlp.add_pipe("luktheme")
>>> doc = nlp("Arrangere kurs i planstrategi for kommunane.")
>>> doc._.themes
('planstrategi', 'kompetanseheving')
>>> round(doc.cats["planstrategi"], 1)
1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .tagger import load

if not Doc.has_extension("themes"):
    Doc.set_extension("themes", default=())


class ThemeComponent:
    """Fill ``doc.cats`` with the five theme scores and ``doc._.themes`` with the chosen themes.

    Parameters
    ----------
    tagger : ThemeTagger
        The model; it reads ``doc.text``, so the result is the same whatever
        runs before this component.
    """

    def __init__(self, tagger):
        self.tagger = tagger

    def _set(self, doc: Doc, tagging) -> Doc:
        doc.cats = dict(tagging.scores)
        doc._.themes = tagging.themes
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self.tagger(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        docs = iter(docs)
        while batch := list(islice(docs, batch_size)):
            for doc, tagging in zip(batch, self.tagger.pipe([d.text for d in batch], batch_size=batch_size)):
                yield self._set(doc, tagging)


@Language.factory("luktheme", default_config={"model": None})
def make_theme_component(nlp: Language, name: str, model: str | None) -> ThemeComponent:
    """Create the component; ``model`` is a model folder, or None for the bundled model."""
    return ThemeComponent(load(model))
