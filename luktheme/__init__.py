"""luktheme: which themes do the measures of Norwegian public-sector plans work on?

>>> import luktheme
>>> luktheme.THEMES
('bolyst', 'planstrategi', 'stedsutvikling', 'kompetanseheving', 'statistikk')
"""

from importlib import import_module

from ._version import __version__
from .taxonomy import THEMES

# Names are imported on first use, so `import luktheme` stays quick: tagging one
# text needs neither pandas nor the document readers nor the evaluation code.
_LAZY = {
    "Example": "corpus", "read_examples": "corpus", "load": "tagger", "Tagging": "tagger",
    "ThemeTagger": "tagger", "train": "training", "evaluate": "evaluation", "tag_documents": "documents",
    "read_document": "segments", "load_nlp": "nlp", "blank_nlp": "nlp",
}

__all__ = [
    "THEMES", "Example", "Tagging", "ThemeTagger", "__version__", "blank_nlp", "evaluate", "load", "load_nlp",
    "read_document", "read_examples", "tag_documents", "train",
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'luktheme' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
