"""The feature vectors the theme classifier learns from, over analysed text.

:func:`luktheme.analysis.analyse` turns texts into token strings; everything
here is numpy and scipy (scikit-learn only to fit the TF-IDF vocabularies).
Four blocks of features are joined:

* word uni- and bigrams (TF-IDF) over the analysed tokens;
* character n-grams within word boundaries (TF-IDF), which carry Norwegian
  compounds and the Bokmål/Nynorsk spelling variants;
* one count per theme of the spec's cue stems found inside words, plus one for
  near-miss words, scaled by ``cue_weight``;
* the theme lexicon's concept groups (:mod:`luktheme.lexicon`), scaled by
  ``lexicon_weight``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scipy is imported where a sparse matrix is built: scoring a loaded model needs numpy only
    import scipy.sparse as sp

from .taxonomy import CUES, NEAR_MISSES, THEMES

_TOKEN = re.compile(r"\S+")

def trie_regex(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, written as a trie.

    It finds the same matches as ``"|".join(words sorted longest first)`` (at each
    position the longest word that fits), but tries each letter once instead of
    every word in turn, which makes counting cue stems about 1.5 times as fast.

    Examples
    --------
    >>> pattern = trie_regex(["plan", "planstrategi", "plass"])
    >>> re.findall(pattern, "planstrategi og plassering av planer")
    ['planstrategi', 'plass', 'plan']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A word may end here: the longer continuation is tried first (greedy).
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _cue_patterns() -> list[re.Pattern]:
    groups = [CUES[t] for t in THEMES] + [NEAR_MISSES]
    return [re.compile(trie_regex(g)) for g in groups]


#: One compiled pattern per theme's cue stems, then one for the near-miss words (see :func:`cue_counts`).
CUE_PATTERNS: list[re.Pattern] = _cue_patterns()
CUE_FEATURES: tuple[str, ...] = tuple(f"cue:{t}" for t in THEMES) + ("cue:near_miss",)


def cue_counts(analysed: Sequence[str]) -> np.ndarray:
    """Count the cue stems of each theme (and near-miss words) in analysed texts.

    Returns
    -------
    ndarray of shape (n_texts, 6)
        ``log1p`` of the hit counts, columns in :data:`CUE_FEATURES` order.

    Examples
    --------
    >>> cue_counts(["kurs i planstrategi"]).round(2).tolist()
    [[0.0, 0.69, 0.0, 0.69, 0.0, 0.0]]
    """
    counts = np.zeros((len(analysed), len(CUE_PATTERNS)), dtype=np.float64)
    for i, text in enumerate(analysed):
        padded = f" {text} "
        for j, pattern in enumerate(CUE_PATTERNS):
            counts[i, j] = len(pattern.findall(padded))
    return np.log1p(counts)


@dataclass
class FittedTfidf:
    """The learned state of one TF-IDF block: term -> column, and the IDF weights.

    What a fitted block needs to transform, without scikit-learn; the
    vectorizers of :meth:`ThemeVectorizer.fit_transform` are reduced to it.
    """

    vocabulary_: dict[str, int]
    idf_: np.ndarray
    #: Word -> its n-gram columns, filled as words are met (plan documents repeat their words endlessly).
    grams: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def get_feature_names_out(self) -> np.ndarray:
        return np.array(_ordered_vocab(self), dtype=object)


class ThemeVectorizer:
    """Word TF-IDF, character TF-IDF, cue counts and theme-lexicon features over analysed text, side by side.

    Its learned state is two vocabularies and two IDF vectors (and the compiled
    lexicon), saved as JSON and ``.npy`` by :meth:`state` and restored by
    :meth:`from_state`. Only fitting uses scikit-learn's ``TfidfVectorizer``;
    transforming is done here, so a loaded model never imports scikit-learn.
    """

    def __init__(self, word_ngram_range=(1, 2), char_ngram_range=(2, 5), cue_weight=1.0, min_df=1,
                 lexicon_weight=0.0, lexicon=None):
        self.word_ngram_range = tuple(word_ngram_range)
        self.char_ngram_range = tuple(char_ngram_range)
        self.cue_weight = cue_weight
        self.min_df = min_df
        self.lexicon_weight = lexicon_weight
        self.lexicon = lexicon if lexicon_weight else None
        self.word_: FittedTfidf | None = None
        self.char_: FittedTfidf | None = None

    def fit_transform(self, analysed: Sequence[str]) -> sp.csr_matrix:
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=self.word_ngram_range,
                               sublinear_tf=True, min_df=self.min_df, dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", lowercase=False, ngram_range=self.char_ngram_range,
                               sublinear_tf=True, min_df=self.min_df, dtype=np.float32)
        blocks = [word.fit_transform(analysed), char.fit_transform(analysed)]
        self.word_ = FittedTfidf(word.vocabulary_, word.idf_)
        self.char_ = FittedTfidf(char.vocabulary_, char.idf_)
        return self._join(blocks, analysed)

    def transform(self, analysed: Sequence[str]) -> sp.csr_matrix:
        return self._join([self._word_transform(analysed), self._char_transform(analysed)], analysed)

    def log_odds(self, analysed: Sequence[str], coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
        """``transform(analysed) @ coef.T + intercept``, computed with numpy alone.

        The sparse blocks are summed row by row from running sums, so tagging
        with a loaded model needs neither scipy nor scikit-learn.
        """
        n = len(analysed)
        out = np.zeros((n, coef.shape[0]))
        offset = 0
        for fitted, ids in ((self.word_, self._word_ids(analysed)), (self.char_, self._char_ids(analysed))):
            indptr, indices, data = self._tfidf_arrays(ids, fitted)
            # Each text's sum of weight x value over its columns, for all themes at once: the
            # rows are contiguous, so a running sum read at the row bounds gives every row's total.
            running = np.zeros((coef.shape[0], len(indices) + 1))
            np.cumsum(coef[:, offset + indices] * data.astype(np.float64), axis=1, out=running[:, 1:])
            out += (running[:, indptr[1:]] - running[:, indptr[:-1]]).T
            offset += len(fitted.vocabulary_)
        for dense in self._dense_blocks(analysed):
            out += dense.astype(np.float32).astype(np.float64) @ coef[:, offset:offset + dense.shape[1]].T
            offset += dense.shape[1]
        return out + intercept

    def _word_ids(self, analysed: Sequence[str]) -> list[np.ndarray]:
        vocab = self.word_.vocabulary_
        lo, hi = self.word_ngram_range
        rows = []
        for text in analysed:
            tokens = _TOKEN.findall(text)
            ids = [vocab[g] for n in range(lo, hi + 1) for i in range(len(tokens) - n + 1)
                   if (g := " ".join(tokens[i:i + n])) in vocab]
            rows.append(np.array(ids, dtype=np.int32))
        return rows

    def _word_transform(self, analysed: Sequence[str]) -> sp.csr_matrix:
        """The word block, equal to scikit-learn's ``TfidfVectorizer(token_pattern=r"\\S+", sublinear_tf=True)``."""
        return self._tfidf(self._word_ids(analysed), self.word_)

    @staticmethod
    def _tfidf_arrays(rows: list[np.ndarray], fitted: FittedTfidf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Column ids per text -> CSR arrays of sublinear TF times IDF, each row scaled to unit length."""
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        flat = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
        width = max(len(fitted.vocabulary_), 1)
        # One key per (text, column): unique keys give each row's columns sorted, with their counts.
        keys, counts = np.unique(np.repeat(np.arange(len(rows)), lengths) * width + flat, return_counts=True)
        row, indices = np.divmod(keys, width)
        data = (np.log(counts) + 1.0) * fitted.idf_[indices]
        # bincount, not add.reduceat: reduceat fails when the last texts have no known n-gram ("x", "中文").
        norms = np.sqrt(np.bincount(row, weights=data ** 2, minlength=len(rows)))
        data /= np.where(norms > 0, norms, 1.0)[row]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=len(rows)))])
        return indptr, indices.astype(np.int32), data.astype(np.float32)

    def _tfidf(self, rows: list[np.ndarray], fitted: FittedTfidf) -> sp.csr_matrix:
        import scipy.sparse as sp

        indptr, indices, data = self._tfidf_arrays(rows, fitted)
        return sp.csr_matrix((data, indices, indptr), shape=(len(rows), len(fitted.vocabulary_)))

    def _char_ids(self, analysed: Sequence[str]) -> list[np.ndarray]:
        """Each text's ``char_wb`` n-gram columns, from cached words.

        ``char_wb`` n-grams never cross a word boundary, so a text's counts are
        the sum of its words' counts. Plan documents repeat the same words
        endlessly; each word's n-gram ids are computed once and reused.
        """
        cache = self.char_.grams
        if len(cache) > 500_000:
            cache.clear()
        vocab = self.char_.vocabulary_
        lo, hi = self.char_ngram_range
        rows = []
        for text in analysed:
            ids = []
            for word in text.split():
                grams = cache.get(word)
                if grams is None:
                    grams = cache[word] = np.array([vocab[g] for g in char_wb_ngrams(word, lo, hi) if g in vocab],
                                                   dtype=np.int32)
                ids.append(grams)
            rows.append(np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32))
        return rows

    def _char_transform(self, analysed: Sequence[str]) -> sp.csr_matrix:
        """The character block, equal to scikit-learn's ``char_wb`` TF-IDF."""
        return self._tfidf(self._char_ids(analysed), self.char_)

    def _dense_blocks(self, analysed: Sequence[str]) -> list[np.ndarray]:
        blocks = []
        if self.cue_weight:
            blocks.append(self.cue_weight * cue_counts(analysed))
        if self.lexicon is not None:
            blocks.append(self.lexicon_weight * self.lexicon.counts(analysed))
        return blocks

    def _join(self, blocks, analysed) -> sp.csr_matrix:
        import scipy.sparse as sp

        blocks += [sp.csr_matrix(b, dtype=np.float32) for b in self._dense_blocks(analysed)]
        return sp.hstack(blocks, format="csr")

    @property
    def feature_names(self) -> list[str]:
        names = [f"w:{n}" for n in self.word_.get_feature_names_out()]
        names += [f"c:{n}" for n in self.char_.get_feature_names_out()]
        if self.cue_weight:
            names += list(CUE_FEATURES)
        if self.lexicon is not None:
            names += self.lexicon.feature_names
        return names

    def state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """JSON-able parameters and vocabularies, and the IDF arrays."""
        params = {"word_ngram_range": list(self.word_ngram_range), "char_ngram_range": list(self.char_ngram_range),
                  "cue_weight": self.cue_weight, "min_df": self.min_df}
        vocab = {"word": _ordered_vocab(self.word_), "char": _ordered_vocab(self.char_)}
        state = {"params": params, "vocabulary": vocab}
        if self.lexicon is not None:
            params["lexicon_weight"] = self.lexicon_weight
            state["lexicon"] = self.lexicon.state()
        return state, {"idf_word": self.word_.idf_, "idf_char": self.char_.idf_}

    @classmethod
    def from_state(cls, state: dict, arrays: dict[str, np.ndarray]) -> "ThemeVectorizer":
        """Rebuild a fitted vectorizer from :meth:`state` output, without pickle."""
        from .lexicon import Lexicon

        lexicon = Lexicon.from_state(state["lexicon"]) if "lexicon" in state else None
        vec = cls(**state["params"], lexicon=lexicon)
        for name in ("word", "char"):
            terms = state["vocabulary"][name]
            idf = np.asarray(arrays[f"idf_{name}"], dtype=np.float64)
            if len(idf) != len(terms):
                raise ValueError(f"{name} vocabulary has {len(terms)} terms but {len(idf)} IDF weights.")
            setattr(vec, f"{name}_", FittedTfidf({term: i for i, term in enumerate(terms)}, idf))
        return vec


def char_wb_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """The ``char_wb`` n-grams of one word, as scikit-learn makes them: padded with a space each side.

    Examples
    --------
    >>> char_wb_ngrams("kurs", 2, 3)
    [' k', 'ku', 'ur', 'rs', 's ', ' ku', 'kur', 'urs', 'rs ']
    """
    w = f" {word} "
    grams = []
    for n in range(lo, hi + 1):
        if n >= len(w):
            # as scikit-learn: a padded word no longer than n counts once, whole, and ends the word
            grams.append(w)
            break
        grams.extend(w[i:i + n] for i in range(len(w) - n + 1))
    return grams


def _ordered_vocab(tfidf) -> list[str]:
    terms = [""] * len(tfidf.vocabulary_)
    for term, i in tfidf.vocabulary_.items():
        terms[i] = term
    return terms
