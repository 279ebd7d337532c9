"""What every figure shares: the lazy matplotlib import, the theme colours on tick labels, closing a figure.

matplotlib is imported on first use, so importing :mod:`luktheme.plots` (and
the core library) never needs it.
"""

from __future__ import annotations

from ..taxonomy import COLOURS


#: The grey of "no theme", beside the five theme colours.
NO_THEME_COLOUR = "#999999"


def _pyplot():
    # Lazy, so `import luktheme` never needs matplotlib; the error says how to get it.
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError("luktheme.plots needs matplotlib. Install it with: pip install 'luktheme[notebooks]'") \
            from None
    return plt


def _finish(fig):
    _pyplot().close(fig)
    return fig


def _colour_ticklabels(labels) -> None:
    for label in labels:
        colour = COLOURS.get(label.get_text())
        if colour:
            label.set_color(colour)
            label.set_fontweight("bold")
