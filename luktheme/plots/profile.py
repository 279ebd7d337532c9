"""Theme profiles of tagged documents: the share of each document's measures in each theme.

Both functions take the table of :func:`luktheme.tag_documents` (one row per
measure, a 0/1 column per theme).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..taxonomy import COLOURS, THEMES
from ._style import NO_THEME_COLOUR, _colour_ticklabels, _finish, _pyplot


def theme_profile(df, by: str = "file"):
    """Share of measures per theme (and with no theme) for each document of a tagged table.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`luktheme.tag_documents`: one row per measure and a
        0/1 column per theme.
    by : str
        The column that names the document.

    Returns
    -------
    pandas.DataFrame
        One row per document in order of appearance, indexed by its file name:
        ``measures``, then the share (0-1) of its measures in each theme and in
        ``no theme``. A measure with two themes counts in both, so the shares
        can add up to more than 1.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"file": ["a.md", "a.md", "b.md"], "bolyst": [1, 0, 1], "planstrategi": 0,
    ...                    "stedsutvikling": 0, "kompetanseheving": [1, 0, 0], "statistikk": 0})
    >>> theme_profile(df)[["measures", "bolyst", "no theme"]].values.tolist()
    [[2.0, 0.5, 0.5], [1.0, 1.0, 0.0]]
    """
    import pandas as pd

    missing = [c for c in (by, *THEMES) if c not in df.columns]
    if missing:
        raise ValueError(f"The table has no column {', '.join(map(repr, missing))}. Pass the table of "
                         "luktheme.tag_documents(), which has a 0/1 column per theme.")
    rows, names = [], []
    for name in dict.fromkeys(df[by]):
        flags = df.loc[df[by] == name, list(THEMES)].astype(int).to_numpy()
        rows.append([len(flags), *flags.mean(0), float((flags.sum(1) == 0).mean())])
        names.append(Path(str(name)).name)
    return pd.DataFrame(rows, columns=["measures", *THEMES, "no theme"],
                        index=pd.Index(names, name=by)).astype(float)


_HATCHES = ("", "///", "...", "xx", "\\\\", "++")


def _measures(n: float) -> str:
    return f"{int(n)} measure" + ("" if n == 1 else "s")


def plot_theme_profile(df, by: str = "file", *, no_theme: bool = True):
    """Bars: the share of a document's measures in each theme, for one or several documents.

    Parameters
    ----------
    df : pandas.DataFrame
        The table of :func:`luktheme.tag_documents` (one row per measure).
    by : str
        The column that names the document.
    no_theme : bool
        Add a grey bar for the measures with no theme.

    Returns
    -------
    matplotlib.figure.Figure
        One group of bars per theme; within a group, one bar per document
        (told apart by hatching and the legend), labeled with its share.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"file": ["a.md", "a.md", "b.md"], "bolyst": [1, 0, 1], "planstrategi": 0,
    ...                    "stedsutvikling": 0, "kompetanseheving": [1, 0, 0], "statistikk": 0})
    >>> fig = plot_theme_profile(df)
    >>> [t.get_text() for t in fig.legends[0].get_texts()]
    ['a.md (2 measures)', 'b.md (1 measure)']
    """
    from matplotlib.ticker import PercentFormatter

    profile = theme_profile(df, by)
    if profile.empty:
        raise ValueError("The table has no measures to plot.")
    columns = list(THEMES) + (["no theme"] if no_theme else [])
    colours = [COLOURS.get(c, NO_THEME_COLOUR) for c in columns]
    n_docs = len(profile)
    width = 0.8 / n_docs
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(8, 1.2 * len(columns) * max(1, n_docs * 0.6)), 4.4), layout="constrained")
    x = np.arange(len(columns))
    for i, (name, row) in enumerate(profile.iterrows()):
        shares = [row[c] for c in columns]
        bars = ax.bar(x - 0.4 + width * (i + 0.5), shares, width, color=colours, edgecolor="black",
                      hatch=_HATCHES[i % len(_HATCHES)], label=f"{name} ({_measures(row['measures'])})")
        ax.bar_label(bars, [f"{s:.0%}" for s in shares], fontsize=7)
    ax.set_xticks(x, columns, rotation=15)
    _colour_ticklabels(ax.get_xticklabels())
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("share of the document's measures")
    ax.margins(y=0.15)
    title = "Theme profile" + (f" of {profile.index[0]}" if n_docs == 1 else f" of {n_docs} documents")
    ax.set_title(title + " (a measure can have several themes)")
    # Below the axes, so it never hides a tall bar; documents are told apart by hatching, not colour.
    legend = fig.legend(loc="outside lower center", ncol=min(n_docs, 3), fontsize=8)
    for patch in legend.get_patches():
        patch.set_facecolor("white")
    return _finish(fig)
