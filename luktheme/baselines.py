"""Reference models, scored on the same folds as luktheme's own.

Each has ``fit(texts, Y, groups=None)``, ``predict_proba(texts)`` and
``predict(texts)`` with columns in :data:`~luktheme.THEMES` order. They are kept
plain on purpose: a fixed 0.5 cut-off, default settings.
"""

from __future__ import annotations

import random

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from .features import CUE_PATTERNS
from .taxonomy import THEMES


class KeywordRules:
    """A theme wherever one of its cue stems occurs (lower-cased, inside words)."""

    def __init__(self):
        # The model's own cue patterns, one per theme (the last, near-miss pattern is not a theme).
        self.patterns = CUE_PATTERNS[: len(THEMES)]

    def fit(self, texts, Y, groups=None):
        return self

    def predict_proba(self, texts) -> np.ndarray:
        return np.array([[1.0 if p.search(f" {t.lower()} ") else 0.0 for p in self.patterns] for t in texts])

    def predict(self, texts) -> np.ndarray:
        return (self.predict_proba(texts) >= 0.5).astype(int)


class TfidfLogReg:
    """TF-IDF (word or character n-grams) and one logistic regression per theme."""

    def __init__(self, analyzer: str = "word"):
        self.analyzer = analyzer

    def fit(self, texts, Y, groups=None):
        if self.analyzer == "word":
            self.vec_ = TfidfVectorizer(lowercase=True)
        else:
            self.vec_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, sublinear_tf=True)
        X = self.vec_.fit_transform(texts)
        self.models_ = []
        # lbfgs on a few hundred rows gains nothing from BLAS threads and loses much when cores are busy.
        with threadpool_limits(1):
            self._fit_models(X, Y)
        return self

    def _fit_models(self, X, Y) -> None:
        for k in range(Y.shape[1]):
            y = Y[:, k]
            self.models_.append(LogisticRegression(max_iter=1000).fit(X, y) if 0 < y.sum() < len(y) else float(y[0]))

    def predict_proba(self, texts) -> np.ndarray:
        X = self.vec_.transform(texts)
        cols = [m.predict_proba(X)[:, 1] if not isinstance(m, float) else np.full(X.shape[0], m) for m in self.models_]
        return np.column_stack(cols)

    def predict(self, texts) -> np.ndarray:
        return (self.predict_proba(texts) >= 0.5).astype(int)


class SpacyTextcat:
    """spaCy's ``textcat_multilabel`` on ``spacy.blank("nb")``, trained on the same rows.

    Parameters
    ----------
    architecture : {"ensemble", "bow"}
        spaCy's default ensemble (bag of words + CNN) or its bag-of-words model.
    epochs : int
    seed : int
    """

    def __init__(self, architecture: str = "ensemble", epochs: int = 10, seed: int = 0):
        self.architecture = architecture
        self.epochs = epochs
        self.seed = seed

    def build(self):
        import spacy

        nlp = spacy.blank("nb")
        config = {"threshold": 0.5}
        if self.architecture == "bow":
            config["model"] = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                               "ngram_size": 1, "no_output_layer": False}
        textcat = nlp.add_pipe("textcat_multilabel", config=config)
        for theme in THEMES:
            textcat.add_label(theme)
        return nlp

    def fit(self, texts, Y, groups=None):
        import spacy
        from spacy.training import Example
        from spacy.util import fix_random_seed, minibatch

        fix_random_seed(self.seed)
        nlp = self.build()
        examples = [Example.from_dict(nlp.make_doc(t), {"cats": {th: float(y[k]) for k, th in enumerate(THEMES)}})
                    for t, y in zip(texts, Y)]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(self.seed)
        for _ in range(self.epochs):
            rng.shuffle(examples)
            for batch in minibatch(examples, size=spacy.util.compounding(4.0, 32.0, 1.001)):
                nlp.update(batch, drop=0.2, sgd=optimizer)
        self.nlp_ = nlp
        return self

    def predict_proba(self, texts) -> np.ndarray:
        return np.array([[doc.cats[t] for t in THEMES] for doc in self.nlp_.pipe(texts, batch_size=256)])

    def predict(self, texts) -> np.ndarray:
        return (self.predict_proba(texts) >= 0.5).astype(int)
