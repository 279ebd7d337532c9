"""The network's share of the lexicon component: the words the lexicon cannot answer.

The network components (``tok2vec``, ``morphologizer``,
``trainable_lemmatizer``) tag such a word on a window of a few tokens either
side, and the answer is cached per window; an unknown word's lemma is then
checked against the treebank's words (:meth:`NetworkWindows._finish`).
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from .wordtables import OPEN_CLASSES

_UNSURE = "unsure"  # marker: the narrow window left the network unsure; ask the wide one


class NetworkWindows:
    """Run the network on the words the lexicon leaves open, one window per word.

    A base class of :class:`~luktheme.nlp.annotator.LexiconAnnotator`; the
    methods read its settings (``network``, ``context``, ``wide_context``,
    ``min_margin``, ``cache_size``, ``use_unseen_tagger``), its ``nlp``,
    ``lexicon`` and ``unseen_tagger``, and its caches.
    """

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
