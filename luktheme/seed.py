"""Parse the source document "Hvordan fylkeskommunene arbeider med LUK i 2011" into units.

The page lists, county by county, a goal paragraph, a lead-in line ending in a
colon ("Troms fylkeskommune skal:") and bullet measures. Its irregularities are
handled here rather than patched in the data: a goal on the same line as the
county name after a colon (Østfold), a county name written as one word
("Vestfoldfylkeskommune") or without its hyphen ("Aust Agder"), a goal split
over two paragraphs (Vest-Agder), doubled spaces and a bullet without a final
period.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import LukthemeError

#: The counties of 2011, in their usual spelling. Oslo has no section in the document.
COUNTIES: tuple[str, ...] = (
    "Østfold", "Akershus", "Oslo", "Hedmark", "Oppland", "Buskerud", "Vestfold",
    "Telemark", "Aust-Agder", "Vest-Agder", "Rogaland", "Hordaland", "Sogn og Fjordane",
    "Møre og Romsdal", "Sør-Trøndelag", "Nord-Trøndelag", "Nordland", "Troms", "Finnmark",
)

BULLET = "•"
SEED_FILE = "luk-2011-fylkeskommunene.txt"
_FOOTER = "til toppen"


@dataclass(frozen=True)
class Unit:
    """One goal statement or bullet measure of the source document.

    Attributes
    ----------
    county : str
        The county's usual name, e.g. ``"Aust-Agder"``.
    kind : str
        ``"mål"`` for the goal paragraph, ``"tiltak"`` for a bullet measure.
    text : str
        The text with white space folded.
    position : int
        0 for the goal, 1, 2, ... for the county's measures in order.
    line : int
        The 1-based line of the document where the unit starts.
    """

    county: str
    kind: str
    text: str
    position: int
    line: int


def _key(name: str) -> str:
    # Compare names without case, hyphens or spaces: "Aust Agder" == "Aust-Agder".
    return re.sub(r"[\s\-–]+", "", name).casefold()


_COUNTY_KEYS = sorted(((_key(c), c) for c in COUNTIES), key=lambda kc: -len(kc[0]))


def _county_of(paragraph: str) -> str | None:
    key = _key(paragraph[:40])
    for county_key, county in _COUNTY_KEYS:
        if key.startswith(county_key):
            return county
    return None


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def parse(text: str) -> list[Unit]:
    """Split the source document's text into goal and measure units.

    Parameters
    ----------
    text : str
        The whole document, as in ``data/raw/luk-2011-fylkeskommunene.txt``.

    Returns
    -------
    list of Unit
        In document order; every county section gives one ``mål`` and its ``tiltak``.

    Raises
    ------
    LukthemeError
        If no county section is found (the text is not the expected document).

    Examples
    --------
    >>> units = parse("Troms fylkeskommune har som mål å styrke kommunene.\\n"
    ...               "Troms fylkeskommune skal:\\n • Arrangere kurs.\\n")
    >>> [(u.county, u.kind, u.text) for u in units]
    [('Troms', 'mål', 'Troms fylkeskommune har som mål å styrke kommunene.'), ('Troms', 'tiltak', 'Arrangere kurs.')]
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() expects the document as a str, got {type(text).__name__}.")
    units: list[Unit] = []
    county: str | None = None
    goal: list[str] = []
    goal_line = 0
    measures = 0
    in_goal = False

    def close_goal() -> None:
        nonlocal goal, in_goal
        if goal:
            units.append(Unit(county, "mål", _fold(" ".join(goal)), 0, goal_line))
        goal, in_goal = [], False

    for lineno, raw in enumerate(text.splitlines(), start=1):
        para = _fold(raw)
        if not para:
            continue
        if para.casefold() == _FOOTER:
            break
        if para.startswith(BULLET):
            if county is None:
                continue
            close_goal()
            measures += 1
            units.append(Unit(county, "tiltak", _fold(para[1:]), measures, lineno))
            continue
        named = _county_of(para)
        if para.endswith(":") and named is not None and county is not None:
            close_goal()  # the lead-in line, "Troms fylkeskommune skal:"
            continue
        if named is not None:
            close_goal()
            county, goal, goal_line, measures, in_goal = named, [para], lineno, 0, True
        elif in_goal:
            goal.append(para)  # a goal that goes on in a second paragraph
    close_goal()
    if not units:
        raise LukthemeError(
            "No county section found: expected paragraphs that start with a county name, "
            "e.g. 'Troms fylkeskommune har som mål ...'. Pass the LUK 2011 page's text."
        )
    return units


def read_seed(path: str | Path | None = None) -> list[Unit]:
    """Read and parse the source document (by default the copy in ``data/raw/``).

    Examples
    --------
    >>> units = read_seed()
    >>> sum(u.kind == "tiltak" for u in units)
    81
    """
    if path is None:
        # An installed wheel carries the document inside the package; a checkout keeps it in data/raw.
        package = Path(__file__).resolve().parent
        candidates = [package / "_data" / "raw" / SEED_FILE, package.parent / "data" / "raw" / SEED_FILE]
        path = next((p for p in candidates if p.is_file()), candidates[-1])
    return parse(Path(path).read_text(encoding="utf-8"))
