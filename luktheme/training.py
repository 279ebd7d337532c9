"""Fit a :class:`~luktheme.tagger.ThemeTagger` on labeled rows and describe its data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .corpus import Example, data_hash, label_matrix
from .model import ThemeClassifier
from .tagger import ThemeTagger
from .taxonomy import THEMES


def describe(examples: Sequence[Example]) -> dict:
    """Counts of a training set as stored in a model's meta.json."""
    Y = label_matrix([ex.labels for ex in examples])
    return {
        "n_examples": len(examples),
        "by_origin": dict(Counter(ex.origin for ex in examples)),
        "by_lang": dict(Counter(ex.lang for ex in examples)),
        "per_theme": {t: int(Y[:, k].sum()) for k, t in enumerate(THEMES)},
        "no_theme": int((Y.sum(1) == 0).sum()),
        "data_hash": data_hash(examples),
    }


def train(examples: Sequence[Example], **params) -> ThemeTagger:
    """Fit a tagger on labeled rows.

    Parameters
    ----------
    examples : sequence of Example
        E.g. ``luktheme.read_examples("data/")``.
    **params
        :class:`~luktheme.model.ThemeClassifier` parameters.

    Returns
    -------
    ThemeTagger
        Not yet saved; call ``.save(path)``.

    Examples
    --------
    >>> from luktheme.corpus import Example
    >>> rows = [Example(str(i), t, l) for i, (t, l) in enumerate(
    ...     [("Kurs i planstrategi", ("planstrategi", "kompetanseheving")), ("Ny fylkesveg", ())] * 6)]
    >>> train(rows)("Kurs i planstrategi").themes
    ('planstrategi', 'kompetanseheving')
    """
    if isinstance(examples, (str, bytes)) or not examples:
        raise ValueError("train() needs a non-empty list of Example rows; read them with luktheme.read_examples().")
    clf = ThemeClassifier(**params)
    clf.fit([ex.text for ex in examples], label_matrix([ex.labels for ex in examples]),
            groups=[ex.group for ex in examples])
    return ThemeTagger(clf, {"training": describe(examples)})
