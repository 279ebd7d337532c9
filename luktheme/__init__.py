"""luktheme: which themes do the measures of Norwegian public-sector plans work on?

>>> import luktheme
>>> luktheme.THEMES
('bolyst', 'planstrategi', 'stedsutvikling', 'kompetanseheving', 'statistikk')
"""

from ._version import __version__
from .corpus import Example, read_examples
from .storage import load
from .tagger import Tagging, ThemeTagger
from .taxonomy import THEMES
from .training import train

__all__ = ["THEMES", "Example", "Tagging", "ThemeTagger", "__version__", "load", "read_examples", "train"]
