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
import math
from collections.abc import Mapping
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Iterable

from ..errors import ModelError
from .analogy import LemmaAnalogy
from .wordtables import (
    MIN_HEAD,
    MIN_PART,
    OPEN_CLASSES,
    SPLIT_CLASSES,
    _head_entry,
    _name_entry,
    _pick,
    _PerForm,
    _split,
    _word_class_entry,
    context_keys,
)


class Lexicon(LemmaAnalogy):
    """Word-level analyses from the treebank plus a compound splitter.

    Parameters
    ----------
    forms : dict
        Exact word form -> list of ``[lemma, upos, count]`` or ``[lemma, upos, count,
        nynorsk_count]``, most frequent first.  With the Nynorsk counts the lexicon
        can tell the standards apart (:meth:`standard`).
    compound_lemmas : iterable of str
        Lemmas the treebank marks as compounds.
    simple_lemmas : iterable of str
        Lemmas the treebank uses without the compound mark; they are never split.
    min_count : int
        A form is answered from the lexicon (without the network) only if it was
        seen at least this often ...
    min_share : float
        ... and its most frequent analysis has at least this share of its uses.
    contexts : dict, optional
        Context table: key (see :func:`context_keys`) -> ``"lemma\tupos\tn\ttotal"``.
    ctx_min_count, ctx_min_share : int, float
        Thresholds a context-table entry must meet to be used.

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
        contexts: dict[str, str] | None = None,
        ctx_min_count: int = 3,
        ctx_min_share: float = 0.99,
    ) -> None:
        self.forms = forms
        self.compound_lemmas = frozenset(compound_lemmas)
        self.simple_lemmas = frozenset(simple_lemmas)
        self.min_count = min_count
        self.min_share = min_share
        self.raw_contexts = contexts or {}
        self.ctx_min_count = ctx_min_count
        self.ctx_min_share = ctx_min_share
        # The tables below are answered per word on first use: a tagging process asks
        # about a few thousand of the lexicon's 50,000 forms, and a full pass over all
        # of them would cost more than loading the rest of the pipeline.
        self.known: Mapping[str, tuple[str, str]] = _PerForm(forms, self._known_entry)
        self.known_by_standard: dict[str, Mapping[str, tuple[str, str]]] = {
            std: _PerForm(forms, partial(self._standard_entry, std)) for std in ("nob", "nno")
        }
        self.standard_weight: Mapping[str, float] = _PerForm(forms, self._weight_entry)
        self.word_classes: Mapping[str, str] = _PerForm(forms, _word_class_entry)
        #: Forms the treebank shows mostly as a name ("Regjeringen", "Høyre"; not "Kommunen", "Det").
        self.names: Mapping[str, bool] = _PerForm(forms, _name_entry)
        #: Lower-case forms -> their open-class analyses ``(lemma, upos, count)``: compound heads.
        self.heads: Mapping[str, list[tuple[str, str, int]]] = _PerForm(forms, _head_entry)
        self._analyse = lru_cache(maxsize=200_000)(self._analyse_uncached)
        self._parts = lru_cache(maxsize=200_000)(self._parts_uncached)
        self._by_analogy = lru_cache(maxsize=200_000)(self._by_analogy_uncached)

    @cached_property
    def contexts(self) -> dict[str, tuple[str, str]]:
        """Context table entries that pass the thresholds: key -> ``(lemma, upos)``."""
        found: dict[str, tuple[str, str]] = {}
        for key, value in self.raw_contexts.items():
            lemma, upos, *counts = value.split("\t")
            if counts:
                n, total = int(counts[0]), int(counts[1])
                if total < self.ctx_min_count or n / total < self.ctx_min_share:
                    continue
            found[key] = (lemma, upos)
        return found

    @cached_property
    def vocab(self) -> frozenset[str]:
        """Lemmas of the open classes (and the verbal nouns of the verbs): compound parts."""
        vocab: set[str] = set()
        for form, analyses in self.forms.items():
            low = form.lower()
            if low != form and form[:1].isupper() and not form[1:].islower():
                continue
            for a in analyses:
                if a[1] not in OPEN_CLASSES:
                    continue
                lemma = a[0].lower()
                vocab.add(lemma)
                # Verbal nouns in -ing are productive ("heve" -> "heving") and common
                # in plans, though many are missing from the treebank.
                if a[1] == "VERB" and lemma.endswith("e") and len(lemma) > 3:
                    vocab.add(lemma[:-1] + "ing")
        return frozenset(v for v in vocab if len(v) >= MIN_PART - 1 and v.isalpha())

    @cached_property
    def _standard_totals(self) -> tuple[int, int]:
        """Word counts of the treebank in Bokmål and Nynorsk (0, 0 without Nynorsk counts)."""
        n_nno = sum(a[3] for an in self.forms.values() for a in an if len(a) > 3)
        n_all = sum(a[2] for an in self.forms.values() for a in an)
        return (n_all - n_nno, n_nno) if n_nno else (0, 0)

    def _known_entry(self, form: str, analyses: list[list]) -> tuple[str, str] | None:
        # "X" readings are mostly foreign words inside names; they do not make
        # a Norwegian word ambiguous unless they are its main use.
        real = [a for a in analyses if a[1] != "X"] or analyses
        total = sum(a[2] for a in real)
        lemma, upos, n = real[0][:3]
        if total >= self.min_count and n / total >= self.min_share:
            return lemma.lower(), upos
        return None

    def _standard_entry(self, std: str, form: str, analyses: list[list]) -> tuple[str, str] | None:
        if not all(self._standard_totals):
            return None
        col = [(a[0], a[1], a[3] if std == "nno" else a[2] - a[3]) for a in analyses if a[1] != "X" and len(a) > 3]
        total = sum(a[2] for a in col)
        if not col or total < self.min_count:
            return None
        lemma, upos, n = max(col, key=lambda a: a[2])
        return (lemma.lower(), upos) if n / total >= self.min_share else None

    def _weight_entry(self, form: str, analyses: list[list]) -> float | None:
        n_nob, n_nno = self._standard_totals
        if not (n_nob and n_nno):
            return None
        c_nno = sum(a[3] for a in analyses if a[1] != "X" and len(a) > 3)
        c_nob = sum(a[2] - a[3] for a in analyses if a[1] != "X" and len(a) > 3)
        # Log-likelihood ratio of the two standards, clipped so no single word decides.
        w = math.log((c_nob + 0.5) / n_nob) - math.log((c_nno + 0.5) / n_nno)
        return max(-3.0, min(3.0, w)) if abs(w) > 0.7 else None

    def standard(self, words: Iterable[str], margin: float = 2.0) -> str | None:
        """Guess the written standard of a text: ``"nob"`` (Bokmål), ``"nno"`` (Nynorsk) or None.

        Examples
        --------
        >>> lex = Lexicon({"ikke": [["ikke", "PART", 50, 0]], "ikkje": [["ikkje", "PART", 40, 40]],
        ...                "er": [["være", "AUX", 90, 45]]})
        >>> lex.standard("det er ikkje lett".split())
        'nno'
        """
        get = self.standard_weight.get
        score = sum(get(w, 0.0) for w in words)
        if score >= margin:
            return "nob"
        if score <= -margin:
            return "nno"
        return None

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
            return cls(
                data["forms"],
                data.get("compound_lemmas", ()),
                data.get("simple_lemmas", ()),
                contexts=data.get("contexts"),
                **kwargs,
            )
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
            "contexts": self.raw_contexts,
        }
        with gzip.open(Path(path), "wt", encoding="utf8", compresslevel=9) as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))

    # ------------------------------------------------------------------ context

    def lemma_for(self, form: str, upos: str, standard: str | None = None) -> str:
        """Lemma of a known form used as ``upos`` (in the given standard, if known).

        When the standard is not known (a short text whose words both standards
        use), the Bokmål lemma wins: most plan documents are in Bokmål, while the
        treebank is half Nynorsk and would otherwise give "ser" the lemma "sjå".

        Examples
        --------
        >>> lex = Lexicon({"vil": [["ville", "AUX", 70, 0], ["vilje", "AUX", 60, 60], ["vil", "NOUN", 1, 0]],
        ...                "ser": [["sjå", "VERB", 218, 218], ["se", "VERB", 184, 0]]})
        >>> lex.lemma_for("vil", "AUX", "nno"), lex.lemma_for("vil", "AUX", "nob"), lex.lemma_for("vil", "VERB")
        ('vilje', 'ville', 'ville')
        >>> lex.lemma_for("ser", "VERB", "nno"), lex.lemma_for("ser", "VERB")
        ('sjå', 'se')
        """
        analyses = self.forms[form]
        same = [a for a in analyses if a[1] == upos] or analyses

        def weight(a: list) -> int:
            if len(a) < 4:
                return a[2]
            return a[3] if standard == "nno" else a[2] - a[3]

        return max(same, key=lambda a: (weight(a), a[2]))[0].lower()

    def word_class(self, form: str) -> str:
        """The usual UPOS of a form seen at least twice, else ``"UNK"`` (a context feature)."""
        return self.word_classes.get(form, "UNK")

    def in_context(self, prev: str, form: str, next_: str) -> tuple[str, str] | None:
        r"""Analysis of an ambiguous word from its neighbours, if the treebank is (nearly) unanimous.

        ``prev`` and ``next_`` are the neighbouring forms (``"<s>"`` / ``"</s>"`` at
        the edges).  Returns ``(lemma, upos)`` or None when the network must decide.

        Examples
        --------
        >>> lex = Lexicon({"til": [["til", "ADP", 9], ["til", "SCONJ", 5]]}, contexts={"f\ttil\tå": "til\tSCONJ"})
        >>> lex.in_context("prøve", "til", "å")
        ('til', 'SCONJ')
        """
        get = self.contexts.get
        for key in context_keys(prev, form, next_, self.word_class):
            hit = get(key)
            if hit is not None:
                return hit
        return None

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
        # Verbs are rarely compounds the themes care about, and their short stems
        # split at random ("styr|kje").
        if upos not in SPLIT_CLASSES:
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
                # A part may itself be a compound the treebank lists whole ("kompetanseheving").
                return tuple(q for p in mod for q in self._parts(p, "NOUN")) + self._parts(head, upos)
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
