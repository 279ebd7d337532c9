"""The ``luktheme_sentences_v1`` component: sentence boundaries by rule.

:class:`RuleSentencizer` ends a sentence at final punctuation before a
plausible sentence start, at a line break, and before a capitalized common
word after a word that may end one (headlines and list items that lost their
line breaks).  The treebank lexicon of the pipeline's
:class:`~luktheme.nlp.annotator.LexiconAnnotator` tells common words from
names.  Importing this module registers the component's factory with spaCy.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from .annotator import _ANNOTATORS
from .compounds import Lexicon


class RuleSentencizer:
    """Split sentences at final punctuation followed by a plausible sentence start, and at line breaks.

    Parameters
    ----------
    nlp : Language
        The pipeline (unused; spaCy passes it to every factory).
    name : str
        Component name.
    """

    # The treebank also ends a sentence at a colon before a capital, quote or dash
    # (direct speech, lists): 88% of such colons on the UD dev split.
    FINAL = frozenset({".", "!", "?", "…", "...", "!!", "?!", "!?", ":"})
    CLOSERS = frozenset({'"', "»", "”", "’", "'", ")", "]"})

    #: A sentence hardly ends on these (the word before a capital that starts one).
    NO_END = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART", "PRON", "PROPN"})

    def __init__(self, nlp: Language, name: str, use_capitals: bool = True) -> None:
        self.name = name
        self.use_capitals = use_capitals
        self._lex: Lexicon | None = None
        self._infos: dict[int, tuple] = {}

    def _capital_start(self, text: str, lex: Lexicon) -> bool:
        """A common word written with a capital after a word: a new sentence without a full stop.

        Headlines and list items lose their line breaks in extracted text
        ("... salt og peppar Smør til steiking ...").  The lexicon knows which
        words are common words and which ones are names.
        """
        if len(text) < 2 or not text[0].isupper() or not text[1:].islower():
            return False
        own = lex.forms.get(text)
        if own is not None and own[0][1] == "PROPN":
            return False
        low = lex.forms.get(text.lower())
        if low is None or low[0][1] == "PROPN":
            return False
        return sum(a[2] for a in low) >= 5

    # Word kinds, cached per word id.
    _WORD, _FINAL, _CLOSER, _NEWLINE, _SPACE = range(5)

    def _info(self, orth: int, strings, lex: Lexicon | None) -> tuple:
        text = strings[orth]
        if text.isspace():
            kind = self._NEWLINE if "\n" in text else self._SPACE
        elif text in self.FINAL:
            kind = self._FINAL
        elif text in self.CLOSERS:
            kind = self._CLOSER
        else:
            kind = self._WORD
        may_end = cap_start = False
        if lex is not None and kind == self._WORD:
            may_end = text[:1].isalnum() and lex.word_class(text) not in self.NO_END
            cap_start = self._capital_start(text, lex)
        # (kind, lower-case start, may end a sentence, capital that may start one, closes in any position)
        return kind, text[:1].islower(), may_end, cap_start, text in "»”)]"

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        ann = _ANNOTATORS.get(id(doc.vocab))
        lex = ann.lexicon if ann is not None and self.use_capitals else None
        if lex is not self._lex:
            self._lex, self._infos = lex, {}
        infos = self._infos
        strings = doc.vocab.strings
        orths = doc.to_array(ORTH).tolist()
        glued = doc.to_array(SPACY).tolist()
        starts = numpy.full((n, 1), -1, dtype="int64")
        starts[0, 0] = 1
        state = 0  # 1 after final punctuation ("soft"), 2 after a line break ("hard")
        WORD, FINAL, CLOSER, NEWLINE, SPACE = range(5)
        prev = infos.get(orths[0]) or infos.setdefault(orths[0], self._info(orths[0], strings, lex))
        for i in range(1, n):
            o = orths[i]
            cur = infos.get(o)
            if cur is None:
                cur = infos[o] = self._info(o, strings, lex)
            kind = prev[0]
            if kind == NEWLINE:
                state = 2
            elif kind == FINAL:
                state = 1
            elif kind == SPACE or (state and kind == CLOSER):
                pass
            else:
                state = 0
            ckind = cur[0]
            if ckind == NEWLINE or ckind == SPACE:
                pass
            elif not state:
                if cur[3] and prev[2]:
                    starts[i, 0] = 1
            # A quote glued to the full stop closes the old sentence; one after a space opens the next.
            elif not (ckind == CLOSER and (not glued[i - 1] or cur[4])):
                if state == 2 or not cur[1]:
                    starts[i, 0] = 1
                state = 0
            prev = cur
        doc.from_array([SENT_START], starts.view("uint64"))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("luktheme_sentences_v1", default_config={"use_capitals": True}, assigns=["token.is_sent_start"])
def make_rule_sentencizer(nlp: Language, name: str, use_capitals: bool) -> RuleSentencizer:
    return RuleSentencizer(nlp, name, use_capitals)
