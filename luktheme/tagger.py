"""``ThemeTagger``: texts in, :class:`Tagging` results out."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .errors import TextCleanedWarning
from .rawtext import clean_characters
from .scorer import check_texts
from .storage import read_model, save_model
from .taxonomy import THEMES

if TYPE_CHECKING:  # tagging with a loaded model never imports scikit-learn
    from .model import ThemeClassifier
    from .scorer import ThemeScorer


@dataclass(frozen=True)
class Tagging:
    """The themes of one text.

    Attributes
    ----------
    text : str
        The text as given.
    themes : tuple of str
        The chosen themes in :data:`~luktheme.THEMES` order; ``()`` when none applies.
    scores : dict of str to float
        One probability per theme.
    thresholds : dict of str to float
        The per-theme cut-offs the scores were compared with.
    """

    text: str
    themes: tuple[str, ...]
    scores: dict[str, float]
    thresholds: dict[str, float] = field(default_factory=dict, repr=False)

    def _repr_html_(self) -> str:
        from .display import tagging_html

        return tagging_html(self)

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        scores = ", ".join(f"{t}={self.scores[t]:.2f}" for t in THEMES)
        return f"Tagging({text!r}, themes={self.themes}, scores: {scores})"


class ThemeTagger:
    """Tag texts with themes using a fitted model.

    Parameters
    ----------
    classifier : ThemeClassifier or ThemeScorer
        A fitted classifier, or the :class:`~luktheme.scorer.ThemeScorer` a model folder loads into.
    meta : dict, optional
        The model's metadata (versions, training data, metrics), as in ``meta.json``.

    Examples
    --------
    >>> import luktheme
    >>> tagger = luktheme.load()
    >>> tagger("Arrangere årlege kurs i planstrategi for kommunane.").themes
    ('planstrategi', 'kompetanseheving')
    """

    themes: tuple[str, ...] = THEMES

    def __init__(self, classifier: ThemeClassifier | ThemeScorer, meta: dict | None = None):
        self.classifier = classifier
        self.meta = dict(meta or {})

    @property
    def thresholds(self) -> dict[str, float]:
        """The per-theme thresholds, by theme."""
        return {t: float(v) for t, v in zip(THEMES, self.classifier.thresholds_)}

    def __call__(self, text: str) -> Tagging:
        """Tag one text.

        Raises
        ------
        TypeError
            If ``text`` is not a str (e.g. None or a number).

        Warns
        -----
        TextCleanedWarning
            If the text held NUL, control characters or lone surrogates; they are
            replaced by U+FFFD and the rest is tagged.
        """
        if not isinstance(text, str):
            raise TypeError(f"ThemeTagger expects a str, got {type(text).__name__}: {text!r:.60}. "
                            "For many texts use tagger.pipe(texts).")
        return next(self._tag([text]))

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[Tagging]:
        """Tag many texts, lazily, in batches; results come in input order.

        Parameters
        ----------
        texts : iterable of str
            Not a single str: wrap one text in a list.
        batch_size : int
            Texts scored together.

        Examples
        --------
        >>> import luktheme
        >>> [t.themes for t in luktheme.load().pipe(["Utvikle regionsenteret Otta", "Asfaltere fylkesvegen"])]
        [('stedsutvikling',), ()]
        """
        if isinstance(texts, (str, bytes)):
            raise TypeError("tagger.pipe() expects an iterable of texts, not a single string. "
                            "Use tagger(text) for one text, or tagger.pipe([text]).")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}.")
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        if batch:
            yield from self._tag(batch)

    def _tag(self, texts: list[str]) -> Iterator[Tagging]:
        texts = check_texts(texts)
        cleaned = [clean_characters(t) for t in texts]
        replaced = sum(n for _, n in cleaned)
        if replaced:
            warnings.warn(f"{replaced} character(s) that are not text (NUL, control characters or lone "
                          "surrogates from a wrong decoding) were replaced by U+FFFD before tagging.",
                          TextCleanedWarning, stacklevel=3)
            texts = [t for t, _ in cleaned]
        scores = np.zeros((len(texts), len(THEMES)))
        live = np.array([bool(t.strip()) for t in texts], dtype=bool)
        if live.any():
            scores[live] = self.classifier.predict_proba([t for t, ok in zip(texts, live) if ok])
        cut = self.classifier.thresholds_
        thresholds = self.thresholds
        for text, row, ok in zip(texts, scores, live):
            chosen = tuple(t for t, s, c in zip(THEMES, row, cut) if s >= c) if ok else ()
            yield Tagging(text, chosen, {t: float(s) for t, s in zip(THEMES, row)}, thresholds)

    def explain(self, text: str, *, n: int = 3):
        """The words that pushed each theme's score up and down (see :func:`luktheme.explain.explain`).

        Examples
        --------
        >>> import luktheme
        >>> luktheme.load().explain("Kurs i kommunal planstrategi").top_words("planstrategi", 1)
        ['planstrategi']
        """
        from .explain import explain

        return explain(self, text, n=n)

    def save(self, path, *, force: bool = False):
        """Write the model folder (see :func:`luktheme.storage.save_model`); returns its path."""
        self.meta = save_model(self.classifier, self.meta, path, force=force)
        return Path(path)

    def __repr__(self) -> str:
        name = self.meta.get("name", "unsaved")
        return f"ThemeTagger({name!r}, thresholds={ {t: round(v, 2) for t, v in self.thresholds.items()} })"


def load(path: str | os.PathLike | None = None) -> ThemeTagger:
    """Load a model folder as a tagger; with no argument, the bundled model.

    Parameters
    ----------
    path : str or path-like, optional
        A folder written by ``tagger.save`` or ``luktheme train``.

    Returns
    -------
    ThemeTagger

    Errors and warnings are those of :func:`luktheme.storage.read_model`: a ``ModelError`` naming
    the damaged or missing file, a ``ModelVersionWarning`` for a folder of another version.

    Examples
    --------
    >>> import luktheme
    >>> luktheme.load().themes
    ('bolyst', 'planstrategi', 'stedsutvikling', 'kompetanseheving', 'statistikk')
    """
    return ThemeTagger(*read_model(path))
