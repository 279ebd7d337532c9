"""The building blocks of the word lexicon: word classes, compound splitting, per-word tables.

:class:`~luktheme.nlp.compounds.Lexicon` and its lemma analogies share
these: the parts of speech that form compounds, the letters that join their
parts, the search that covers a modifier with known lemmas, the keys of the
context table, and the tables that answer one word form at a time.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Parts of speech whose words form compounds and whose heads inflect.
OPEN_CLASSES = frozenset({"NOUN", "ADJ", "VERB"})

#: Parts of speech whose lemmas :meth:`~luktheme.nlp.compounds.Lexicon.parts` splits.
SPLIT_CLASSES = frozenset({"NOUN", "ADJ"})

#: Letters that join compound parts ("kompetanse|heving|s|tiltak", "barn|e|hage").
LINKS = ("s", "e")

#: Particles that prefix verbs and their nominalizations ("opp|følging", "til|rettelegging").
#: They are shorter than the 3 letters asked of other parts, so they are listed.
PARTICLES = frozenset(
    {"av", "på", "til", "opp", "inn", "ut", "om", "over", "under", "fram", "frem", "mot", "med",
     "ned", "bort", "etter", "gjennom", "sam", "hel", "all", "bu", "by", "fe", "ku", "sjø", "å"}
)

#: Shortest modifier part and head.  Three-letter parts split too much at random
#: ("trø|sten", "kur|ven"); heads may be that short ("idretts|lag").
MIN_PART = 4
MIN_HEAD = 3


def context_keys(prev: str, form: str, next_: str, word_class) -> tuple[str, ...]:
    """Keys of a word in context, from the most to the least specific.

    The neighbours are used as lower-case forms and as their usual part of
    speech (``word_class``), so that a rare neighbour still says "a noun follows".
    """
    p, n = prev.lower(), next_.lower()
    pc = prev if prev in ("<s>", "</s>") else word_class(prev)
    nc = next_ if next_ in ("<s>", "</s>") else word_class(next_)
    return (
        f"pfn\t{p}\t{form}\t{n}",
        f"f\t{form}\t{n}",
        f"p\t{p}\t{form}",
        f"cfc\t{pc}\t{form}\t{nc}",
        f"fc\t{form}\t{nc}",
        f"cf\t{pc}\t{form}",
    )


def _pick(analyses: list[tuple[str, str, int]], upos: str | None) -> tuple[str, str] | None:
    """Choose the head analysis for a given (or unknown) part of speech."""
    if upos is not None:
        for lemma, tag, _n in analyses:
            if tag == upos:
                return lemma, tag
        return None
    total = sum(a[2] for a in analyses)
    lemma, tag, n = analyses[0]
    # Without a tagger's opinion the head must speak for itself.
    if n / total < 0.95:
        return None
    return lemma, tag


def _split(mod: str, vocab: frozenset[str], min_part: int = 2, particles: bool = True) -> tuple[str, ...] | None:
    """Cover ``mod`` with the fewest known lemmas, allowing a linking s/e after each."""
    n = len(mod)
    if n < 2:
        return None
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        cur = best[i]
        if cur is None:
            continue
        for j in range(i + min_part, n + 1):
            piece = mod[i:j]
            if piece in vocab or (particles and piece in PARTICLES):
                cand = cur + (piece,)
                for end in (j, j + 1):
                    if end > n:
                        break
                    if end == j + 1 and mod[j] not in LINKS:
                        break
                    if best[end] is None or len(best[end]) > len(cand):
                        best[end] = cand
    return best[n]


_MISSING = object()


class _PerForm(Mapping):
    """A read-only table over the lexicon's forms whose entries are computed on first use.

    ``entry(form, analyses)`` gives the value, or None where the table has no entry.
    """

    def __init__(self, forms: dict[str, list[list]], entry) -> None:
        self._forms = forms
        self._entry = entry
        self._done: dict = {}

    def get(self, key, default=None):
        try:
            value = self._done[key]
        except KeyError:
            analyses = self._forms.get(key)
            value = self._done[key] = None if analyses is None else self._entry(key, analyses)
        return default if value is None else value

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def __iter__(self):
        return (form for form in self._forms if form in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _word_class_entry(form: str, analyses: list[list]) -> str | None:
    real = [a for a in analyses if a[1] != "X"] or analyses
    return real[0][1] if sum(a[2] for a in real) >= 2 else None


def _name_entry(form: str, analyses: list[list]) -> bool | None:
    return True if 2 * sum(a[2] for a in analyses if a[1] == "PROPN") > sum(a[2] for a in analyses) else None


def _head_entry(form: str, analyses: list[list]) -> list[tuple[str, str, int]] | None:
    if form != form.lower():
        return None
    return [(a[0].lower(), a[1], a[2]) for a in analyses if a[1] in OPEN_CLASSES] or None
