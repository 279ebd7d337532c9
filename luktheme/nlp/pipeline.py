"""Loading the Norwegian pipeline, one shared copy per process, and a tokenizer-only fallback.

The components the saved pipeline names are registered with spaCy by
importing :mod:`luktheme.nlp` (its ``__init__`` imports
:mod:`~luktheme.nlp.annotator` and :mod:`~luktheme.nlp.sentencizer`), which
Python always does before it runs this module.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .._paths import models_dir
from ..errors import ModelError

#: Name of the bundled pipeline folder inside :func:`luktheme._paths.models_dir`.
PIPELINE_NAME = "nlp-nbnn-v1"

#: The network components: stored in the pipeline but disabled, since the lexicon component calls them itself.
NETWORK = ("tok2vec", "morphologizer", "trainable_lemmatizer")
REBUILD_HINT = "rebuild it with `python scripts/train_nlp.py` (needs ../shared/corpora/norne)"

#: The pipelines :func:`load_nlp` shares, by resolved folder and ``fast``: one of each per process.
_SHARED: dict[tuple[Path, bool], Language] = {}
# Two threads asking at once must not load two copies.
_SHARED_LOCK = threading.Lock()


def _default_path() -> Path:
    return models_dir() / PIPELINE_NAME


def load_nlp(path: str | Path | None = None, *, fast: bool = True, shared: bool = True) -> Language:
    """Load the Norwegian pipeline (Bokmål and Nynorsk), once per process.

    Parameters
    ----------
    path : str or Path, optional
        Pipeline folder; None loads the bundled ``models/nlp-nbnn-v1``.
    fast : bool
        True (default) answers known words from the lexicon and runs the network
        only where needed.  False runs the network on every token the plain
        spaCy way (for comparison; slower, and without the compound lemmas).
    shared : bool
        True (default) returns the process's one pipeline for this folder and
        ``fast``, loaded on the first call: the sentence splitter and the theme
        features get the same object, and its word caches serve both.  Use it
        as it is: a changed setting or component would change every caller's
        results.  False loads a private copy, to change without that risk.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    ModelError
        If the folder is missing or cannot be loaded.

    Examples
    --------
    >>> nlp = load_nlp()
    >>> doc = nlp("Kommunen skal styrke kompetansehevingstiltakene.")
    >>> [t.lemma_ for t in doc]
    ['kommune', 'skulle', 'styrke', 'kompetansehevingstiltak', '.']
    >>> doc[3]._.compound_parts
    ('kompetanse', 'heving', 'tiltak')
    >>> load_nlp() is nlp
    True
    """
    p = Path(path) if path is not None else _default_path()
    if not shared:
        return _load(p, fast)
    key = (p.resolve(), fast)
    with _SHARED_LOCK:
        nlp = _SHARED.get(key)
        if nlp is None:
            nlp = _SHARED[key] = _load(p, fast)
    return nlp


def _load(p: Path, fast: bool) -> Language:
    """Load the pipeline folder ``p`` afresh (see :func:`load_nlp`)."""
    if not (p / "config.cfg").is_file():
        raise ModelError(
            f"no spaCy pipeline at {p}: expected a folder with config.cfg (the bundled "
            f"{PIPELINE_NAME}); {REBUILD_HINT}, or pass the path of a pipeline folder"
        )
    try:
        nlp = spacy.load(p)
    except Exception as exc:  # spaCy raises many types for damaged folders
        raise ModelError(f"cannot load the spaCy pipeline at {p} ({type(exc).__name__}: {exc}); {REBUILD_HINT}") from exc
    if not fast:
        for name in NETWORK:
            if name in nlp.disabled:
                nlp.enable_pipe(name)
        if "luktheme_lexicon" in nlp.pipe_names:
            nlp.disable_pipe("luktheme_lexicon")
        nlp.add_pipe("luktheme_lowercase_lemmas_v1", last=True)
    return nlp


@Language.component("luktheme_lowercase_lemmas_v1")
def _lowercase_lemmas(doc: Doc) -> Doc:
    for tok in doc:
        tok.lemma_ = tok.lemma_.lower()
    return doc


@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    """Return a cached ``spacy.blank("nb")`` (tokenizer only) for the fast no-model path.

    Examples
    --------
    >>> [t.text for t in blank_nlp()("Tiltak 3.2: styrke barnehagene.")]
    ['Tiltak', '3.2', ':', 'styrke', 'barnehagene', '.']
    """
    return spacy.blank("nb")
