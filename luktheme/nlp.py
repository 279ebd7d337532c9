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
head), caches every answer per word form, and runs the neural network only on
the words it cannot answer -- and there only on a window of
:data:`CONTEXT` tokens either side, which is exactly the network's receptive
field, so those words get the same prediction as from a full run.  The
network components (``tok2vec``, ``morphologizer``, ``trainable_lemmatizer``)
are stored in the pipeline but disabled, because the lexicon component calls
them itself; ``load_nlp(fast=False)`` enables them the usual spaCy way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from ._paths import models_dir
from .compounds import OPEN_CLASSES, Lexicon
from .errors import ModelError

#: Name of the bundled pipeline folder inside :func:`luktheme._paths.models_dir`.
PIPELINE_NAME = "nlp-nbnn-v1"

#: Tokens either side that the tok2vec layer sees (depth 4 x window 1 in
#: ``scripts/nlp_config.cfg``).  A window this wide reproduces a full-doc prediction.
CONTEXT = 4

NETWORK = ("tok2vec", "morphologizer", "trainable_lemmatizer")
REBUILD_HINT = "rebuild it with `python scripts/train_nlp.py` (needs ../shared/corpora/norne)"

_NUMBER = re.compile(r"^[+-]?\d+([.,:]\d+)*%?$")
_ANNOTATORS: dict[int, "LexiconAnnotator"] = {}


# --------------------------------------------------------------------------- token extension


def _compound_parts(token: Token) -> tuple[str, ...]:
    ann = _ANNOTATORS.get(id(token.doc.vocab))
    lemma = token.lemma_ or token.lower_
    if ann is None or ann.lexicon is None:
        return (lemma.lower(),)
    return ann.lexicon.parts(lemma, token.pos_)


Token.set_extension("compound_parts", getter=_compound_parts, force=True)


# --------------------------------------------------------------------------- components


class LexiconAnnotator:
    """Answer known words from the lexicon; run the network only where needed.

    Parameters
    ----------
    nlp : Language
        The pipeline; the network components are looked up in it by name.
    name : str
        Component name.
    network : list of str
        Names of the (disabled) network components to run on unanswered words.
    context : int
        Tokens either side given to the network (its receptive field).
    min_count, min_share : int, float
        A word is answered from the table when it was seen ``min_count`` times
        with one analysis in at least ``min_share`` of them.
    cache_size : int
        Word forms whose answers are remembered (the cache is cleared when full).
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        network: list[str],
        context: int,
        min_count: int,
        min_share: float,
        cache_size: int,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.network = list(network)
        self.context = context
        self.min_count = min_count
        self.min_share = min_share
        self.cache_size = cache_size
        self.lexicon: Lexicon | None = None
        self._cache: dict[int, tuple[int, int] | None] = {}
        _ANNOTATORS[id(nlp.vocab)] = self

    # -- persistence -------------------------------------------------------------

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._cache = {}

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.lexicon is None:
            raise ModelError(f"component {self.name!r} has no lexicon to save to {path}; call set_lexicon() first")
        self.lexicon.to_disk(path / "lexicon.json.gz")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LexiconAnnotator":
        lex_path = Path(path) / "lexicon.json.gz"
        if not lex_path.is_file():
            raise ModelError(f"the pipeline component folder {path} has no lexicon.json.gz; {REBUILD_HINT}")
        self.set_lexicon(Lexicon.from_disk(lex_path, min_count=self.min_count, min_share=self.min_share))
        return self

    def reset_cache(self) -> None:
        """Forget the cached word answers (for cold-start timing)."""
        self._cache = {}

    # -- annotation --------------------------------------------------------------

    def _resolve(self, text: str) -> tuple[int, int] | None:
        """Answer a word form without context, or None when the network must decide."""
        lex = self.lexicon
        strings = self.nlp.vocab.strings
        hit = lex.known.get(text)
        if hit is None and not text.isspace():
            if text in lex.forms:
                return None
            if _NUMBER.match(text):
                hit = (text, "NUM")
            elif text.islower() and len(text) >= 5:
                found = lex.analyse_unknown(text)
                # Only noun heads are trusted without context: on the UD dev split they
                # beat the network (98.8% vs 93.8% right lemma+POS), adjective and verb heads
                # (participles!) do not.
                if found is not None and found[1] == "NOUN":
                    hit = (found[0], found[1])
        elif hit is None:
            hit = (text, "SPACE")
        if hit is None:
            return None
        return strings.add(hit[0]), POS_IDS[hit[1]]

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        if self.lexicon is None:
            raise ModelError(f"component {self.name!r} has no lexicon; load the pipeline from disk or {REBUILD_HINT}")
        cache = self._cache
        if len(cache) > self.cache_size:
            cache.clear()
        resolve = self._resolve
        pending: list[tuple[Doc, list[int]]] = []
        for doc in docs:
            todo = []
            for tok in doc:
                key = tok.orth
                try:
                    hit = cache[key]
                except KeyError:
                    hit = cache[key] = resolve(tok.text)
                if hit is None:
                    todo.append(tok.i)
                else:
                    tok.lemma = hit[0]
                    tok.pos = hit[1]
            if todo:
                pending.append((doc, todo))
        if pending:
            self._run_network(pending)

    def _run_network(self, pending: list[tuple[Doc, list[int]]]) -> None:
        vocab = self.nlp.vocab
        c = self.context
        windows: list[Doc] = []
        targets: list[tuple[Doc, int, list[int]]] = []
        for doc, todo in pending:
            n = len(doc)
            start = max(0, todo[0] - c)
            end = min(n, todo[0] + c + 1)
            group = [todo[0]]
            spans = []
            for i in todo[1:]:
                if i - c <= end:
                    end = min(n, i + c + 1)
                    group.append(i)
                else:
                    spans.append((start, end, group))
                    start, end, group = max(0, i - c), min(n, i + c + 1), [i]
            spans.append((start, end, group))
            for start, end, group in spans:
                toks = doc[start:end]
                windows.append(Doc(vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks]))
                targets.append((doc, start, group))
        for name in self.network:
            proc = self.nlp.get_pipe(name)
            proc.set_annotations(windows, proc.predict(windows))
        lex = self.lexicon
        strings = vocab.strings
        for wdoc, (doc, start, group) in zip(windows, targets):
            for i in group:
                src = wdoc[i - start]
                tok = doc[i]
                pos = src.pos_
                lemma = src.lemma_.lower()
                text = tok.text
                if pos in OPEN_CLASSES and text not in lex.forms:
                    # The network lemmatizes unseen words by analogy of endings; the head
                    # of a compound, looked up in the treebank's words, knows better.
                    found = lex.analyse_unknown(text.lower(), pos)
                    if found is not None:
                        lemma = found[0]
                tok.pos = src.pos
                tok.lemma = strings.add(lemma)


class RuleSentencizer:
    """Split sentences at final punctuation followed by a plausible sentence start, and at blank lines.

    Parameters
    ----------
    nlp : Language
        The pipeline (unused; spaCy passes it to every factory).
    name : str
        Component name.
    """

    FINAL = frozenset({".", "!", "?", "…", "...", "!!", "?!", "!?"})
    CLOSERS = frozenset({'"', "»", "”", "’", "'", ")", "]"})

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = ""  # "soft" after final punctuation, "hard" after a line break
        prev = None
        for tok in doc:
            if prev is None:
                tok.is_sent_start = True
                prev = tok
                continue
            text = prev.text
            if prev.is_space:
                if "\n" in text:
                    state = "hard"
            elif text in self.FINAL:
                state = "soft"
            elif not (state and text in self.CLOSERS):
                state = ""
            start = False
            if state and not tok.is_space:
                # A quote glued to the full stop closes the old sentence; one after a space opens the next.
                if not (tok.text in self.CLOSERS and (not prev.whitespace_ or tok.text in "»”)]")):
                    start = state == "hard" or not tok.text[0].islower()
                    state = ""
            tok.is_sent_start = start
            prev = tok
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(
    "luktheme_lexicon_v1",
    default_config={
        "network": list(NETWORK),
        "context": CONTEXT,
        "min_count": 1,
        "min_share": 0.99,
        "cache_size": 500_000,
    },
    assigns=["token.lemma", "token.pos"],
)
def make_lexicon_annotator(
    nlp: Language, name: str, network: list[str], context: int, min_count: int, min_share: float, cache_size: int
) -> LexiconAnnotator:
    return LexiconAnnotator(nlp, name, network, context, min_count, min_share, cache_size)


@Language.factory("luktheme_sentences_v1", assigns=["token.is_sent_start"])
def make_rule_sentencizer(nlp: Language, name: str) -> RuleSentencizer:
    return RuleSentencizer(nlp, name)


# --------------------------------------------------------------------------- loading


def _default_path() -> Path:
    return models_dir() / PIPELINE_NAME


def load_nlp(path: str | Path | None = None, *, fast: bool = True) -> Language:
    """Load the Norwegian pipeline (Bokmål and Nynorsk).

    Parameters
    ----------
    path : str or Path, optional
        Pipeline folder; None loads the bundled ``models/nlp-nbnn-v1``.
    fast : bool
        True (default) answers known words from the lexicon and runs the network
        only where needed.  False runs the network on every token the plain
        spaCy way (for comparison; slower, and without the compound lemmas).

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    ModelError
        If the folder is missing or cannot be loaded.

    Examples
    --------
    >>> nlp = load_nlp()
    >>> doc = nlp("Kommunen skal styrke kompetansehevingstiltakene.")
    >>> [t.lemma_ for t in doc]
    ['kommune', 'skulle', 'styrke', 'kompetansehevingstiltak', '.']
    >>> doc[3]._.compound_parts
    ('kompetanse', 'heving', 'tiltak')
    """
    p = Path(path) if path is not None else _default_path()
    if not (p / "config.cfg").is_file():
        raise ModelError(
            f"no spaCy pipeline at {p}: expected a folder with config.cfg (the bundled "
            f"{PIPELINE_NAME}); {REBUILD_HINT}, or pass the path of a pipeline folder"
        )
    try:
        nlp = spacy.load(p)
    except Exception as exc:  # spaCy raises many types for damaged folders
        raise ModelError(f"cannot load the spaCy pipeline at {p} ({type(exc).__name__}: {exc}); {REBUILD_HINT}") from exc
    if not fast:
        for name in NETWORK:
            if name in nlp.disabled:
                nlp.enable_pipe(name)
        if "luktheme_lexicon" in nlp.pipe_names:
            nlp.disable_pipe("luktheme_lexicon")
        nlp.add_pipe("luktheme_lowercase_lemmas_v1", last=True)
    return nlp


@Language.component("luktheme_lowercase_lemmas_v1")
def _lowercase_lemmas(doc: Doc) -> Doc:
    for tok in doc:
        tok.lemma_ = tok.lemma_.lower()
    return doc


@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    """Return a cached ``spacy.blank("nb")`` (tokenizer only) for the fast no-model path.

    Examples
    --------
    >>> [t.text for t in blank_nlp()("Tiltak 3.2: styrke barnehagene.")]
    ['Tiltak', '3.2', ':', 'styrke', 'barnehagene', '.']
    """
    return spacy.blank("nb")
