"""Turn a document's blocks into measures (*tiltak*), the units that get tagged.

A measure is

* one bullet or numbered item (kind ``"bullet"``),
* one table row (kind ``"row"``), or
* one sentence of running text (kind ``"sentence"``), split by the Norwegian
  spaCy pipeline's sentence boundaries.

Not measures: headings (they become the ``heading`` of the measures below
them), a lead-in that ends in a colon right before a list ("Kommunen skal:"),
fragments shorter than :data:`MIN_WORDS`, and web-page furniture ("Til
toppen", "Aktiver Javascript ...", "Publisert: ..."), and table-of-contents
entries ("3.2 Bolyst . . . . 14").

Every measure keeps its file, page (PDF), section path (the chain of headings
above it) and nearest heading, its role (:mod:`luktheme.roles`: ``tiltak``,
``mål`` or ``annet``), its number as written, the other cells of an
action-plan table row by role, its index among the document's measures and
character offsets into :func:`document_text`, so
``document_text(blocks)[s.start:s.end] == s.text``.

:func:`read_document` reads a file (with :func:`luktheme.readers.read_blocks`)
and segments it in one call.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .rawtext import cut_text
from .readers import LEADER, Block, read_blocks
from .roles import role_of, word_table

#: Fewest words (tokens with a letter) a measure has, by kind. A two-word bullet
#: ("Universell utforming") is a measure in a plan's list; two words of running
#: text are a label or a caption.
MIN_WORDS: dict[str, int] = {"bullet": 2, "row": 2, "sentence": 3}

#: Web-page and document furniture that saved pages carry along. Matched at the
#: start of a block (labels) or anywhere (browser notices).
_FURNITURE = re.compile(
    r"^(?:til toppen|tilbake til toppen|hopp til (?:hoved)?innhold|skriv ut|del (?:på|siden|artikkelen)"
    r"|publisert|utgiver|sist (?:endret|oppdatert)|oppdatert|dato|forfatter|saksnr|arkivsak|historisk arkiv"
    r"|les mer|vis mer|lukk)\b"
    r"|javascript|informasjonskapsler|\bcookies?\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w*[^\W\d_]\w*")
SEPARATOR = "\n\n"
#: Between the headings of a section path.
SECTION_SEPARATOR = " > "


@dataclass(frozen=True)
class Segment:
    """One measure of a document, before tagging.

    Attributes
    ----------
    file : str
        The document's path, as given.
    page : int or None
        1-based page of a PDF; None for other formats.
    heading : str or None
        The nearest heading above the measure (a heading that recurs in the
        document, like "Tiltak" in every chapter, is passed over for the one
        before it, which tells where the measure is).
    index : int
        0-based position among the document's measures.
    kind : str
        ``"bullet"``, ``"row"`` or ``"sentence"``.
    text : str
        The measure, white space folded; of an action-plan row, its measure cell.
    start, end : int
        Character offsets into :func:`document_text` of the document's blocks.
    section : str
        The headings above the measure, outermost first, joined by :data:`SECTION_SEPARATOR`
        ("Innsatsområde 2 > Mål 2.1 Attraktive tettstader"); "" above the first heading.
    role : str
        ``"tiltak"`` (an action), ``"mål"`` (a goal) or ``"annet"`` (context); see :mod:`luktheme.roles`.
    number : str or None
        The item's number as written ("1.2", "a)"), or the number cell of an action-plan row.
    responsible, partners, period, cost : str
        The cells of an action-plan row's other columns; "" elsewhere.
    """

    file: str
    page: int | None
    heading: str | None
    index: int
    kind: str
    text: str
    start: int
    end: int
    section: str = ""
    role: str = "annet"
    number: str | None = None
    responsible: str = ""
    partners: str = ""
    period: str = ""
    cost: str = ""


def document_text(blocks: Sequence[Block]) -> str:
    """The text that segment offsets refer to: the blocks' texts joined by a blank line.

    Examples
    --------
    >>> document_text([Block("heading", "Bolyst"), Block("bullet", "Lage en velkomstpakke")])
    'Bolyst\\n\\nLage en velkomstpakke'
    """
    return SEPARATOR.join(b.text for b in blocks)


def word_count(text: str) -> int:
    """Words with at least one letter ("2024" and "–" do not count).

    Examples
    --------
    >>> word_count("Tiltak 3.2: –")
    1
    """
    return len(_WORD.findall(text))


def is_furniture(text: str) -> bool:
    """True for web-page and document furniture that is never a measure or a heading.

    Examples
    --------
    >>> is_furniture("Til toppen"), is_furniture("Aktiver Javascript i din nettleser")
    (True, True)
    >>> is_furniture("Kartlegge boligbehovet i kommunen.")
    False
    """
    return bool(_FURNITURE.search(text))


def is_measure(text: str, kind: str) -> bool:
    """Whether a bullet, row or sentence is long enough and not furniture to count as a measure.

    Examples
    --------
    >>> is_measure("Tiltak:", "sentence"), is_measure("Tettstedsutvikling på Hadeland.", "bullet")
    (False, True)
    >>> is_measure("3.2 Tiltak for bolyst . . . . . . 14", "sentence")
    False
    """
    return word_count(text) >= MIN_WORDS[kind] and not is_furniture(text) and not LEADER.search(text)


@lru_cache(maxsize=1)
def sentence_nlp():
    """The spaCy pipeline used for sentence boundaries, loaded once per process.

    The project's Norwegian pipeline (:func:`luktheme.nlp.load_nlp`) as
    shipped: the same object the theme features lemmatize with, left as it is.
    Splitting sentences runs only its enabled sentence-setting components
    (:func:`_not_for_sentences`), since lemmas are not needed here (the rule
    sentencizer still consults the pipeline's word table, so the pipeline is
    loaded whole). When that pipeline is not installed: ``spacy.blank("nb")``
    with the project's rule-based sentencizer (which, unlike spaCy's plain
    ``sentencizer``, does not split "bl.a. med" before a lower-case word).

    Examples
    --------
    >>> [s.text for s in sentence_nlp()("Målet er vekst. Kommunen skal bl.a. bygge.").sents]
    ['Målet er vekst.', 'Kommunen skal bl.a. bygge.']
    """
    import spacy

    from . import nlp as nlp_module
    from .errors import LukthemeError

    try:
        nlp = nlp_module.load_nlp()
    except (LukthemeError, OSError, ImportError, ValueError):
        nlp = None
    if nlp is not None and _sentence_setters(nlp):
        return nlp
    nlp = spacy.blank("nb")
    try:
        nlp.add_pipe("luktheme_sentences_v1")
    except ValueError:  # an older luktheme.nlp without the rule sentencizer
        nlp.add_pipe("sentencizer")
    return nlp


def _sentence_setters(nlp) -> list[str]:
    # The components that set doc.sents in the pipeline as shipped; components it ships
    # disabled (a trained senter, say) stay off, as they are for every other caller.
    return [name for name in nlp.pipe_names
            if {"token.is_sent_start", "token.sent_start"} & set(nlp.get_pipe_meta(name).assigns)
            or nlp.get_pipe_meta(name).factory in ("parser", "senter", "sentencizer")]


def _not_for_sentences(nlp) -> list[str]:
    """The components of ``nlp`` that splitting sentences skips.

    The pipeline of :func:`sentence_nlp` is shared with the theme features, so
    it is not cut down to its sentence setters; its other components are
    skipped call by call instead.  Any other pipeline (one the caller passes
    to :func:`segment`, say) runs whole.
    """
    if not sentence_nlp.cache_info().currsize or nlp is not sentence_nlp():
        return []
    setters = _sentence_setters(nlp)
    return [name for name in nlp.pipe_names if name not in setters]


#: spaCy takes at most ``nlp.max_length`` characters a call; a longer block (a report on one line) is cut.
_MAX_PIECE = 100_000


def _sentences(texts: list[str], nlp) -> list[list[tuple[int, int]]]:
    pieces, owner = [], []
    for i, text in enumerate(texts):
        for offset, piece in cut_text(text, _MAX_PIECE):
            pieces.append(piece)
            owner.append((i, offset))
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    for (i, offset), doc in zip(owner, nlp.pipe(pieces, batch_size=64, disable=_not_for_sentences(nlp))):
        for sent in doc.sents:
            text = sent.text
            lead = len(text) - len(text.lstrip())
            stripped = text.strip()
            if stripped:
                start = offset + sent.start_char + lead
                out[i].append((start, start + len(stripped)))
    return out


def segment(blocks: Sequence[Block], *, file: str = "", nlp=None) -> list[Segment]:
    """Find the measures among a document's blocks.

    Parameters
    ----------
    blocks : sequence of Block
        As returned by :func:`luktheme.readers.read_blocks`.
    file : str
        The document's path, copied into every segment.
    nlp : spacy.language.Language, optional
        A pipeline that sets sentence boundaries; default :func:`sentence_nlp`.

    Returns
    -------
    list of Segment
        In document order, ``index`` counting from 0.

    Examples
    --------
    >>> blocks = [Block("heading", "3.2 Bolyst"), Block("text", "Målet er vekst. Kommunen skal:"),
    ...           Block("bullet", "Lage en velkomstpakke"), Block("bullet", "Tiltak:")]
    >>> [(s.index, s.kind, s.heading, s.text) for s in segment(blocks, file="plan.txt")]
    [(0, 'sentence', '3.2 Bolyst', 'Målet er vekst.'), (1, 'bullet', '3.2 Bolyst', 'Lage en velkomstpakke')]
    """
    blocks = list(blocks)
    heading_counts = Counter(b.text.casefold() for b in blocks if b.kind == "heading")
    running = [i for i, b in enumerate(blocks) if b.kind == "text"]
    spans: dict[int, list[tuple[int, int]]] = {}
    if running:
        nlp = nlp if nlp is not None else sentence_nlp()
        spans = dict(zip(running, _sentences([blocks[i].text for i in running], nlp)))

    lexicon = word_table(nlp if nlp is not None else sentence_nlp())
    out: list[Segment] = []
    heading: str | None = None
    path = _SectionPath()
    offset = 0

    def add(block: Block, kind: str, text: str, start: int, end: int) -> None:
        fields = dict(block.fields)
        role = role_of(text, kind, heading=path.last, action_table=bool(fields), lexicon=lexicon)
        out.append(Segment(file, block.page, heading, len(out), kind, text, start, end, path.text, role,
                           block.number if kind != "sentence" else None, fields.get("responsible", ""),
                           fields.get("partners", ""), fields.get("period", ""), fields.get("cost", "")))

    for i, block in enumerate(blocks):
        text = block.text
        if block.kind == "heading":
            if not is_furniture(text):
                path.enter(block)
                # A heading that recurs ("Tiltak" in every chapter) does not say where we are.
                if heading_counts[text.casefold()] == 1:
                    heading = text
        elif block.kind in ("bullet", "row"):
            if is_measure(text, block.kind):
                add(block, block.kind, text, offset, offset + len(text))
        elif not is_furniture(text):  # "Publisert under: ..." goes whole, not sentence by sentence
            sents = spans.get(i, [])
            list_follows = i + 1 < len(blocks) and blocks[i + 1].kind in ("bullet", "row")
            for k, (a, b) in enumerate(sents):
                sentence = text[a:b]
                if k == len(sents) - 1 and list_follows and sentence.endswith(":"):
                    continue  # the lead-in of the list below
                if is_measure(sentence, "sentence"):
                    add(block, "sentence", sentence, offset + a, offset + b)
        offset += len(text) + len(SEPARATOR)
    return out


class _SectionPath:
    """The headings above the current block: a heading replaces those of its level and deeper.

    A heading whose level the file does not tell (plain text, a bold line) sits one level
    below the deepest heading whose level is known; with none known, the document's first
    heading is its title and every later one a section under it.
    """

    def __init__(self) -> None:
        self.stack: list[tuple[int, str, bool]] = []

    def enter(self, block: Block) -> None:
        level = block.level
        if level is None:
            known = [lv for lv, _, given in self.stack if given]
            level = max(known) + 1 if known else (2 if self.stack else 1)
        self.stack = [entry for entry in self.stack if entry[0] < level]
        self.stack.append((level, block.text, block.level is not None))

    @property
    def last(self) -> str | None:
        return self.stack[-1][1] if self.stack else None

    @property
    def text(self) -> str:
        return SECTION_SEPARATOR.join(t for _, t, _ in self.stack)


def read_document(path: str | os.PathLike, *, nlp=None) -> list[Segment]:
    """Read a document and return the measures found in it, before tagging.

    A measure is one bullet or numbered item, one table row, or one sentence
    of running text; headings, lead-ins ("Kommunen skal:"), page furniture
    and very short fragments are not measures.

    Parameters
    ----------
    path : str or path-like
        A ``.pdf``, ``.docx``, ``.html``/``.htm``, ``.txt`` or ``.md`` file.
    nlp : spacy.language.Language, optional
        A pipeline that sets sentence boundaries; by default the project's
        Norwegian pipeline, or a rule-based one when it is not installed.

    Returns
    -------
    list of Segment
        With file, page, heading, index, kind, text and character offsets.

    Raises
    ------
    DocumentError
        If the file cannot be read (see :func:`luktheme.readers.read_blocks`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.md"
    >>> _ = f.write_text("# Bolyst\\n\\nMålet er flere innbyggere. Kommunen skal:\\n\\n- Lage en velkomstpakke\\n")
    >>> [(s.kind, s.heading, s.text) for s in read_document(f)]
    [('sentence', 'Bolyst', 'Målet er flere innbyggere.'), ('bullet', 'Bolyst', 'Lage en velkomstpakke')]
    """
    return segment(read_blocks(path), file=str(path), nlp=nlp)
