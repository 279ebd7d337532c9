"""Word lexicon and compound analysis for Norwegian (Bokmål and Nynorsk).

Norwegian writes compounds as one word, and plan documents coin them freely
("kompetansehevingstiltakene", "stedsutviklingsprosjekta").  Such words are
rarely in any treebank, but their last part (the head) usually is, and the
head decides the inflection.  :class:`Lexicon` lemmatizes an unseen compound
by lemmatizing the head from the treebank's word list and keeping the
modifier as written, and splits the modifier into known lemmas so that the
parts can serve as features ("kompetanse" + "heving" + "tiltak").
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .errors import ModelError

#: Parts of speech whose words form compounds and whose heads inflect.
OPEN_CLASSES = frozenset({"NOUN", "ADJ", "VERB"})

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


class Lexicon:
    """Word-level analyses from the treebank plus a compound splitter.

    Parameters
    ----------
    forms : dict
        Exact word form -> list of ``[lemma, upos, count]``, most frequent first.
    compound_lemmas : iterable of str
        Lemmas the treebank marks as compounds.
    simple_lemmas : iterable of str
        Lemmas the treebank uses without the compound mark; they are never split.
    min_count : int
        A form is answered from the lexicon (without the network) only if it was
        seen at least this often ...
    min_share : float
        ... and its most frequent analysis has at least this share of its uses.

    Examples
    --------
    >>> lex = Lexicon({"tiltakene": [["tiltak", "NOUN", 3]], "kompetanse": [["kompetanse", "NOUN", 9]],
    ...                "heve": [["heve", "VERB", 2]]}, [], ["tiltak", "kompetanse", "heve"])
    >>> lex.analyse_unknown("kompetansehevingstiltakene")
    ('kompetansehevingstiltak', 'NOUN', ('kompetanse', 'heving', 'tiltak'))
    """

    def __init__(
        self,
        forms: dict[str, list[list]],
        compound_lemmas: Iterable[str] = (),
        simple_lemmas: Iterable[str] = (),
        min_count: int = 1,
        min_share: float = 0.99,
    ) -> None:
        self.forms = forms
        self.compound_lemmas = frozenset(compound_lemmas)
        self.simple_lemmas = frozenset(simple_lemmas)
        self.min_count = min_count
        self.min_share = min_share
        self.known: dict[str, tuple[str, str]] = {}
        heads: dict[str, list[tuple[str, str, int]]] = {}
        vocab: set[str] = set()
        for form, analyses in forms.items():
            total = sum(a[2] for a in analyses)
            lemma, upos, n = analyses[0]
            if total >= min_count and n / total >= min_share:
                self.known[form] = (lemma.lower(), upos)
            low = form.lower()
            if low != form and form[:1].isupper() and not form[1:].islower():
                continue
            open_ = [(a[0].lower(), a[1], a[2]) for a in analyses if a[1] in OPEN_CLASSES]
            if open_ and form == low:
                heads[low] = open_
            for a in open_:
                vocab.add(a[0])
                # Verbal nouns in -ing are productive ("heve" -> "heving") and common
                # in plans, though many are missing from the treebank.
                if a[1] == "VERB" and a[0].endswith("e") and len(a[0]) > 3:
                    vocab.add(a[0][:-1] + "ing")
        self.heads = heads
        self.vocab = frozenset(v for v in vocab if len(v) >= MIN_PART - 1 and v.isalpha())
        self._analyse = lru_cache(maxsize=200_000)(self._analyse_uncached)
        self._parts = lru_cache(maxsize=200_000)(self._parts_uncached)

    # ------------------------------------------------------------------ I/O

    @classmethod
    def from_disk(cls, path: str | Path, **kwargs) -> "Lexicon":
        """Read a lexicon written by :meth:`to_disk` (gzipped JSON).

        Examples
        --------
        >>> import tempfile, os
        >>> d = tempfile.mkdtemp(); p = os.path.join(d, "lexicon.json.gz")
        >>> Lexicon({"hus": [["hus", "NOUN", 2]]}).to_disk(p)
        >>> Lexicon.from_disk(p).known["hus"]
        ('hus', 'NOUN')
        """
        path = Path(path)
        try:
            with gzip.open(path, "rt", encoding="utf8") as fh:
                data = json.load(fh)
            return cls(data["forms"], data.get("compound_lemmas", ()), data.get("simple_lemmas", ()), **kwargs)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(
                f"cannot read the word lexicon {path}: expected a gzipped JSON file with 'forms' "
                f"({exc}); rebuild the pipeline with `python scripts/train_nlp.py`"
            ) from exc

    def to_disk(self, path: str | Path) -> None:
        """Write the lexicon as gzipped JSON (see :meth:`from_disk`)."""
        data = {
            "forms": self.forms,
            "compound_lemmas": sorted(self.compound_lemmas),
            "simple_lemmas": sorted(self.simple_lemmas),
        }
        with gzip.open(Path(path), "wt", encoding="utf8", compresslevel=9) as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))

    # ------------------------------------------------------------------ analysis

    def split_modifier(self, mod: str) -> tuple[str, ...] | None:
        """Split a compound's modifier into known lemmas, dropping linking letters.

        Returns the parts with the fewest pieces, or None if ``mod`` cannot be
        covered by lemmas of the lexicon.

        Examples
        --------
        >>> lex = Lexicon({"sted": [["sted", "NOUN", 5]], "utvikle": [["utvikle", "VERB", 5]]})
        >>> lex.split_modifier("stedsutviklings")
        ('sted', 'utvikling')
        """
        return _split(mod, self.vocab)

    def _analyse_uncached(self, word: str, upos: str | None) -> tuple[str, str, tuple[str, ...]] | None:
        if "-" in word:
            mod, _, head = word.rpartition("-")
            if not head or not mod:
                return None
            inner = self.heads.get(head)
            sub = None
            if inner is None:
                sub = self._analyse(head, upos)
                if sub is None:
                    return None
                lemma, tag, head_parts = sub
            else:
                pick = _pick(inner, upos)
                if pick is None:
                    return None
                lemma, tag = pick
                head_parts = self.parts(lemma, tag)
            mod_parts = tuple(p for piece in mod.split("-") if piece for p in self.parts(piece, "NOUN"))
            return mod + "-" + lemma, tag, mod_parts + head_parts
        n = len(word)
        for k in range(2, n - MIN_HEAD + 1):
            head = word[k:]
            analyses = self.heads.get(head)
            if analyses is None:
                continue
            parts = _split(word[:k], self.vocab, MIN_PART)
            if parts is None:
                continue
            pick = _pick(analyses, upos)
            if pick is None:
                return None
            lemma, tag = pick
            mod_parts = tuple(q for p in parts for q in self.parts(p, "NOUN"))
            return word[:k] + lemma, tag, mod_parts + self.parts(lemma, tag)
        return None

    def analyse_unknown(self, word: str, upos: str | None = None) -> tuple[str, str, tuple[str, ...]] | None:
        """Lemmatize a word missing from the lexicon as a compound of known words.

        Parameters
        ----------
        word : str
            Lower-case word form.
        upos : str, optional
            The part of speech the tagger gave the word.  When given, only head
            analyses with this part of speech are used; when None, the head must
            be unambiguous.

        Returns
        -------
        tuple or None
            ``(lemma, upos, parts)`` or None when the word is not a compound of
            known words (or its head is ambiguous).

        Examples
        --------
        >>> lex = Lexicon({"prosjekta": [["prosjekt", "NOUN", 2]], "sted": [["sted", "NOUN", 9]],
        ...                "utvikling": [["utvikling", "NOUN", 9]]})
        >>> lex.analyse_unknown("stedsutviklingsprosjekta")
        ('stedsutviklingsprosjekt', 'NOUN', ('sted', 'utvikling', 'prosjekt'))
        """
        return self._analyse(word, upos)

    def _parts_uncached(self, lemma: str, upos: str) -> tuple[str, ...]:
        if upos not in OPEN_CLASSES:
            return (lemma,)
        if "-" in lemma:
            out: list[str] = []
            for p in lemma.split("-"):
                if p:
                    out.extend(self._parts(p, upos) if len(p) >= MIN_PART else (p,))
            return tuple(out) or (lemma,)
        if not lemma.isalpha():
            return (lemma,)
        # Lexicalized words split badly ("for|slag", "sam|arbeid"), and the
        # treebank marks compounds too sparsely to tell them apart.  Short parts
        # and particles are therefore allowed only where it marks a compound.
        marked = lemma in self.compound_lemmas
        min_part = MIN_PART - 1 if marked else MIN_PART
        n = len(lemma)
        for k in range(min_part, n - MIN_HEAD + 1):
            head = lemma[k:]
            if head not in self.vocab:
                continue
            mod = _split(lemma[:k], self.vocab, min_part, marked)
            if mod is not None:
                return mod + (head,)
        return (lemma,)

    def parts(self, lemma: str, upos: str = "NOUN") -> tuple[str, ...]:
        """Split a lemma into its compound parts (a 1-tuple for non-compounds).

        Examples
        --------
        >>> lex = Lexicon({"barn": [["barn", "NOUN", 9]], "hage": [["hage", "NOUN", 9]]})
        >>> lex.parts("barnehage")
        ('barn', 'hage')
        >>> lex.parts("hage")
        ('hage',)
        """
        return self._parts(lemma, upos)


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
