"""Lemmas of unseen words by analogy with the treebank's own words.

The network lemmatizes a word it has not seen by its ending, and often cuts
one letter too many or too few.  The treebank's words that end alike, and its
known lemmas, correct such guesses; names and present participles follow
rules of their own.  :class:`LemmaAnalogy` holds these methods for
:class:`~luktheme.nlp.compounds.Lexicon`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Iterable

from .wordtables import MIN_PART, OPEN_CLASSES, _split

#: Longest word ending whose lemma rules :meth:`LemmaAnalogy.analyse_by_analogy` consults.
ANALOGY_SUFFIX = 5
#: How many of the most frequent rules per ending it tries.
ANALOGY_RULES = 3
#: A known head this long makes a compound even when its modifier is not a known word
#: ("mikro" + "organisme", "bilet" + "serie").
ANALOGY_LONG_HEAD = 6
#: The order in which it tries the other open classes when the tagger's one fails.
ANALOGY_CLASSES = ("NOUN", "VERB", "ADJ")


class LemmaAnalogy:
    """The lemma analogies of :class:`~luktheme.nlp.compounds.Lexicon`.

    A base class of ``Lexicon``: the methods read its ``forms`` and ``vocab``,
    and :meth:`analyse_by_analogy` answers through the ``_by_analogy`` cache it
    sets up.
    """

    def analyse_by_analogy(self, word: str, upos: str, guess: str) -> tuple[str, str]:
        """Check the network's analysis of an unseen word against the treebank's lemmas.

        The network lemmatizes unseen words by their endings and often strips one
        letter too many or too few ("puben" -> "pube", "deltakelsen" ->
        "deltakels").  A guess that is a known lemma of ``upos`` is kept.  Otherwise
        the ending rules of the treebank's own words ending like ``word`` (most
        specific ending first, most frequent rule first) propose lemmas, and the
        first one that is a known lemma of ``upos``, or a compound of known words
        with a known head, wins.  Next the other open classes are tried the same
        way (without compounds), since the tagger's part of speech for an unseen
        word is often wrong ("dokumentera" as a noun).  If no known lemma fits,
        the ending's majority rule (at least 70% of at least three words) decides,
        and failing that the guess stands.

        Parameters
        ----------
        word : str
            Lower-case word form, absent from the lexicon.
        upos : str
            The part of speech the tagger gave it.
        guess : str
            The network's lemma.

        Returns
        -------
        tuple of str
            ``(lemma, upos)``.

        Examples
        --------
        >>> from luktheme.nlp import Lexicon
        >>> lex = Lexicon({"puber": [["pub", "NOUN", 3]], "pub": [["pub", "NOUN", 2]],
        ...                "huset": [["hus", "NOUN", 5]], "husene": [["hus", "NOUN", 2]],
        ...                "bilen": [["bil", "NOUN", 9]], "stolen": [["stol", "NOUN", 4]]})
        >>> lex.analyse_by_analogy("puben", "NOUN", "pube")
        ('pub', 'NOUN')
        """
        if upos not in OPEN_CLASSES:
            return guess, upos
        # An unseen word recurs in many network windows; its answer does not change.
        return self._by_analogy(word, upos, guess)

    def _by_analogy_uncached(self, word: str, upos: str, guess: str) -> tuple[str, str]:
        lemmas, rules = self._analogy
        if guess in lemmas.get(upos, ()):
            return guess, upos
        for tag in (upos, *(t for t in ANALOGY_CLASSES if t != upos)):
            known = lemmas.get(tag, frozenset())
            for cut, add in self._endings(word, tag):
                cand = word[: len(word) - cut] + add
                if cand in known or (tag == upos and self._known_compound(cand, known)):
                    return cand, tag
        # No known lemma fits.  The network's guess is an analogy too, and on the
        # UD dev split a clear majority rule for the word's ending beats it.
        for k in range(min(ANALOGY_SUFFIX, len(word) - 3), 1, -1):
            table = rules.get((upos, word[-k:]))
            if table:
                (cut, add), n = table[0]
                if n >= 3 and n >= 0.7 * sum(m for _r, m in table) and cut <= k:
                    return word[: len(word) - cut] + add, upos
                break
        return guess, upos

    def participle_lemma(self, word: str) -> str | None:
        """Lemma of an unseen present participle used as an adjective ("-ande", "-ende").

        The treebank lemmatizes such a word as its verb where the verb is a word
        of its own ("dundrande" -> "dundre") and as itself where it is only an
        adjective ("ressurskrevjande", "utilfredsstillande").  The network cannot
        tell the two apart; the treebank's verbs can.

        Parameters
        ----------
        word : str
            Lower-case word form, absent from the lexicon.

        Returns
        -------
        str or None
            The lemma, or None when ``word`` is no participle.

        Examples
        --------
        >>> from luktheme.nlp import Lexicon
        >>> lex = Lexicon({"dundrar": [["dundre", "VERB", 3]]})
        >>> lex.participle_lemma("dundrande"), lex.participle_lemma("ressurskrevjande")
        ('dundre', 'ressurskrevjande')
        >>> lex.participle_lemma("strand") is None
        True
        """
        if len(word) < 7 or not word.endswith(("ande", "ende")):
            return None
        verb = word[:-4] + "e"
        return verb if verb in self._analogy[0].get("VERB", ()) else word

    def name_lemma(self, word: str, guess: str) -> str:
        """Lemma of a name the treebank has not seen.

        UD lemmatizes a name as itself, at most without a genitive -s.  The
        network, which learnt its endings from all words, cuts names as if they
        were inflected ("darren" -> "darr", "epiktet" -> "epikt").  Its guess is
        kept where it only strips an -s or is a known lemma (a common noun
        tagged as a name keeps its lemma); otherwise the name is its own lemma.

        Parameters
        ----------
        word : str
            Lower-case word form, absent from the lexicon.
        guess : str
            The network's lemma.

        Returns
        -------
        str
            The lemma.

        Examples
        --------
        >>> from luktheme.nlp import Lexicon
        >>> lex = Lexicon({"bilen": [["bil", "NOUN", 9]]})
        >>> lex.name_lemma("darren", "darr"), lex.name_lemma("pinochets", "pinochet")
        ('darren', 'pinochet')
        >>> lex.name_lemma("bilen", "bil")
        'bil'
        """
        if guess == word or (word.endswith("s") and guess == word[:-1]):
            return guess
        lemmas = self._analogy[0]
        if any(guess in known for known in lemmas.values()):
            return guess
        return word

    @cached_property
    def _analogy(self) -> tuple[dict[str, frozenset[str]], dict[tuple[str, str], list[tuple[tuple[int, str], int]]]]:
        """Known lemmas per open class, and per (class, ending) its rules ``(cut, add)`` by word count.

        Built on first use: only text with unseen words needs it.
        """
        found: dict[str, set[str]] = {}
        # One flat count per (class, ending, rule): it is built on the first unseen
        # word of a process, so its cost is part of the start-up time.
        counts: dict[tuple[str, str, tuple[int, str]], int] = {}
        for form, analyses in self.forms.items():
            if not form.isalpha() or not form.islower():
                continue
            endings = None
            for a in analyses:
                tag = a[1]
                if tag not in OPEN_CLASSES:
                    continue
                lemma = a[0].lower()
                found.setdefault(tag, set()).add(lemma)
                if form.startswith(lemma):
                    rule = (len(form) - len(lemma), "")
                else:
                    same = 0
                    while same < min(len(form), len(lemma)) and form[same] == lemma[same]:
                        same += 1
                    rule = (len(form) - same, lemma[same:])
                if endings is None:
                    endings = [form[-k:] for k in range(1, min(ANALOGY_SUFFIX, len(form) - 1) + 1)]
                for end in endings:
                    key = (tag, end, rule)
                    counts[key] = counts.get(key, 0) + 1
        grouped: dict[tuple[str, str], list[tuple[tuple[int, str], int]]] = {}
        for (tag, end, rule), n in counts.items():
            grouped.setdefault((tag, end), []).append((rule, n))
        rules = {key: sorted(t, key=lambda x: -x[1]) for key, t in grouped.items()}
        return {tag: frozenset(v) for tag, v in found.items()}, rules

    def _endings(self, word: str, upos: str) -> Iterable[tuple[int, str]]:
        rules = self._analogy[1]
        seen: set[tuple[int, str]] = set()
        for k in range(min(ANALOGY_SUFFIX, len(word) - 3), 0, -1):
            # Only rules that rewrite the matched ending itself, and only the
            # usual ones: rare rules turn names and loanwords into other words.
            for rule, n in rules.get((upos, word[-k:]), ())[:ANALOGY_RULES]:
                if rule[0] <= k and n >= 2 and rule not in seen:
                    seen.add(rule)
                    yield rule

    def _known_compound(self, lemma: str, known: frozenset[str]) -> bool:
        # Here the head is already a known lemma of the class, so a three-letter known
        # word may stand before it ("fag" + "felle", "del" + "finale", "hit" + "liste").
        for k in range(MIN_PART - 1, len(lemma) - MIN_PART + 1):
            head = lemma[k:]
            if head not in known:
                continue
            if k < MIN_PART:
                if lemma[:k] in self.vocab:
                    return True
            elif len(head) >= ANALOGY_LONG_HEAD or _split(lemma[:k], self.vocab, MIN_PART) is not None:
                return True
        return False
