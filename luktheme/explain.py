"""Why a text got its themes: feature contributions mapped back to words of the text.

The score of a theme is a sum of feature values times weights. Each feature is
traced to the words it came from: a word n-gram to its words, a character
n-gram to every word it occurs in (its weight shared among them), a cue count
to the words that hold the cue stem. Summed per word, this gives the words that
pushed a theme's score up and those that pushed it down.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .analysis import pipeline_for, token_forms
from .features import CUE_FEATURES, CUE_PATTERNS
from .lexicon import SECTIONS
from .taxonomy import THEMES


@dataclass(frozen=True)
class Evidence:
    """One word of the text and how much it moved a theme's log-odds.

    Attributes
    ----------
    theme : str
    word : str
        The word as written in the text.
    start, end : int
        Character offsets of the word in the text.
    weight : float
        Its contribution to the theme's log-odds (positive pushes the score up).
    """

    theme: str
    word: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class Explanation:
    """The evidence for each theme of one text.

    Attributes
    ----------
    text : str
    themes : tuple of str
        The predicted themes.
    scores : dict of str to float
    thresholds : dict of str to float
    support : dict of str to list of Evidence
        Per theme, the words that pushed its score up most, strongest first.
    against : dict of str to list of Evidence
        Per theme, the words that pushed its score down most.
    """

    text: str
    themes: tuple[str, ...]
    scores: dict[str, float]
    thresholds: dict[str, float]
    support: dict[str, list[Evidence]]
    against: dict[str, list[Evidence]]

    @property
    def evidence(self) -> list[Evidence]:
        """The supporting words of the predicted themes, in text order."""
        return sorted((e for t in self.themes for e in self.support[t]), key=lambda e: (e.start, e.theme))

    def top_words(self, theme: str, n: int = 3) -> list[str]:
        """The ``n`` strongest supporting words of ``theme``."""
        return [e.word for e in self.support[theme][:n]]

    def _repr_html_(self) -> str:
        from .display import explanation_html

        return explanation_html(self)


def _docs(classifier, texts: list[str]):
    nlp = pipeline_for(classifier.analysis)
    if classifier.analysis == "blank":
        return [nlp.make_doc(t) for t in texts]
    return list(nlp.pipe(texts))


def word_weights(classifier, text: str, doc=None) -> tuple[list[tuple[str, int, int]], np.ndarray]:
    """Per word of ``text``, its contribution to each theme's log-odds.

    ``doc`` is ``text`` as the classifier's spaCy pipeline made it, if the caller has it.

    Returns
    -------
    words : list of (word, start, end)
    weights : ndarray of shape (n_words, 5)
    """
    if doc is None:
        doc = _docs(classifier, [text])[0]
    with_lemmas = classifier.analysis == "lemma"
    words, forms = [], []
    for tok in doc:
        f = token_forms(tok, with_lemmas)
        if f:
            words.append((tok.text, tok.idx, tok.idx + len(tok.text)))
            forms.append(f)
    weights = np.zeros((len(words), len(THEMES)))
    if not words:
        return words, weights
    sequence = [(w, form) for w, fs in enumerate(forms) for form in fs]
    analysed = " ".join(form for _, form in sequence)
    vec = classifier.vectorizer_
    x = vec.transform([analysed]).tocsr()
    coef = classifier.coef_
    n_word = len(vec.word_.vocabulary_)
    n_char = len(vec.char_.vocabulary_)
    word_terms = {i: t for t, i in vec.word_.vocabulary_.items()}
    char_terms = {i: t for t, i in vec.char_.vocabulary_.items()}
    n_cue = len(CUE_FEATURES) if vec.cue_weight else 0
    lexicon_hits = vec.lexicon.hit_positions([form for _, form in sequence]) if vec.lexicon is not None else []
    for j, value in zip(x.indices, x.data):
        contribution = value * coef[:, j]
        if j < n_word:
            owners = _ngram_owners(word_terms[j].split(" "), sequence)
        elif j < n_word + n_char:
            gram = char_terms[j - n_word]
            owners = [w for w, form in sequence if gram in f" {form} "]
        elif j < n_word + n_char + n_cue:
            pattern = CUE_PATTERNS[j - n_word - n_char]
            owners = [w for w, form in sequence if pattern.search(f" {form} ")]
        else:  # a theme-lexicon feature: a concept group, or the count of a section's groups
            k = j - n_word - n_char - n_cue
            lexicon = vec.lexicon
            wanted = ({k} if k < len(lexicon.groups) else
                      {g for g, name in enumerate(lexicon.groups)
                       if name.split(".")[0] == SECTIONS[k - len(lexicon.groups)]})
            owners = sorted({sequence[i][0] for i, g in lexicon_hits if g in wanted})
        for w in owners:
            weights[w] += contribution / len(owners)
    return words, weights


def _ngram_owners(gram: list[str], sequence: list[tuple[int, str]]) -> list[int]:
    owners = []
    n = len(gram)
    for i in range(len(sequence) - n + 1):
        if [form for _, form in sequence[i:i + n]] == gram:
            owners.extend(w for w, _ in sequence[i:i + n])
    return owners


def explain(tagger, text: str, *, n: int = 3) -> Explanation:
    """Explain the themes ``tagger`` gives ``text``.

    Parameters
    ----------
    tagger : ThemeTagger
    text : str
    n : int
        Words kept per theme and direction.

    Returns
    -------
    Explanation

    Examples
    --------
    >>> import luktheme
    >>> ex = luktheme.load().explain("Kurs i kommunal planstrategi")
    >>> ex.top_words("planstrategi", 1)
    ['planstrategi']
    """
    return _explain(tagger(text), word_weights(tagger.classifier, text), n)


def explain_all(tagger, texts: list[str], *, n: int = 3) -> list[Explanation]:
    """Explain many texts: their words are analysed in one pass of the pipeline.

    Examples
    --------
    >>> import luktheme
    >>> first, second = explain_all(luktheme.load(), ["Kurs i planstrategi", "Ny veg"])
    >>> first.top_words("planstrategi", 1), second.themes
    (['planstrategi'], ())
    """
    texts = list(texts)
    docs = _docs(tagger.classifier, texts)
    return [_explain(tagging, word_weights(tagger.classifier, text, doc), n)
            for text, doc, tagging in zip(texts, docs, tagger.pipe(texts))]


def _explain(tagging, weighted: tuple[list[tuple[str, int, int]], np.ndarray], n: int) -> Explanation:
    text = tagging.text
    words, weights = weighted
    merged: dict[tuple[int, int], np.ndarray] = defaultdict(lambda: np.zeros(len(THEMES)))
    spans = {}
    for (word, start, end), w in zip(words, weights):
        merged[(start, end)] += w
        spans[(start, end)] = word
    support, against = {}, {}
    for k, theme in enumerate(THEMES):
        items = [Evidence(theme, spans[key], key[0], key[1], float(w[k])) for key, w in merged.items()]
        support[theme] = sorted((e for e in items if e.weight > 0), key=lambda e: -e.weight)[:n]
        against[theme] = sorted((e for e in items if e.weight < 0), key=lambda e: e.weight)[:n]
    return Explanation(text, tagging.themes, tagging.scores, tagging.thresholds, support, against)

