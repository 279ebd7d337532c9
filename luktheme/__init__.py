"""luktheme: which themes do the measures of Norwegian public-sector plans work on?

>>> import luktheme
>>> luktheme.THEMES
('bolyst', 'planstrategi', 'stedsutvikling', 'kompetanseheving', 'statistikk')
"""

from ._version import __version__
from .batch import tag_documents
from .corpus import Example, read_examples
from .documents import read_document
from .evaluation import evaluate
from .nlp import blank_nlp, load_nlp
from .storage import load
from .tagger import Tagging, ThemeTagger
from .taxonomy import THEMES
from .training import train

__all__ = [
    "THEMES", "Example", "Tagging", "ThemeTagger", "__version__", "blank_nlp", "evaluate", "load", "load_nlp",
    "read_document", "read_examples", "tag_documents", "train",
]
