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
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH, POS, SENT_START, SPACY
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from ._paths import models_dir
from .compounds import OPEN_CLASSES, Lexicon
from .disambiguation import ContextTagger, UnseenWordTagger, word_class
from .errors import ModelError

#: Name of the bundled pipeline folder inside :func:`luktheme._paths.models_dir`.
PIPELINE_NAME = "nlp-nbnn-v1"

#: Tokens either side of a word that the network is shown.  The tok2vec layer
#: sees 4 (depth 4 x window 1 in ``scripts/nlp_config.cfg``).  On the UD dev
#: split a window of 2 gives the full-window accuracy; a window of 1 costs 0.36
#: UPOS points and 0.08 lemma points but repeats far more often, so the window
#: cache answers more words and the pipeline runs about twice as fast.  Speed
#: decides here: the theme tagger must keep up with spaCy's textcat ensemble.
#: Set ``nlp.get_pipe("luktheme_lexicon").context = 2`` to trade speed for UPOS.
CONTEXT = 1

NETWORK = ("tok2vec", "morphologizer", "trainable_lemmatizer")
REBUILD_HINT = "rebuild it with `python scripts/train_nlp.py` (needs ../shared/corpora/norne)"

_CONTEXT = "context"  # marker: only the network in context can answer
_ISOLATE = "isolate"  # marker: unknown word, the network answers it once on its own
_UNSURE = "unsure"  # marker: the narrow window left the network unsure; ask the wide one
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
    ctx_min_count, ctx_min_share : int, float
        The same for entries of the context table.
    detect_standard : bool
        Guess each text's written standard (Bokmål or Nynorsk) and prefer that
        standard's analyses of words the two spell alike ("vil", "er", "eldre").
    cache_size : int
        Word forms whose answers are remembered (the cache is cleared when full).
    isolate_unknown : bool
        Tag an unknown lower-case word once, on its own, and reuse the answer
        (True), instead of running the network on every occurrence in context.
        Faster, but on the UD dev split it lemmatizes unseen words worse.
    use_contexts : bool
        Answer ambiguous words from the treebank's context table (neighbouring
        words and their usual tags) where it is unanimous.
    wide_context, min_margin : int, float
        Where the network, shown ``context`` tokens either side, puts its two
        best tags within ``min_margin`` (in logits) of each other, it is asked
        again with ``wide_context`` tokens either side.  ``min_margin = 0``
        turns this off.
    use_unseen_tagger : bool
        Tag words the treebank has not seen with the
        :class:`~luktheme.disambiguation.UnseenWordTagger` (endings, compound
        head, neighbours) instead of the network; the network still proposes
        their lemma.
    use_context_tagger : bool
        Tag the frequent ambiguous words ("har", "som", "om", "til" ...) with the
        :class:`~luktheme.disambiguation.ContextTagger`, which reads the whole
        clause, instead of the network's narrow window.
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
        isolate_unknown: bool = False,
        use_contexts: bool = True,
        ctx_min_count: int = 3,
        ctx_min_share: float = 0.99,
        detect_standard: bool = True,
        use_context_tagger: bool = True,
        wide_context: int = 4,
        min_margin: float = 0.0,
        use_unseen_tagger: bool = True,
    ) -> None:
        self.nlp = nlp
        self.use_unseen_tagger = use_unseen_tagger
        self.unseen_tagger: UnseenWordTagger | None = None
        self.wide_context = wide_context
        self.min_margin = min_margin
        self.use_context_tagger = use_context_tagger
        self.context_tagger: ContextTagger | None = None
        self.ctx_min_count = ctx_min_count
        self.ctx_min_share = ctx_min_share
        self.use_contexts = use_contexts
        self.isolate_unknown = isolate_unknown
        self.name = name
        self.network = list(network)
        self.context = context
        self.min_count = min_count
        self.min_share = min_share
        self.cache_size = cache_size
        self.detect_standard = detect_standard
        self.lexicon: Lexicon | None = None
        self.reset_cache()
        _ANNOTATORS[id(nlp.vocab)] = self

    # -- persistence -------------------------------------------------------------

    def set_lexicon(
        self,
        lexicon: Lexicon,
        context_tagger: ContextTagger | None = None,
        unseen_tagger: UnseenWordTagger | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.context_tagger = context_tagger
        self.unseen_tagger = unseen_tagger
        self.reset_cache()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.lexicon is None:
            raise ModelError(f"component {self.name!r} has no lexicon to save to {path}; call set_lexicon() first")
        self.lexicon.to_disk(path / "lexicon.json.gz")
        if self.context_tagger is not None:
            self.context_tagger.to_disk(path / "context_tagger")
        if self.unseen_tagger is not None:
            self.unseen_tagger.to_disk(path / "unseen_tagger")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LexiconAnnotator":
        lex_path = Path(path) / "lexicon.json.gz"
        if not lex_path.is_file():
            raise ModelError(f"the pipeline component folder {path} has no lexicon.json.gz; {REBUILD_HINT}")
        lexicon = Lexicon.from_disk(
            lex_path,
            min_count=self.min_count,
            min_share=self.min_share,
            ctx_min_count=self.ctx_min_count,
            ctx_min_share=self.ctx_min_share,
        )
        ct_path = Path(path) / "context_tagger"
        # Optional: a pipeline without it tags every ambiguous word with the network.
        tagger = ContextTagger.from_disk(ct_path, lexicon) if ct_path.is_dir() else None
        ut_path = Path(path) / "unseen_tagger"
        unseen = UnseenWordTagger.from_disk(ut_path, lexicon) if ut_path.is_dir() else None
        self.set_lexicon(lexicon, tagger, unseen)
        return self

    def reset_cache(self) -> None:
        """Forget the cached word and window answers (for cold-start timing)."""
        self._cache = {}
        self._window_cache = {}
        self._ctx_cache: dict[tuple, tuple[int, int] | bool] = {}
        self._weights: dict[int, float] = {}
        self._lowers: dict[int, int] = {}
        self._words: dict[int, tuple[str, str]] = {}
        self._targets: dict[int, str | None] = {}
        self._ctag_cache: dict[tuple, tuple[int, int] | bool] = {}

    # -- annotation --------------------------------------------------------------

    def _resolve(self, text: str, std: str | None = None):
        """Answer a word form without context.

        Returns ``(lemma_hash, pos_id)``, or :data:`_ISOLATE` for an unknown
        lower-case word (the network tags it once, alone, and the answer is
        cached), or :data:`_CONTEXT` when only the network in context can tell
        (words the treebank shows with several analyses, unknown capitalized words).
        """
        lex = self.lexicon
        hit = lex.known_by_standard[std].get(text) if std else None
        if hit is None:
            hit = lex.known.get(text)
        if hit is None:
            if text.isspace():
                hit = (text, "SPACE")
            elif text in lex.forms:
                return _CONTEXT
            elif _NUMBER.match(text):
                hit = (text, "NUM")
            elif text.islower() and text[0].isalpha():
                found = lex.analyse_unknown(text) if len(text) >= 5 else None
                # Only noun heads are trusted without context: on the UD dev split they
                # beat the network (98.8% vs 93.8% right lemma+POS), adjective and verb heads
                # (participles!) do not.
                if found is None or found[1] != "NOUN":
                    return _ISOLATE if self.isolate_unknown else _CONTEXT
                hit = (found[0], found[1])
            else:
                return _CONTEXT
        return self.nlp.vocab.strings.add(hit[0]), POS_IDS[hit[1]]

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
        caches = self._cache
        if sum(len(c) for c in caches.values()) + len(self._ctx_cache) + len(self._words) + len(self._ctag_cache) > self.cache_size:
            self.reset_cache()
            caches = self._cache
        # The per-token work is plain dict look-ups on integer word ids; reading and
        # writing the Doc through arrays avoids a Python Token object per word.
        resolve = self._resolve
        strings = self.nlp.vocab.strings
        lex = self.lexicon
        weights = self._weights
        ctx_cache = self._ctx_cache
        lowers = self._lowers
        use_contexts = self.use_contexts
        in_context = lex.in_context
        ctag = self.context_tagger if self.use_context_tagger else None
        targets = self._targets
        ctag_cache = self._ctag_cache
        pending: list[tuple[Doc, list[int], str | None]] = []
        isolate: dict[int, list[tuple[Doc, int]]] = {}
        for doc in docs:
            n = len(doc)
            if not n:
                continue
            orths = doc.to_array(ORTH).tolist()
            starts = (doc.to_array(SENT_START).view("int64") == 1).tolist()
            std = None
            if self.detect_standard:
                # Bokmål and Nynorsk share most words but not all lemmas; the words of the
                # text tell which standard it is written in.
                score = 0.0
                for o in orths:
                    w = weights.get(o)
                    if w is None:
                        w = weights[o] = lex.standard_weight.get(strings[o], 0.0)
                    score += w
                std = "nob" if score >= 2.0 else "nno" if score <= -2.0 else None
            cache = caches.get(std)
            if cache is None:
                cache = caches[std] = {}
            lemmas = [0] * n
            tags = [0] * n
            todo = []
            sent = None
            for i, o in enumerate(orths):
                hit = cache.get(o)
                if hit is None:
                    hit = cache[o] = resolve(strings[o], std)
                if hit.__class__ is tuple:
                    lemmas[i], tags[i] = hit
                    continue
                if starts[i]:
                    # Sentence-initial capitals say little; fall back on the lower-case word,
                    # unless the treebank shows the capitalized form mostly as a name
                    # ("Regjeringen vil ..."): then the context decides.
                    low = lowers.get(o)
                    if low is None:
                        text = strings[o]
                        low = lowers[o] = strings.add(text.lower()) if text[:1].isupper() and text not in lex.names else 0
                    if low:
                        lhit = cache.get(low)
                        if lhit is None:
                            lhit = cache[low] = resolve(strings[low], std)
                        if lhit.__class__ is tuple:
                            lemmas[i], tags[i] = lhit
                            continue
                        if lhit is _ISOLATE:
                            isolate.setdefault(low, []).append((doc, i))
                            continue
                elif hit is _ISOLATE:
                    isolate.setdefault(o, []).append((doc, i))
                    continue
                if use_contexts:
                    prev = 0 if i == 0 or starts[i] else orths[i - 1]
                    nxt = 0 if i == n - 1 or starts[i + 1] else orths[i + 1]
                    key = (prev, o, nxt, std)
                    found = ctx_cache.get(key)
                    if found is None:
                        got = in_context(strings[prev] if prev else "<s>", strings[o], strings[nxt] if nxt else "</s>")
                        found = ctx_cache[key] = (strings.add(got[0]), POS_IDS[got[1]]) if got else False
                    if found:
                        lemmas[i], tags[i] = found
                        continue
                if ctag is not None:
                    if starts[i]:
                        form = ctag.target(strings[o], True)
                    else:
                        form = targets.get(o, 0)
                        if form == 0:
                            form = targets[o] = ctag.target(strings[o])
                    if form is not None:
                        if sent is None:
                            sent = self._sentence_view(orths, starts)
                        lows, classes, los, his = sent
                        lo, hi = los[i], his[i]
                        # The model reads at most 5 words back and 6 ahead, so that window
                        # (and where the sentence ends within it) determines the answer.
                        a, b = max(lo, i - 5), min(hi, i + 7)
                        key = (form, std, i - a, b - i, *orths[a:b])
                        found = ctag_cache.get(key)
                        if found is None:
                            pos = ctag.predict_at(lows, classes, i, lo, hi, form)
                            found = ctag_cache[key] = (
                                (strings.add(lex.lemma_for(form, pos, std)), POS_IDS[pos]) if pos else False
                            )
                        if found:
                            lemmas[i], tags[i] = found
                            continue
                todo.append(i)
            doc.from_array([LEMMA, POS], numpy.array([lemmas, tags], dtype="uint64").T)
            if todo:
                pending.append((doc, todo, std))
        if isolate:
            self._run_isolated(isolate)
        if pending:
            self._run_network(pending)

    def _sentence_view(self, orths: list[int], starts: list[bool]):
        """Lower-case words, word classes and sentence bounds of a Doc, for the context tagger."""
        words = self._words
        strings = self.nlp.vocab.strings
        lows, classes = [], []
        for o in orths:
            info = words.get(o)
            if info is None:
                text = strings[o]
                info = words[o] = (text.lower(), word_class(text, self.lexicon))
            lows.append(info[0])
            classes.append(info[1])
        n = len(orths)
        los = [0] * n
        his = [n] * n
        lo = 0
        for i in range(1, n + 1):
            if i == n or starts[i]:
                for j in range(lo, i):
                    los[j] = lo
                    his[j] = i
                lo = i
        return lows, classes, los, his

    def _predict(self, docs: list[Doc]) -> None:
        for name in self.network:
            proc = self.nlp.get_pipe(name)
            proc.set_annotations(docs, proc.predict(docs))

    def _finish(self, text: str, pos: str, lemma: str) -> tuple[str, str]:
        """Final ``(lemma, upos)`` of a word the network analysed."""
        lex = self.lexicon
        if text in lex.forms or (pos != "PROPN" and pos not in OPEN_CLASSES):
            return lemma, pos
        # The network lemmatizes unseen words by analogy of endings; the treebank's
        # words know better: a name is its own lemma, the head of a compound gives
        # its lemma, and the treebank's lemmas correct the network's near misses.
        low = text.lower()
        if pos == "PROPN":
            return lex.name_lemma(low, lemma), pos
        if pos == "ADJ":
            found = lex.participle_lemma(low)
            if found is not None:
                return found, pos
        found = lex.analyse_unknown(low, pos)
        if found is not None:
            return found[0], pos
        return lex.analyse_by_analogy(low, pos, lemma)

    def _run_isolated(self, isolate: dict[int, list[tuple[Doc, int]]]) -> None:
        """Tag each unknown word type once, on its own, and cache the answer."""
        vocab = self.nlp.vocab
        strings = vocab.strings
        keys = list(isolate)
        docs = [Doc(vocab, words=[strings[k]]) for k in keys]
        self._predict(docs)
        utag = self.unseen_tagger if self.use_unseen_tagger else None
        for key, wdoc in zip(keys, docs):
            src = wdoc[0]
            pos = utag.tag([src.text], 0) if utag is not None and src.text[:1].isalpha() else src.pos_
            lemma, pos = self._finish(src.text, pos, src.lemma_.lower())
            answer = (strings.add(lemma), POS_IDS[pos])
            for cache in self._cache.values():
                cache[key] = answer
            for doc, i in isolate[key]:
                doc[i].lemma = answer[0]
                doc[i].pos = answer[1]

    @staticmethod
    def _window_key(orths: list[int], starts: list[bool], i: int, c: int, std: str | None) -> tuple:
        # Whether the word starts a sentence, and its successor does, is part of the
        # key: the unseen-word tagger reads "Word" at a sentence start differently.
        n = len(orths)
        bounds = (starts[i], i + 1 == n or starts[i + 1])
        start, end = i - c, i + c + 1
        if start >= 0 and end <= n:
            return (std, *bounds, *orths[start:end])
        return (std, *bounds, *(orths[j] if 0 <= j < n else 0 for j in range(start, end)))

    def _run_network(self, pending: list[tuple[Doc, list[int], str | None]]) -> None:
        """Tag the remaining words with the network, each on its window of ``context`` tokens.

        The window's words fully determine the network's answer for its centre
        word, so answers are cached per window (plan documents repeat their
        phrases as much as their words) and the network runs once per new window.
        Where the narrow window leaves the network unsure (its two best tags
        closer than ``min_margin``), the word is tagged again on a window of
        ``wide_context`` tokens, and the narrow window remembers to ask the wide
        one.  A known word only needs its part of speech: its lemma follows from
        the lexicon, so the lemmatizer runs only for unknown words.
        """
        c = self.context
        wide = self.wide_context if self.min_margin > 0 else 0
        cache = self._window_cache
        if len(cache) > self.cache_size:
            cache.clear()
        key_of = self._window_key
        # Each place is (doc, index, (word ids, sentence starts)) of a word to tag.
        todo: dict[tuple, list[tuple[Doc, int, tuple[list[int], list[bool]]]]] = {}
        wide_todo: dict[tuple, list[tuple[Doc, int, tuple[list[int], list[bool]]]]] = {}
        for doc, idx, std in pending:
            seq = (doc.to_array(ORTH).tolist(), (doc.to_array(SENT_START).view("int64") == 1).tolist())
            for i in idx:
                key = key_of(*seq, i, c, std)
                hit = cache.get(key)
                if hit is None or (hit is _UNSURE and wide <= c):
                    todo.setdefault(key, []).append((doc, i, seq))
                elif hit is _UNSURE:
                    wkey = key_of(*seq, i, wide, std)
                    hit = cache.get(wkey)
                    if hit is None:
                        wide_todo.setdefault(wkey, []).append((doc, i, seq))
                    else:
                        tok = doc[i]
                        tok.lemma = hit[0]
                        tok.pos = hit[1]
                else:
                    tok = doc[i]
                    tok.lemma = hit[0]
                    tok.pos = hit[1]
        if todo:
            for (key, places), answer, margin in zip(todo.items(), *self._tag_windows(todo, c)):
                if wide > c and margin < self.min_margin:
                    cache[key] = _UNSURE
                    for doc, i, seq in places:
                        wide_todo.setdefault(key_of(*seq, i, wide, key[0]), []).append((doc, i, seq))
                    continue
                cache[key] = answer
                for doc, i, _o in places:
                    tok = doc[i]
                    tok.lemma = answer[0]
                    tok.pos = answer[1]
        if wide_todo:
            for (key, places), answer, _m in zip(wide_todo.items(), *self._tag_windows(wide_todo, wide)):
                cache[key] = answer
                for doc, i, _o in places:
                    tok = doc[i]
                    tok.lemma = answer[0]
                    tok.pos = answer[1]

    def _tag_windows(self, todo: dict[tuple, list], c: int) -> tuple[list[tuple[int, int]], list[float]]:
        """Run the network on one window of ``c`` tokens per key; return answers and tag margins."""
        vocab = self.nlp.vocab
        strings = vocab.strings
        lex = self.lexicon
        windows, centres, unknown = [], [], []
        for places in todo.values():
            doc, i, _o = places[0]
            start = max(0, i - c)
            span = doc[start : min(len(doc), i + c + 1)]
            wdoc = Doc(vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
            windows.append(wdoc)
            centres.append(i - start)
            if doc[i].text not in lex.forms:
                unknown.append(wdoc)
        margins: list[float] = [float("inf")] * len(windows)
        for name in self.network:
            proc = self.nlp.get_pipe(name)
            batch = unknown if name == "trainable_lemmatizer" else windows
            if not batch:
                continue
            if name == "morphologizer":
                # The scores are wanted as well as the tags: how sure the network is.
                scores = proc.model.predict(batch)
                for k, (doc_scores, j) in enumerate(zip(scores, centres)):
                    row = numpy.asarray(doc_scores[j])
                    top2 = numpy.partition(row, -2)[-2:] if row.shape[0] > 1 else (row[0], row[0])
                    margins[k] = float(top2[1] - top2[0]) if row.shape[0] > 1 else float("inf")
                proc.set_annotations(batch, proc._scores2guesses(scores))
            else:
                proc.set_annotations(batch, proc.predict(batch))
        finish = self._finish
        utag = self.unseen_tagger if self.use_unseen_tagger else None
        answers = []
        for key, wdoc, j in zip(todo, windows, centres):
            src = wdoc[j]
            pos = src.pos_
            text = src.text
            if text in lex.forms:
                lemma = lex.lemma_for(text, pos, key[0])
            else:
                if utag is not None and text[:1].isalpha():
                    words = [t.text for t in wdoc]
                    # The tagger reads the sentence, as in training: cut the window at its bounds.
                    if key[1]:
                        words, j = words[j:], 0
                    if key[2]:
                        words = words[: j + 1]
                    pos = utag.tag(words, j)
                lemma, pos = finish(text, pos, src.lemma_.lower())
            answers.append((strings.add(lemma), POS_IDS[pos]))
        return answers, margins


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


@Language.factory(
    "luktheme_lexicon_v1",
    default_config={
        "network": list(NETWORK),
        "context": CONTEXT,
        "min_count": 1,
        "min_share": 0.99,
        "cache_size": 500_000,
        "isolate_unknown": False,
        "use_contexts": True,
        "ctx_min_count": 3,
        "ctx_min_share": 0.99,
        "detect_standard": True,
        "use_context_tagger": True,
        "wide_context": 4,
        "min_margin": 0.0,
        "use_unseen_tagger": True,
    },
    assigns=["token.lemma", "token.pos"],
)
def make_lexicon_annotator(
    nlp: Language,
    name: str,
    network: list[str],
    context: int,
    min_count: int,
    min_share: float,
    cache_size: int,
    isolate_unknown: bool,
    use_contexts: bool,
    ctx_min_count: int,
    ctx_min_share: float,
    detect_standard: bool,
    use_context_tagger: bool,
    wide_context: int,
    min_margin: float,
    use_unseen_tagger: bool,
) -> LexiconAnnotator:
    return LexiconAnnotator(
        nlp, name, network, context, min_count, min_share, cache_size, isolate_unknown, use_contexts,
        ctx_min_count, ctx_min_share, detect_standard, use_context_tagger, wide_context, min_margin,
        use_unseen_tagger,
    )


@Language.factory("luktheme_sentences_v1", default_config={"use_capitals": True}, assigns=["token.is_sent_start"])
def make_rule_sentencizer(nlp: Language, name: str, use_capitals: bool) -> RuleSentencizer:
    return RuleSentencizer(nlp, name, use_capitals)


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
