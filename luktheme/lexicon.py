"""The theme lexicon: concept groups per theme, and groups that carry no theme, as features.

The spec's cue lists hold the words the seed uses; authors elsewhere write about
their work with many more ("innbyggjarrekruttering", "fortettingsrettleiar",
"folketalsprognose"). ``lexicon.toml`` lists such concepts by group: for each
theme, and under ``none`` the funding, organisation, infrastructure and service
words that plans are full of and that carry no theme. Texts are matched after
the pipeline's analysis (lemmas and compound parts), so an unseen compound hits
the concept of its parts: "trivselstiltaka" -> "trivsel".

Each group becomes one feature (1 when the text hits it) and each section one
more (``log1p`` of how many of its groups the text hits); the classifier learns
their weights. The lexicon is compiled into a model
when it is trained and saved with it, so a saved model does not change when the
file does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .taxonomy import THEMES

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")
SECTIONS: tuple[str, ...] = (*THEMES, "none")
#: How many adjacent compound parts are joined to find a word ("kommune" + "plan" -> "kommuneplan").
_MAX_JOIN = 3


def read_lexicon(path: str | Path | None = None) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Read and check a lexicon file: ``{section: {group: {"words": [...], "phrases": [...]}}}``.

    Raises
    ------
    ValueError
        For an unknown section, an entry that is not lower-case text, or a word listed twice.

    Examples
    --------
    >>> lex = read_lexicon()
    >>> sorted(lex) == sorted(SECTIONS), "tilflytting" in lex["bolyst"]["innflytting"]["words"]
    (True, True)
    """
    path = Path(path) if path is not None else LEXICON_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ValueError(f"{path}: cannot read the lexicon ({err}).") from None
    unknown = set(raw) - set(SECTIONS)
    if unknown:
        raise ValueError(f"{path}: unknown section(s) {sorted(unknown)}; sections are {', '.join(SECTIONS)}.")
    seen: dict[str, str] = {}
    for section, groups in raw.items():
        for group, entries in groups.items():
            for kind in ("words", "phrases"):
                for entry in entries.get(kind, []):
                    where = f"{section}.{group}"
                    if not isinstance(entry, str) or entry != entry.strip().lower() or not entry:
                        raise ValueError(f"{path}: [{where}] {kind} entry {entry!r} must be lower-case text.")
                    if entry in seen:
                        raise ValueError(f"{path}: {entry!r} is listed in [{seen[entry]}] and [{where}]; "
                                         "a concept belongs to one group.")
                    seen[entry] = where
    return raw


@dataclass
class Lexicon:
    """A lexicon compiled for matching analysed texts.

    Attributes
    ----------
    groups : list of str
        ``"section.group"`` names, the feature order.
    words : dict of str to int
        Analysed word -> group index.
    phrases : list of (list of str, int)
        Analysed token sequences of two or more tokens -> group index.
    """

    groups: list[str]
    words: dict[str, int]
    phrases: list[tuple[list[str], int]]
    _firsts: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for tokens, g in self.phrases:
            self._firsts.setdefault(tokens[0], []).append((tuple(tokens), g))
        self._section_of = np.array([SECTIONS.index(name.split(".")[0]) for name in self.groups], dtype=np.int64)

    @property
    def feature_names(self) -> list[str]:
        return [f"lex:{g}" for g in self.groups] + [f"lex:{s}" for s in SECTIONS]

    def hits(self, analysed: str) -> list[int]:
        """Group index of every concept found in one analysed text, a hit per place.

        A word matches as a whole, as a compound part, or as adjacent parts joined
        ("kommune" + "plan"); a phrase matches its analysed token sequence.

        Examples
        --------
        >>> lex = Lexicon(["bolyst.trivsel", "planstrategi.kommuneplan"], {"trivsel": 0, "kommuneplan": 1}, [])
        >>> lex.hits("trivselstiltak trivsel tiltak i kommuneplanarbeid kommune plan arbeid")
        [0, 1]
        """
        return [g for _, g in self.hit_positions(analysed.split())]

    def hit_positions(self, tokens: Sequence[str]) -> list[tuple[int, int]]:
        """``(token index, group index)`` of every concept found in analysed tokens (see :meth:`hits`)."""
        out = []
        for i, tok in enumerate(tokens):
            g = self.words.get(tok)
            if g is not None:
                out.append((i, g))
            else:
                joined = tok
                for j in range(i + 1, min(i + _MAX_JOIN, len(tokens))):
                    joined += tokens[j]
                    g = self.words.get(joined)
                    if g is not None:
                        out.append((i, g))
                        break
            for seq, g in self._firsts.get(tok, ()):
                if tuple(tokens[i:i + len(seq)]) == seq:
                    out.append((i, g))
        return out

    def counts(self, analysed: Sequence[str]) -> np.ndarray:
        """Which groups a text hits (0/1), then ``log1p`` of how many groups of each section.

        Presence, not counts: the analysis lists a compound both whole and by
        its parts, so one word may hit its group two or three times.

        Returns
        -------
        ndarray of shape (n_texts, n_groups + 6)
        """
        n_groups = len(self.groups)
        X = np.zeros((len(analysed), n_groups + len(SECTIONS)))
        for i, text in enumerate(analysed):
            X[i, self.hits(text)] = 1.0
        for s in range(len(SECTIONS)):
            X[:, n_groups + s] = np.log1p(X[:, :n_groups][:, self._section_of == s].sum(1))
        return X

    def state(self) -> dict:
        """JSON-able form, saved in a model folder."""
        return {"groups": self.groups, "words": self.words, "phrases": self.phrases}

    @classmethod
    def from_state(cls, state: dict) -> "Lexicon":
        return cls(list(state["groups"]), dict(state["words"]), [(list(t), int(g)) for t, g in state["phrases"]])


@lru_cache(maxsize=4)
def compile_lexicon(analysis: str, path: str | Path | None = None) -> Lexicon:
    """Compile the lexicon for texts analysed with ``analysis`` (see :func:`luktheme.analysis.analyse`).

    Words are lemmas already (a test checks each against the lemmatizer);
    phrases go through the same analysis as the texts, so "bli buande" matches
    however the pipeline lemmatizes it.

    The result is cached per (analysis, path): every fit of a cross-validation
    shares one compiled lexicon, which is never changed after compiling.

    Examples
    --------
    >>> lex = compile_lexicon("blank")
    >>> lex.groups[lex.words["tilflytting"]]
    'bolyst.innflytting'
    """
    from .analysis import analyse

    raw = read_lexicon(path)
    groups, words, phrase_texts = [], {}, []
    for section in SECTIONS:
        for group, entries in raw.get(section, {}).items():
            g = len(groups)
            groups.append(f"{section}.{group}")
            for w in entries.get("words", []):
                words.setdefault(w, g)
            phrase_texts += [(p, g) for p in entries.get("phrases", [])]
    analysed = analyse([p for p, _ in phrase_texts], analysis)
    phrases = []
    for (_, g), text in zip(phrase_texts, analysed):
        tokens = text.split()
        if len(tokens) > 1:
            phrases.append((tokens, g))
        elif tokens:
            words.setdefault(tokens[0], g)
    return Lexicon(groups, words, phrases)
