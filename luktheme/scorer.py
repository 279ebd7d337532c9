"""``ThemeScorer``: a fitted theme model's arithmetic, without scikit-learn.

A model folder loads into a :class:`ThemeScorer`: vocabularies, weights and
thresholds, and the few lines of numpy that turn analysed texts into scores.
Tagging therefore imports neither scikit-learn, which alone takes longer to
import than spaCy, nor scipy; :class:`~luktheme.model.ThemeClassifier`, the estimator
that learns the weights, is built only when a model is trained or cloned.
"""

from __future__ import annotations

import numpy as np

from .analysis import ANALYSERS, analyse
from .features import ThemeVectorizer
from .taxonomy import THEMES


def check_texts(texts, *, name: str = "texts") -> list[str]:
    """Return ``texts`` as a list of str, rejecting a bare string or non-string items."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"Iterable over raw texts expected for {name}, string object received. "
            "A common mistake is to pass one text: wrap it in a list, [text]."
        )
    try:
        texts = list(texts)
    except TypeError:
        raise TypeError(f"{name} must be an iterable of str, got {type(texts).__name__}.") from None
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"{name}[{i}] must be a str, got {type(text).__name__}: {text!r:.60}.")
    return texts


def sigmoid(z) -> np.ndarray:
    """The logistic function, elementwise, as float64."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))


def log_odds(vectorizer: ThemeVectorizer, coef: np.ndarray, intercept: np.ndarray, analysis: str,
             texts: list[str]) -> np.ndarray:
    """Log-odds per theme of raw ``texts``: shape (n_texts, 5), with numpy alone."""
    if not texts:
        return np.zeros((0, len(THEMES)))
    return vectorizer.log_odds(analyse(texts, analysis), coef, intercept)


def fitted_state(params: dict, vectorizer: ThemeVectorizer, coef: np.ndarray, intercept: np.ndarray,
                 thresholds: np.ndarray) -> tuple[dict, dict, dict[str, np.ndarray]]:
    """A fitted model as plain data: parameters and vectorizer state for JSON, weights for numpy."""
    state, arrays = vectorizer.state()
    params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items()}
    return params, state, {"coef": coef, "intercept": intercept, "thresholds": thresholds, **arrays}


class ThemeScorer:
    """The fitted state of a theme model, scoring texts with numpy alone.

    Parameters
    ----------
    params : dict
        The :class:`~luktheme.model.ThemeClassifier` parameters it was trained with.
    vectorizer : ThemeVectorizer
    coef : ndarray of shape (5, n_features)
    intercept : ndarray of shape (5,)
    thresholds : ndarray of shape (5,)

    A scorer is not an estimator: to train again with the same parameters, build
    ``ThemeClassifier(**scorer.get_params())`` (:mod:`luktheme.model`).

    Examples
    --------
    >>> import luktheme
    >>> scorer = luktheme.load().classifier
    >>> type(scorer).__name__, scorer.predict(["Kurs i planstrategi"]).tolist()
    ('ThemeScorer', [[0, 1, 0, 1, 0]])
    """

    def __init__(self, params: dict, vectorizer: ThemeVectorizer, coef: np.ndarray, intercept: np.ndarray,
                 thresholds: np.ndarray) -> None:
        self.params = dict(params)
        self.analysis = self.params.get("analysis", "lemma")
        if self.analysis not in ANALYSERS:
            raise ValueError(f"analysis must be one of {ANALYSERS}, got {self.analysis!r}.")
        self.vectorizer_ = vectorizer
        self.lexicon_ = vectorizer.lexicon
        self.coef_, self.intercept_, self.thresholds_ = coef, intercept, thresholds
        self.classes_ = np.array(THEMES)

    def get_params(self, deep: bool = True) -> dict:
        """The training parameters, as :meth:`ThemeClassifier.get_params` gives them."""
        return dict(self.params)

    @classmethod
    def from_state(cls, params: dict, state: dict, arrays: dict[str, np.ndarray]) -> ThemeScorer:
        """Rebuild a scorer from what :meth:`to_state` gave (as a model folder stores it).

        Examples
        --------
        >>> import luktheme
        >>> scorer = luktheme.load().classifier
        >>> copy = ThemeScorer.from_state(*scorer.to_state())
        >>> bool((copy.predict_proba(["Kurs i planstrategi"]) == scorer.predict_proba(["Kurs i planstrategi"])).all())
        True
        """
        params = dict(params)
        for key in ("word_ngram_range", "char_ngram_range"):
            if key in params:
                params[key] = tuple(params[key])
        return cls(params, ThemeVectorizer.from_state(state, arrays), arrays["coef"], arrays["intercept"],
                   arrays["thresholds"])

    def to_state(self) -> tuple[dict, dict, dict[str, np.ndarray]]:
        """The parameters (JSON), vectorizer state (JSON) and arrays (numpy) that :meth:`from_state` reads."""
        return fitted_state(self.params, self.vectorizer_, self.coef_, self.intercept_, self.thresholds_)

    def decision_function(self, X) -> np.ndarray:
        """Log-odds per theme, shape (n_samples, 5), computed with numpy alone."""
        return log_odds(self.vectorizer_, self.coef_, self.intercept_, self.analysis, check_texts(X, name="X"))

    def predict_proba(self, X) -> np.ndarray:
        """One probability per theme, shape (n_samples, 5), columns in THEMES order."""
        return sigmoid(self.decision_function(X))

    def predict(self, X) -> np.ndarray:
        """0/1 indicator matrix (n_samples, 5): each theme's score against its own threshold."""
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int64)
