"""Action-plan tables: which column is the measure, and what the other columns are.

Plans put their measures in tables (*handlingsprogram*, *handlingsdel*) whose header names the
columns: Nr, Tiltak / Aktivitet / Handling, Ansvar / Ansvarleg, Samarbeidspartnere / Partnarar,
Periode / Frist / År, Kostnad / Budsjett. :func:`column_roles` recognises such a header, in Bokmål
and Nynorsk and in any column order; :func:`action_row` turns a body row into a block whose text
is the measure cell and whose other cells keep their role. A table whose header names no measure
column is not an action-plan table, and readers keep its rows as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .block import Block
from .lines import clean_text

#: The roles a column can have, in output order.
ROLES = ("number", "measure", "responsible", "partners", "period", "cost")

#: Header words per role, folded to lower case; a header cell names a role when its first
#: words are one of these (``"Ansvarleg eining"`` is responsible, ``"Tiltak/aktivitet"`` a measure).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "number": ("nr", "nummer", "nr.", "#", "id", "løpenummer", "løpenr", "ref", "referanse"),
    "measure": ("tiltak", "tiltaket", "tiltaka", "tiltakene", "aktivitet", "aktiviteter", "aktivitetar",
                "handling", "handlinger", "handlingar", "tiltaksbeskrivelse", "tiltaksskildring",
                "beskrivelse av tiltak", "skildring av tiltak", "tiltak/aktivitet", "tiltak og aktiviteter",
                "tiltak og aktivitetar", "oppgave", "oppgåve", "oppgaver", "oppgåver"),
    "responsible": ("ansvar", "ansvarlig", "ansvarleg", "ansvarlige", "ansvarlege", "hovedansvar",
                    "hovudansvar", "ansvarlig enhet", "ansvarleg eining", "eier", "eigar", "ansvarlig aktør",
                    "ansvarleg aktør"),
    "partners": ("samarbeidspartnere", "samarbeidspartnarar", "samarbeidspartner", "samarbeidspartnar",
                 "partnere", "partnarar", "partnere/samarbeid", "samarbeid", "i samarbeid med",
                 "medvirkende", "medverkande", "involverte", "andre aktører", "andre aktørar", "medansvar"),
    "period": ("tidsrom", "periode", "tidsperiode", "frist", "år", "tid", "tidsplan", "når", "gjennomføring",
               "gjennomføringstid", "oppstart", "tidspunkt", "framdrift", "fremdrift"),
    "cost": ("kostnad", "kostnader", "kostnadsramme", "budsjett", "finansiering", "ressurser", "ressursar",
             "økonomi", "midler", "midlar", "kostnad/finansiering", "ressursbehov", "økonomiske rammer"),
}

_LOOKUP = {word: role for role, words in HEADER_WORDS.items() for word in words}
_NOISE = re.compile(r"\(.*?\)|[:*]+$")


def _role_of(cell: str) -> str | None:
    text = _NOISE.sub("", clean_text(cell)).strip().casefold()
    if not text or len(text.split()) > 4:
        return None
    if text in _LOOKUP:
        return _LOOKUP[text]
    # "Tiltak / aktivitet", "Kostnad (mill. kr)", "Ansvar og oppfølging": the first word decides.
    first = re.split(r"[\s/,&]+", text, maxsplit=1)[0]
    return _LOOKUP.get(first)


def column_roles(header: Sequence[str]) -> tuple[str | None, ...] | None:
    """The role of each column, if ``header`` is the header of an action-plan table; else None.

    A header must name a measure column and at least one other known role; every role counts
    once (a second "Tiltak" column is left without a role).

    Examples
    --------
    >>> column_roles(["Nr.", "Tiltak", "Ansvarleg", "Partnarar", "Periode"])
    ('number', 'measure', 'responsible', 'partners', 'period')
    >>> column_roles(["Frist", "Handling", "Budsjett (mill. kr)"])
    ('period', 'measure', 'cost')
    >>> column_roles(["Kommune", "Folketal 2024", "Endring"]) is None
    True
    """
    roles: list[str | None] = []
    seen: set[str] = set()
    for cell in header:
        role = _role_of(cell)
        if role in seen:
            role = None
        if role is not None:
            seen.add(role)
        roles.append(role)
    if "measure" not in seen or len(seen) < 2:
        return None
    return tuple(roles)


def action_row(cells: Sequence[str], roles: Sequence[str | None], page: int | None = None) -> Block | None:
    """A body row of an action-plan table as a ``row`` block: the measure cell as text, the rest by role.

    Returns None when the row has no measure text (an empty or spacer row). Cells beyond the
    header's columns (a merged cell counted twice) are ignored.

    Examples
    --------
    >>> roles = column_roles(["Nr", "Tiltak", "Ansvar", "År"])
    >>> b = action_row(["1.1", "Etablere  et nettverk for planleggere", "Fylkeskommunen", "2025–2026"], roles)
    >>> b.text, b.number, b.field("responsible"), b.field("period")
    ('Etablere et nettverk for planleggere', '1.1', 'Fylkeskommunen', '2025–2026')
    """
    by_role: dict[str, str] = {}
    for cell, role in zip(cells, roles):
        if role is None:
            continue
        text = clean_text(cell)
        if text:
            by_role[role] = f"{by_role[role]} {text}" if role in by_role else text
    measure = by_role.pop("measure", "")
    if not measure:
        return None
    number = by_role.pop("number", None) or None
    fields = tuple((role, by_role[role]) for role in ROLES if role in by_role)
    return Block("row", measure, page, number=number, fields=fields)
