"""Tag the frequent ambiguous words of Norwegian from a window of neighbours.

A handful of short words carry most of a tagger's errors: "har" is AUX before
a participle and VERB otherwise ("har gjort" / "har ansvar"), "som" is PRON,
SCONJ or ADP, "om", "til", "for" are ADP or SCONJ, "det", "de", "dei" PRON or
DET.  The decisive word is often several tokens away ("har kommunen i mange år
*prioritert*"), beyond what a small convolutional tagger weighs well.

:class:`ContextTagger` is a linear model over the neighbours' forms, their
usual parts of speech (from the treebank lexicon), the ending of the next
verb-like word and the previous verb.  It is trained on the treebank's
ambiguous words and chooses only among the tags the lexicon has seen for the
word.

:class:`UnseenWordTagger` does the same for words the treebank has never seen,
from their endings, the class of their compound head and their neighbours;
it is trained on the treebank's rare words.

Both are stored as JSON and numpy arrays next to the pipeline's lexicon.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterable, Sequence

import numpy

from ..errors import ModelError

#: Parts of speech after which the search for the next verb stops (a new clause).
_CLAUSE_BREAK = frozenset({"SCONJ", "CCONJ", "PUNCT", "P,", "P.", "P:", "P;"})
_VERBLIKE = frozenset({"VERB", "AUX", "ADJ", "UNK"})
_FORMAT = "luktheme-context-tagger/1"


def word_class(text: str, lexicon) -> str:
    """The usual UPOS of a word in the lexicon, or a coarse shape class for unseen words.

    Examples
    --------
    >>> from luktheme.nlp import Lexicon
    >>> lex = Lexicon({"hus": [["hus", "NOUN", 4]]})
    >>> word_class("hus", lex), word_class("Hus", lex), word_class("gnurk", lex), word_class(",", lex)
    ('NOUN', 'NOUN', 'UNK', 'P,')
    """
    c = lexicon.word_classes.get(text)
    if c is None:
        c = lexicon.word_classes.get(text.lower())
    if c is not None:
        return c
    if text[:1].isalpha():
        return "UNK"
    return "NUM" if text[:1].isdigit() else "P" + text[:1]


def context_features(lows: Sequence[str], classes: Sequence[str], i: int, lo: int, hi: int, form: str) -> list[str]:
    """Features of the word at ``i`` in the sentence ``lows[lo:hi]``.

    ``lows`` are the lower-case words, ``classes`` their :func:`word_class`.
    Every feature is given once on its own and once joined to ``form``, so the
    model learns what is general ("a participle follows") and what belongs to
    one word ("har" before a noun is VERB).

    Examples
    --------
    >>> lows = ["kommunen", "har", "ansvar"]
    >>> f = context_features(lows, ["NOUN", "AUX", "NOUN"], 1, 0, 3, "har")
    >>> "w1=ansvar" in f, "har^c1=NOUN" in f
    (True, True)
    """

    def w(j: int) -> str:
        return lows[j] if lo <= j < hi else ("<s>" if j < lo else "</s>")

    def c(j: int) -> str:
        return classes[j] if lo <= j < hi else ("<s>" if j < lo else "</s>")

    f = [
        "b",
        f"first={i == lo}",
        f"w-3={w(i - 3)}", f"w-2={w(i - 2)}", f"w-1={w(i - 1)}",
        f"w1={w(i + 1)}", f"w2={w(i + 2)}", f"w3={w(i + 3)}",
        f"c-3={c(i - 3)}", f"c-2={c(i - 2)}", f"c-1={c(i - 1)}",
        f"c1={c(i + 1)}", f"c2={c(i + 2)}", f"c3={c(i + 3)}", f"c4={c(i + 4)}",
        f"c-1c1={c(i - 1)}|{c(i + 1)}",
        f"c1c2={c(i + 1)}|{c(i + 2)}",
        f"c-2c-1={c(i - 2)}|{c(i - 1)}",
        f"c1c2c3={c(i + 1)}|{c(i + 2)}|{c(i + 3)}",
        f"s1={w(i + 1)[-3:]}", f"s-1={w(i - 1)[-3:]}",
        f"w-1w1={w(i - 1)}|{w(i + 1)}",
        f"c-1w1={c(i - 1)}|{w(i + 1)}",
        f"w-1c1={w(i - 1)}|{c(i + 1)}",
    ]
    # The next verb-like word in the clause, and its ending: "-t", "-et", "-dd"
    # mark the participle that makes "har", "er", "blir" auxiliaries.
    for k in range(1, 7):
        j = i + k
        if j >= hi:
            break
        cj = classes[j]
        if cj in _VERBLIKE:
            wj = lows[j]
            f += [f"nv_c={cj}", f"nv_s2={wj[-2:]}", f"nv_s3={wj[-3:]}", f"nv_d={k}", f"nv_cs2={cj}|{wj[-2:]}"]
            break
        if cj in _CLAUSE_BREAK:
            f.append(f"nv_stop={cj}")
            break
    for k in range(1, 4):
        if i + k < hi and lows[i + k] == "å":
            f.append(f"aa{k}")
    for k in range(1, 6):
        j = i - k
        if j < lo:
            break
        if classes[j] in ("VERB", "AUX"):
            f += [f"pv={lows[j]}", f"pv_c={classes[j]}"]
            break
    return f + [f"{form}^{x}" for x in f]


def _fit_linear(features: list[list[str]], tags: list[str], alpha: float, min_weight: float):
    """Fit a multinomial logistic model by SGD on binary features.

    Returns ``(classes, intercept, feature index, weights)``; features seen only
    once are left out (mostly noise, and they would only bloat the weights),
    and so are features whose weights are all below ``min_weight``.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import SGDClassifier

    seen: dict[str, int] = {}
    for feats in features:
        for x in feats:
            seen[x] = seen.get(x, 0) + 1
    vec = DictVectorizer()
    X = vec.fit_transform([{x: 1 for x in feats if seen[x] >= 2} for feats in features]).tocsr()
    X.indices = X.indices.astype(numpy.int32)
    X.indptr = X.indptr.astype(numpy.int32)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=30, tol=None, average=True, random_state=0)
    clf.fit(X, tags)
    classes = [str(c) for c in clf.classes_]
    if len(classes) > 2:
        coef, intercept = clf.coef_, clf.intercept_
    else:  # scikit-learn keeps one row for two classes: the second class's side
        coef = numpy.vstack([-clf.coef_[0], clf.coef_[0]])
        intercept = numpy.array([-clf.intercept_[0], clf.intercept_[0]])
    keep = numpy.flatnonzero(numpy.abs(coef).max(axis=0) >= min_weight)
    index = {vec.feature_names_[j]: r for r, j in enumerate(keep)}
    weights = numpy.ascontiguousarray(coef[:, keep].T, dtype=numpy.float32)
    return classes, numpy.asarray(intercept, dtype=numpy.float32), index, weights


def _scores(model, feats: Iterable[str]) -> list[float]:
    """Class scores of a fitted linear tagger (``features_``, ``weights_``, ``intercept_``) for ``feats``."""
    get = model.features_.get
    rows = [r for r in map(get, feats) if r is not None]
    return (numpy.add.reduce(model.weights_.take(rows, axis=0), axis=0) + model.intercept_).tolist()


def _save_linear(path: Path, fmt: str, meta: dict, features: dict[str, int], weights, intercept, min_weight: float):
    path.mkdir(parents=True, exist_ok=True)
    data = {"format": fmt, **meta, "features": sorted(features, key=features.get)}
    with gzip.open(path / "model.json.gz", "wt", encoding="utf8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    # Most weights are zero for most classes: store the non-zero ones, as float16.
    rows, cols = numpy.nonzero(numpy.abs(weights) >= min_weight)
    numpy.savez_compressed(
        path / "weights.npz",
        shape=numpy.array(weights.shape),
        rows=rows.astype(numpy.int32),
        cols=cols.astype(numpy.int8),
        values=weights[rows, cols].astype(numpy.float16),
        intercept=intercept,
    )


def _load_linear(path: Path, fmt: str, what: str):
    try:
        with gzip.open(path / "model.json.gz", "rt", encoding="utf8") as fh:
            data = json.load(fh)
        arrays = numpy.load(path / "weights.npz")
        weights = numpy.zeros(tuple(arrays["shape"]), dtype=numpy.float32)
        weights[arrays["rows"], arrays["cols"]] = arrays["values"]
        intercept = arrays["intercept"].astype(numpy.float32)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"cannot read the {what} in {path}: expected model.json.gz and weights.npz ({exc}); "
            "rebuild the pipeline with `python scripts/train_nlp.py`"
        ) from exc
    if data.get("format") != fmt:
        raise ModelError(
            f"{path} is not a {fmt} file (format {data.get('format')!r}); "
            "rebuild the pipeline with `python scripts/train_nlp.py`"
        )
    features = {f: r for r, f in enumerate(data["features"])}
    return data, features, weights, intercept


class ContextTagger:
    """Choose the UPOS of a frequent ambiguous word from its sentence.

    Parameters
    ----------
    lexicon : luktheme.nlp.compounds.Lexicon
        The treebank lexicon: which forms are ambiguous, which tags each has,
        and the usual tag of every neighbour.
    min_count : int
        Only forms seen this often as ambiguous words in training are handled;
        rarer ones are left to the network.
    alpha : float
        L2 penalty of the linear model.
    min_weight : float
        Weights smaller than this (in absolute value) are dropped when saving.

    Attributes
    ----------
    classes_ : list of str
        The UPOS tags the model scores.
    forms_ : frozenset of str
        The word forms it handles.
    intercept_ : numpy.ndarray
    features_ : dict
        Feature -> row of ``weights_``.
    weights_ : numpy.ndarray
        One row of class weights per feature.

    Examples
    --------
    >>> from luktheme.nlp import Lexicon
    >>> lex = Lexicon({"har": [["ha", "AUX", 5], ["ha", "VERB", 4]], "gjort": [["gjøre", "VERB", 3]],
    ...                "ansvar": [["ansvar", "NOUN", 3]], "vi": [["vi", "PRON", 9]]})
    >>> sents = [(["vi", "har", "gjort"], ["PRON", "AUX", "VERB"]),
    ...          (["vi", "har", "ansvar"], ["PRON", "VERB", "NOUN"])] * 5
    >>> ct = ContextTagger(lex, min_count=2).fit(sents)
    >>> ct.tag(["Vi", "har", "ansvar"], 1), ct.tag(["vi", "har", "gjort"], 1)
    ('VERB', 'AUX')
    """

    def __init__(self, lexicon, min_count: int = 20, alpha: float = 1e-6, min_weight: float = 1e-3) -> None:
        self.lexicon = lexicon
        self.min_count = min_count
        self.alpha = alpha
        self.min_weight = min_weight

    # ------------------------------------------------------------------ targets

    def _candidate(self, text: str, sentence_start: bool) -> str | None:
        lex = self.lexicon
        if text in lex.forms and text not in lex.known:
            return text
        if sentence_start and text[:1].isupper() and text not in lex.forms:
            low = text.lower()
            if low in lex.forms and low not in lex.known:
                return low
        return None

    def target(self, text: str, sentence_start: bool = False) -> str | None:
        """The form this model answers for ``text``, or None if it leaves the word alone."""
        form = self._candidate(text, sentence_start)
        return form if form is not None and form in self.forms_ else None

    # ------------------------------------------------------------------ training

    def fit(self, sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> "ContextTagger":
        """Learn from sentences given as ``(words, upos_tags)``.

        Returns
        -------
        ContextTagger
            self
        """
        rows: list[tuple[list[str], str, str]] = []
        for words, tags in sentences:
            lows = [t.lower() for t in words]
            classes = [word_class(t, self.lexicon) for t in words]
            for i, text in enumerate(words):
                form = self._candidate(text, i == 0)
                if form is not None:
                    rows.append((context_features(lows, classes, i, 0, len(words), form), tags[i], form))
        counts: dict[str, int] = {}
        for _f, _t, form in rows:
            counts[form] = counts.get(form, 0) + 1
        self.forms_ = frozenset(f for f, n in counts.items() if n >= self.min_count)
        rows = [r for r in rows if r[2] in self.forms_]
        if not rows:
            raise ModelError(
                f"no ambiguous word occurs {self.min_count} times in the training sentences; "
                "give more sentences or a lower min_count"
            )
        self.classes_, self.intercept_, self.features_, self.weights_ = _fit_linear(
            [f for f, _t, _ in rows], [t for _f, t, _ in rows], self.alpha, self.min_weight
        )
        self._allowed = {}
        return self

    def restrict(self, forms: Iterable[str]) -> "ContextTagger":
        """Handle only ``forms`` (a subset of ``forms_``) and drop the weights of the others.

        Examples
        --------
        >>> from luktheme.nlp import Lexicon
        >>> lex = Lexicon({"har": [["ha", "AUX", 5], ["ha", "VERB", 4]], "er": [["være", "AUX", 5], ["være", "VERB", 1]]})
        >>> sents = [(["vi", "har", "det"], ["PRON", "VERB", "PRON"]), (["det", "er", "bra"], ["PRON", "AUX", "ADJ"])] * 3
        >>> ct = ContextTagger(lex, min_count=2).fit(sents).restrict(["har"])
        >>> sorted(ct.forms_), any(f.startswith("er^") for f in ct.features_)
        (['har'], False)
        """
        keep_forms = frozenset(forms) & self.forms_
        dropped = self.forms_ - keep_forms
        rows = [
            (name, r) for name, r in self.features_.items() if "^" not in name or name.split("^", 1)[0] not in dropped
        ]
        self.weights_ = numpy.ascontiguousarray(self.weights_[[r for _n, r in rows]])
        self.features_ = {name: k for k, (name, _r) in enumerate(rows)}
        self.forms_ = keep_forms
        self._allowed = {}
        return self

    # ------------------------------------------------------------------ prediction

    def predict_at(self, lows: Sequence[str], classes: Sequence[str], i: int, lo: int, hi: int, form: str) -> str | None:
        """UPOS of ``form`` at ``i`` (see :func:`context_features`), among the tags the lexicon allows."""
        allowed = self._allowed.get(form)
        if allowed is None:
            tags = {a[1] for a in self.lexicon.forms[form]}
            allowed = self._allowed[form] = [k for k, t in enumerate(self.classes_) if t in tags]
        if not allowed:
            return None
        scores = _scores(self, context_features(lows, classes, i, lo, hi, form))
        return self.classes_[max(allowed, key=scores.__getitem__)]

    def tag(self, words: Sequence[str], i: int) -> str | None:
        """UPOS of ``words[i]`` in the sentence ``words``, or None if the model leaves it alone."""
        form = self.target(words[i], i == 0)
        if form is None:
            return None
        lows = [t.lower() for t in words]
        classes = [word_class(t, self.lexicon) for t in words]
        return self.predict_at(lows, classes, i, 0, len(words), form)

    # ------------------------------------------------------------------ persistence

    def to_disk(self, path: str | Path) -> None:
        """Write the model to the folder ``path``: JSON (classes, forms, features) and numpy weights."""
        meta = {"min_count": self.min_count, "classes": self.classes_, "forms": sorted(self.forms_)}
        _save_linear(Path(path), _FORMAT, meta, self.features_, self.weights_, self.intercept_, self.min_weight)

    @classmethod
    def from_disk(cls, path: str | Path, lexicon) -> "ContextTagger":
        """Read a model written by :meth:`to_disk`; ``lexicon`` is the pipeline's lexicon."""
        data, features, weights, intercept = _load_linear(Path(path), _FORMAT, "context tagger")
        self = cls(lexicon, min_count=data["min_count"])
        self.classes_ = data["classes"]
        self.forms_ = frozenset(data["forms"])
        self.features_ = features
        self.weights_ = weights
        self.intercept_ = intercept
        self._allowed = {}
        return self


# --------------------------------------------------------------------------- unseen words

_UNSEEN_FORMAT = "luktheme-unseen-tagger/1"

#: The classes an unseen word can have: function words are all in the treebank.
OPEN_TAGS = ("NOUN", "PROPN", "ADJ", "VERB", "ADV", "NUM", "X", "INTJ")


def unseen_features(words: Sequence[str], i: int, lexicon) -> list[str]:
    """Features of a word the treebank has not seen: its shape, endings, compound head and neighbours.

    Only the neighbours at ``i - 1`` and ``i + 1`` are read, so the answer is a
    function of a three-word window (the pipeline caches it per window).

    Examples
    --------
    >>> from luktheme.nlp import Lexicon
    >>> lex = Lexicon({"tiltaka": [["tiltak", "NOUN", 4]], "klima": [["klima", "NOUN", 4]]})
    >>> f = unseen_features(["dei", "klimatiltaka", "."], 1, lex)
    >>> "s3=aka" in f, "hpos=NOUN" in f, "w-1=dei" in f
    (True, True, True)
    """
    n = len(words)
    w = words[i]
    low = w.lower()
    cap = w[:1].isupper()
    prev = words[i - 1] if i > 0 else "<s>"
    nxt = words[i + 1] if i + 1 < n else "</s>"
    c_prev = word_class(prev, lexicon) if i > 0 else "<s>"
    c_next = word_class(nxt, lexicon) if i + 1 < n else "</s>"
    f = [
        "b", f"cap={cap}", f"allcap={w.isupper()}", f"first={i == 0}", f"hy={'-' in w}",
        f"dig={any(ch.isdigit() for ch in w)}", f"len={min(len(w), 12)}",
        f"p1={low[:1]}", f"p2={low[:2]}", f"p3={low[:3]}",
        f"c-1={c_prev}", f"c1={c_next}", f"c-1c1={c_prev}|{c_next}", f"w-1={prev.lower()}", f"w1={nxt.lower()}",
    ]
    ends = [f"s{k}={low[-k:]}" for k in range(1, 6)]
    found = lexicon.analyse_unknown(low) if len(low) >= 5 else None
    # The head of a compound tells its class ("klima" + "tiltaka"): the first
    # (longest) known head, with all the classes the treebank gives it.
    heads = [f"head={found[1] if found else 'none'}"]
    for k in range(2, len(low) - 2):
        analyses = lexicon.heads.get(low[k:])
        if analyses:
            heads += ["hpos=" + "|".join(sorted({a[1] for a in analyses})), f"hpos1={analyses[0][1]}"]
            break
    # Endings, heads and neighbours read differently on a capitalized word (a name?).
    joined = [f"{x}^cap{cap}" for x in (*ends, *heads, f"c-1={c_prev}", f"c1={c_next}")]
    return f + ends + heads + joined


class UnseenWordTagger:
    """Choose the UPOS of a word the treebank has not seen, from its endings, compound head and neighbours.

    Trained on the treebank's rare words (seen at most ``max_count`` times),
    which stand in for the unseen ones.

    Parameters
    ----------
    lexicon : luktheme.nlp.compounds.Lexicon
    max_count : int
        Training words seen this often or less count as "unseen-like".
    alpha, min_weight : float
        L2 penalty, and the smallest weight kept when saving.

    Attributes
    ----------
    classes_ : list of str
    features_ : dict
        Feature -> row of ``weights_``.
    weights_ : numpy.ndarray
    intercept_ : numpy.ndarray

    Examples
    --------
    >>> from luktheme.nlp import Lexicon
    >>> lex = Lexicon({"dei": [["dei", "PRON", 9]], "vil": [["vilje", "AUX", 9]], ".": [[".", "PUNCT", 9]]})
    >>> sents = [(["dei", w, "."], ["PRON", "NOUN", "PUNCT"]) for w in ("bygget", "huset", "tiltaket")]
    >>> sents += [(["dei", "vil", w], ["PRON", "AUX", "VERB"]) for w in ("byggje", "kjøpe", "selje")]
    >>> ut = UnseenWordTagger(lex).fit(sents * 2)
    >>> ut.tag(["dei", "vil", "måle"], 2), ut.tag(["dei", "veiret", "."], 1)
    ('VERB', 'NOUN')
    """

    def __init__(self, lexicon, max_count: int = 2, alpha: float = 1e-5, min_weight: float = 1e-3) -> None:
        self.lexicon = lexicon
        self.max_count = max_count
        self.alpha = alpha
        self.min_weight = min_weight

    def fit(self, sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> "UnseenWordTagger":
        """Learn from sentences given as ``(words, upos_tags)``; returns self."""
        sentences = [(list(w), list(t)) for w, t in sentences]
        counts: dict[str, int] = {}
        for words, _tags in sentences:
            for w in words:
                counts[w.lower()] = counts.get(w.lower(), 0) + 1
        feats, tags = [], []
        for words, wtags in sentences:
            for i, (w, tag) in enumerate(zip(words, wtags)):
                if counts[w.lower()] <= self.max_count and tag in OPEN_TAGS and w[:1].isalpha():
                    feats.append(unseen_features(words, i, self.lexicon))
                    tags.append(tag)
        if len(set(tags)) < 2:
            raise ModelError(
                f"the training sentences have too few rare words (seen <= {self.max_count} times) "
                "of two or more classes; give more sentences or a higher max_count"
            )
        self.classes_, self.intercept_, self.features_, self.weights_ = _fit_linear(
            feats, tags, self.alpha, self.min_weight
        )
        return self

    def tag(self, words: Sequence[str], i: int) -> str:
        """UPOS of ``words[i]`` (read as a word the treebank has not seen)."""
        scores = _scores(self, unseen_features(words, i, self.lexicon))
        return self.classes_[max(range(len(scores)), key=scores.__getitem__)]

    def to_disk(self, path: str | Path) -> None:
        """Write the model to the folder ``path`` (JSON and numpy weights)."""
        meta = {"max_count": self.max_count, "classes": self.classes_}
        _save_linear(Path(path), _UNSEEN_FORMAT, meta, self.features_, self.weights_, self.intercept_, self.min_weight)

    @classmethod
    def from_disk(cls, path: str | Path, lexicon) -> "UnseenWordTagger":
        """Read a model written by :meth:`to_disk`; ``lexicon`` is the pipeline's lexicon."""
        data, features, weights, intercept = _load_linear(Path(path), _UNSEEN_FORMAT, "unseen-word tagger")
        self = cls(lexicon, max_count=data["max_count"])
        self.classes_ = data["classes"]
        self.features_ = features
        self.weights_ = weights
        self.intercept_ = intercept
        return self
