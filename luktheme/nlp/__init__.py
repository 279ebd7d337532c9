"""The Norwegian (Bokmål + Nynorsk) spaCy pipeline: UPOS, lemmas, compounds, sentences.

:func:`load_nlp` returns a :class:`spacy.language.Language` built from the
Norwegian Dependency Treebank (see ``scripts/train_nlp.py``).  Every token gets

* ``token.pos_`` -- a Universal POS tag;
* ``token.lemma_`` -- the lemma, always lower case (punctuation lemmatizes to itself);
* ``token._.compound_parts`` -- the lemma split into its compound parts, e.g.
  ``("kompetanse", "heving", "tiltak")`` for "kompetansehevingstiltakene".  A word
  that is not a compound gets a 1-tuple with its lemma, ``("plan",)``, so the
  parts always spell out the lemma's content.

and ``doc.sents`` works.

Where the time goes, and why the pipeline looks the way it does: plan
documents repeat the same words endlessly, and for most of them the treebank
already knows the answer.  The ``luktheme_lexicon_v1`` component answers those
words from a word table (and unseen compounds from the table entry of their
head), answers ambiguous words from their neighbours where the treebank is
unanimous, caches every answer per word form, and runs the neural network only
on the words it still cannot answer -- and there only on a window of
:data:`CONTEXT` tokens either side; the answer is cached per window, since
plan documents repeat their phrases as well as their words.  The
network components (``tok2vec``, ``morphologizer``, ``trainable_lemmatizer``)
are stored in the pipeline but disabled, because the lexicon component calls
them itself; ``load_nlp(fast=False)`` enables them the usual spaCy way.

The package's modules: :mod:`~luktheme.nlp.pipeline` loads the pipeline,
:mod:`~luktheme.nlp.annotator` and :mod:`~luktheme.nlp.network` make the
lexicon component, :mod:`~luktheme.nlp.sentencizer` the sentence splitter,
:mod:`~luktheme.nlp.compounds` (with :mod:`~luktheme.nlp.analogy` and
:mod:`~luktheme.nlp.wordtables`) the word lexicon and compound splitter, and
:mod:`~luktheme.nlp.disambiguation` the taggers of ambiguous and unseen words.
Importing the package registers the components with spaCy, so
``spacy.load("models/nlp-nbnn-v1")`` works after ``import luktheme.nlp``.
"""

from __future__ import annotations

from .annotator import CONTEXT, LexiconAnnotator, make_lexicon_annotator
from .compounds import Lexicon
from .disambiguation import (
    OPEN_TAGS,
    ContextTagger,
    UnseenWordTagger,
    context_features,
    unseen_features,
    word_class,
)
from .pipeline import NETWORK, PIPELINE_NAME, REBUILD_HINT, blank_nlp, load_nlp
# The spacy_factories entry points in pyproject.toml name the component here.
from .pipeline import _lowercase_lemmas as _lowercase_lemmas
from .sentencizer import RuleSentencizer, make_rule_sentencizer
from .wordtables import OPEN_CLASSES, SPLIT_CLASSES, context_keys

__all__ = [
    "CONTEXT",
    "NETWORK",
    "OPEN_CLASSES",
    "OPEN_TAGS",
    "PIPELINE_NAME",
    "REBUILD_HINT",
    "SPLIT_CLASSES",
    "ContextTagger",
    "Lexicon",
    "LexiconAnnotator",
    "RuleSentencizer",
    "UnseenWordTagger",
    "blank_nlp",
    "context_features",
    "context_keys",
    "load_nlp",
    "make_lexicon_annotator",
    "make_rule_sentencizer",
    "unseen_features",
    "word_class",
]
