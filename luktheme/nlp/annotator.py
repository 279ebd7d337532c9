"""The ``luktheme_lexicon_v1`` component: lemmas and parts of speech from the treebank lexicon first.

:class:`LexiconAnnotator` answers the words the treebank knows from its word
table, ambiguous words from their neighbours or the context tagger, and
unseen compounds from their head; the network runs only on the words left
over (:mod:`luktheme.nlp.network`).  Importing this module registers the
component's factory with spaCy and the ``token._.compound_parts`` extension.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

import numpy
from spacy.attrs import LEMMA, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from ..errors import ModelError
from .compounds import Lexicon
from .disambiguation import ContextTagger, UnseenWordTagger, word_class
from .network import NetworkWindows
from .pipeline import NETWORK, REBUILD_HINT

#: Tokens either side of a word that the network is shown.  The tok2vec layer
#: sees 4 (depth 4 x window 1 in ``scripts/nlp_config.cfg``).  On the UD dev
#: split a window of 2 gives the full-window accuracy; a window of 1 costs 0.36
#: UPOS points and 0.08 lemma points but repeats far more often, so the window
#: cache answers more words and the pipeline runs about twice as fast.  Speed
#: decides here: the theme tagger must keep up with spaCy's textcat ensemble.
#: Set ``nlp.get_pipe("luktheme_lexicon").context = 2`` to trade speed for UPOS.
CONTEXT = 1

_CONTEXT = "context"  # marker: only the network in context can answer
_ISOLATE = "isolate"  # marker: unknown word, the network answers it once on its own
_NUMBER = re.compile(r"^[+-]?\d+([.,:]\d+)*%?$")
#: The annotator of each pipeline, by the id of its vocab: the ``compound_parts``
#: extension and the rule sentencizer find the pipeline's lexicon here.
_ANNOTATORS: dict[int, "LexiconAnnotator"] = {}


# --------------------------------------------------------------------------- token extension


def _compound_parts(token: Token) -> tuple[str, ...]:
    ann = _ANNOTATORS.get(id(token.doc.vocab))
    lemma = token.lemma_ or token.lower_
    if ann is None or ann.lexicon is None:
        return (lemma.lower(),)
    return ann.lexicon.parts(lemma, token.pos_)


Token.set_extension("compound_parts", getter=_compound_parts, force=True)


# --------------------------------------------------------------------------- component


class LexiconAnnotator(NetworkWindows):
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
        :class:`~luktheme.nlp.disambiguation.UnseenWordTagger` (endings, compound
        head, neighbours) instead of the network; the network still proposes
        their lemma.
    use_context_tagger : bool
        Tag the frequent ambiguous words ("har", "som", "om", "til" ...) with the
        :class:`~luktheme.nlp.disambiguation.ContextTagger`, which reads the whole
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
