"""Text analysis: raw texts to the token strings the features are built from.

The spaCy pipeline is the seam: :func:`analyse` turns texts into space-joined
token strings (lower-case words, or lemmas plus compound parts when the
pipeline has them); the features (:mod:`luktheme.features`) and the theme
lexicon (:mod:`luktheme.lexicon`) start from those strings. A text's analysis
depends on the text alone, so it is kept for the next fit or document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .rawtext import cut_text

ANALYSERS = ("blank", "lemma")
_NUMBER = re.compile(r"^[\d.,:/\-–]+$")


def pipeline_for(analysis: str):
    """The spaCy pipeline of an analysis: the blank tokenizer, or the shared Norwegian pipeline.

    Examples
    --------
    >>> pipeline_for("blank").pipe_names
    []
    """
    from . import nlp

    if analysis not in ANALYSERS:
        raise ValueError(f"The 'analysis' parameter must be one of {ANALYSERS}. Got {analysis!r} instead.")
    return nlp.blank_nlp() if analysis == "blank" else nlp.load_nlp()


def token_forms(tok, with_lemmas: bool) -> list[str]:
    """The analysed strings one spaCy token contributes (none for punctuation and space)."""
    if tok.is_punct or tok.is_space:
        return []
    word = tok.lower_
    if _NUMBER.match(word):
        return ["0"]
    if not with_lemmas:
        return [word]
    forms = [(tok.lemma_ or word).lower()]
    parts = tok._.compound_parts if tok.has_extension("compound_parts") else ()
    if parts and len(parts) > 1:
        forms.extend(parts)
    return forms


def _token_strings(doc, with_lemmas: bool) -> list[str]:
    """What :func:`token_forms` gives for every token of ``doc``, joined.

    Plan documents repeat their words endlessly, so the forms are computed once
    per (word, lemma, part of speech) and read from the Doc's arrays, without a
    Python ``Token`` per word.
    """
    if not len(doc):
        return []
    from spacy.attrs import LEMMA, ORTH, POS

    cache = _FORMS_CACHE.setdefault((id(doc.vocab), with_lemmas), {})
    # The forms depend on the word (punctuation, case, number), its lemma and part of
    # speech (compound parts) only.
    keys = doc.to_array([ORTH, LEMMA, POS]).tolist()
    out: list[str] = []
    for i, key in enumerate(map(tuple, keys)):
        forms = cache.get(key)
        if forms is None:
            forms = cache[key] = tuple(token_forms(doc[i], with_lemmas))
        out.extend(forms)
    if len(cache) > _FORMS_CACHE_SIZE:
        cache.clear()
    return out


_FORMS_CACHE: dict[tuple[int, bool], dict[tuple[int, ...], tuple[str, ...]]] = {}
_FORMS_CACHE_SIZE = 500_000


def analyse(texts: Iterable[str], analysis: str = "blank", *, batch_size: int = 256) -> list[str]:
    """Turn raw texts into space-joined, lower-case token strings.

    Parameters
    ----------
    texts : iterable of str
        Raw measures or sentences.
    analysis : {"blank", "lemma"}
        ``"blank"`` uses spaCy's Norwegian tokenizer only; ``"lemma"`` uses the
        bundled Norwegian pipeline and adds lemmas and compound parts.
    batch_size : int
        Passed on to ``nlp.pipe``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> analyse(["Kurs i planstrategi, 2 dager."])
    ['kurs i planstrategi 0 dager']
    """
    if analysis not in ANALYSERS:
        raise ValueError(f"The 'analysis' parameter must be one of {ANALYSERS}. Got {analysis!r} instead.")
    texts = list(texts)
    cache = _ANALYSED.setdefault(analysis, {})
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        if len(cache) + len(todo) > _ANALYSED_SIZE:
            cache.clear()
        cache.update(zip(todo, _analyse(todo, analysis, batch_size)))
    return [cache[t] for t in texts]


# Cross-validation fits a model dozens of times on the same texts, and documents repeat their
# measures; a text's analysis depends on the text alone, so it is kept.
_ANALYSED: dict[str, dict[str, str]] = {}
_ANALYSED_SIZE = 200_000


def _analyse(texts: list[str], analysis: str, batch_size: int) -> list[str]:
    nlp = pipeline_for(analysis)
    with_lemmas = analysis == "lemma"
    # spaCy refuses texts beyond nlp.max_length; a long text is analysed in pieces cut at white space.
    pieces, owner = [], []
    for i, text in enumerate(texts):
        # No word runs for hundreds of letters; such a run (base64, a stuck key) is cut, not analysed
        # letter by letter as an unknown compound.
        text = _LONG_RUN.sub(lambda m: m.group()[:_MAX_WORD], text)
        for _, piece in cut_text(text, _MAX_PIECE):
            pieces.append(piece)
            owner.append(i)
    out: list[list[str]] = [[] for _ in texts]
    for i, doc in zip(owner, nlp.pipe(pieces, batch_size=batch_size)):
        out[i].extend(_token_strings(doc, with_lemmas))
    return [" ".join(tokens) for tokens in out]


_MAX_PIECE = 100_000
_MAX_WORD = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (_MAX_WORD + 1))
