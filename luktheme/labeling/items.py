"""The texts to label: :class:`Item`, its stable id, and reading items from files.

:func:`read_items` turns a text, JSONL, CSV, XLSX or Parquet file (including
the table written by ``luktheme tag``) into :class:`Item` rows with an id, the
text and the source document. :func:`uncertainty` measures how unsure the
model is about a scored item; the queue puts the least certain items first.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._io import iter_jsonl
from ..errors import LabelError
from ..taxonomy import THEMES

#: Column names tried, in order, for each role when reading tables and JSONL.
TEXT_COLUMNS = ("text", "tekst")
ID_COLUMNS = ("id",)
SOURCE_COLUMNS = ("source", "file", "source_doc", "document", "doc_id")
#: Input fields copied into each saved row: where in the document the text came
#: from (page, section path, heading, index, kind, role), and the grouping and language fields that
#: training reads.
KEPT_FIELDS = ("page", "section", "heading", "index", "group", "lang", "kind", "role")

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_CSV_SUFFIXES = {".csv", ".tsv"}
_PANDAS_SUFFIXES = {".xlsx", ".xls", ".parquet", ".pq"}


@dataclass(frozen=True)


class Item:
    """One text to label.

    Attributes
    ----------
    id : str
        Stable over reruns: the input's own ``id`` when it has one, otherwise
        derived from the text (see :func:`text_id`).
    text : str
        The measure or goal statement.
    source : str
        The document (or input file) it came from; the queue spreads sources.
    meta : dict
        Input fields kept in the saved row (see :data:`KEPT_FIELDS`).
    scores : dict of str to float, optional
        The model's probability per theme, once scored.
    thresholds : dict of str to float, optional
        The model's per-theme cut-offs.
    """

    id: str
    text: str
    source: str
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    scores: dict | None = field(default=None, compare=False, hash=False)
    thresholds: dict | None = field(default=None, compare=False, hash=False)

    @property
    def suggested(self) -> tuple[str, ...]:
        """The themes the model suggests (score at or above its threshold)."""
        if not self.scores or not self.thresholds:
            return ()
        return tuple(t for t in THEMES if self.scores[t] >= self.thresholds[t])

    @property
    def uncertainty(self) -> float:
        """How unsure the model is about this text, from 0 (sure) to 1 (see :func:`uncertainty`)."""
        if not self.scores or not self.thresholds:
            return 0.0
        return uncertainty(self.scores, self.thresholds)


def text_id(text: str) -> str:
    """A stable id for a text that has none: ``txt-`` and 12 hex digits of its SHA-256.

    The id depends on the text only (whitespace runs count as one space), so the
    same measure gets the same id in every file and every rerun: a session
    resumes even if the input is re-extracted in another order, and two
    annotators' files line up for ``luktheme agreement``.

    Examples
    --------
    >>> text_id("Kurs i planstrategi") == text_id("  Kurs i\\n planstrategi ")
    True
    >>> text_id("Kurs i planstrategi")
    'txt-7b1adc7106ea'
    """
    norm = " ".join(text.split())
    return "txt-" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:12]


def uncertainty(scores: dict[str, float], thresholds: dict[str, float]) -> float:
    """How close the least certain theme's score is to its threshold, from 0 to 1.

    For each theme the distance from score to threshold is divided by the room
    on that side (``1 - threshold`` above it, ``threshold`` below), so 0 means
    the score sits at 0 or 1 and 1 means it sits on the threshold. A text is as
    uncertain as its most uncertain theme: one coin-flip theme is what a label
    teaches the model most about.

    Examples
    --------
    >>> cut = dict.fromkeys(["bolyst", "planstrategi", "stedsutvikling", "kompetanseheving", "statistikk"], 0.5)
    >>> sure = dict(cut, bolyst=0.0, planstrategi=1.0, stedsutvikling=0.0, kompetanseheving=0.0, statistikk=0.0)
    >>> uncertainty(sure, cut)
    0.0
    >>> round(uncertainty(dict(sure, statistikk=0.45), cut), 2)
    0.9
    """
    worst = 0.0
    for theme in THEMES:
        s, c = float(scores[theme]), float(thresholds[theme])
        room = (1.0 - c) if s >= c else c
        closeness = 1.0 - abs(s - c) / room if room > 0 else 1.0
        worst = max(worst, min(max(closeness, 0.0), 1.0))
    return worst


# ---------------------------------------------------------------------------
# Reading input


def read_items(*paths: str | os.PathLike, text_column: str | None = None) -> list[Item]:
    """Read the texts to label from one or more files.

    The kind of file comes from its suffix:

    * ``.txt`` (or no suffix): one text per non-empty line; the source is the file name.
    * ``.jsonl``: one JSON object per line, e.g. the output of ``luktheme tag``
      or ``luktheme tag-text``, or an existing label file to label again.
    * ``.csv`` / ``.tsv``: a header row, then one text per row; the delimiter
      (comma, semicolon or tab) is detected.
    * ``.xlsx`` / ``.parquet``: a table, as written by ``luktheme tag``.

    In JSONL and tables the text is the ``text`` (or ``tekst``) column, the id
    the ``id`` column if there is one, and the source the first of ``source``,
    ``file``, ``source_doc``, ``document`` or ``doc_id`` that is filled in.
    Column names are matched case-insensitively. A text that occurs more than
    once (the same measure in two documents) is kept once, at its first place.

    Parameters
    ----------
    *paths : str or path-like
        Input files.
    text_column : str, optional
        The column or field that holds the text, when it is not ``text``.

    Returns
    -------
    list of Item
        In input order, unscored.

    Raises
    ------
    LabelError
        Naming the file (and line or row): a missing file, no text column,
        invalid JSON, an id used for two different texts, or no text at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "tag.csv").write_text(
    ...     "file;page;index;text\\nplan.pdf;3;0;Kurs i planstrategi\\nplan.pdf;4;1;Nytt torg i sentrum\\n")
    >>> [(item.source, item.text, item.meta["page"]) for item in read_items(folder / "tag.csv")]
    [('plan.pdf', 'Kurs i planstrategi', '3'), ('plan.pdf', 'Nytt torg i sentrum', '4')]
    """
    if not paths:
        raise TypeError("read_items() needs at least one input file, e.g. read_items('measures.txt').")
    items: list[Item] = []
    by_id: dict[str, tuple[str, str]] = {}
    by_text: set[str] = set()
    for given in paths:
        if isinstance(given, (list, tuple)):
            raise TypeError("read_items() takes files as separate arguments: read_items(a, b), not a list.")
        path = Path(given)
        if not path.is_file():
            raise LabelError(f"{path}: no such file. Pass a text, JSONL, CSV, XLSX or Parquet file "
                             "(for example the output of `luktheme tag`).")
        for where, row in _rows(path, text_column):
            item = _item(row, path, where, text_column)
            if item is None:
                continue
            norm = " ".join(item.text.split())
            if item.id in by_id:
                first_where, first_text = by_id[item.id]
                if first_text != norm:
                    raise LabelError(f"{where}: id {item.id!r} was already used for another text at {first_where}. "
                                     "Give each text its own id, or drop the id column to derive ids from the text.")
                continue
            if norm in by_text:
                continue
            by_id[item.id] = (where, norm)
            by_text.add(norm)
            items.append(item)
    if not items:
        names = ", ".join(str(p) for p in paths)
        raise LabelError(f"{names}: no texts to label. Check that the file holds one text per line "
                         "(text files) or a filled-in text column (JSONL and tables).")
    return items


def _rows(path: Path, text_column: str | None) -> Iterable[tuple[str, dict]]:
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        yield from _jsonl_rows(path)
    elif suffix in _CSV_SUFFIXES:
        yield from _csv_rows(path, text_column)
    elif suffix in _PANDAS_SUFFIXES:
        yield from _pandas_rows(path)
    else:
        # Any other suffix is read as plain text, one text per line: plan
        # extracts come as .txt, .md or with no suffix at all.
        for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
            if line.strip():
                yield f"{path}:{lineno}", {"text": line.strip()}


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise LabelError(f"{path}: not UTF-8 ({err.reason} at byte {err.start}). Save the file as UTF-8.") from None


def _jsonl_rows(path: Path) -> Iterable[tuple[str, dict]]:
    text = _read_text(path)
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as err:
            raise LabelError(f"{path}: not valid JSON ({err.msg} at line {err.lineno}).") from None
        for i, row in enumerate(rows):
            yield f"{path}[{i}]", _check_object(row, f"{path}[{i}]")
        return
    yield from iter_jsonl(path, text, error=LabelError, expected="a JSON object with a 'text' field",
                          hint="A .jsonl file holds one JSON object per line; for plain text, one measure "
                          "per line, use a .txt file.")


def _check_object(row, where: str) -> dict:
    if not isinstance(row, dict):
        raise LabelError(f"{where}: expected a JSON object with a 'text' field, got {type(row).__name__}.")
    return row


def _csv_rows(path: Path, text_column: str | None = None) -> Iterable[tuple[str, dict]]:
    text = _read_text(path)
    header = text.split("\n", 1)[0]
    wanted = {n.lower() for n in ((text_column,) if text_column else TEXT_COLUMNS)}
    # The header decides first: the delimiter that yields a text column is the
    # right one, whatever commas or semicolons the texts themselves contain
    # (Norwegian spreadsheet exports use semicolons).
    for delimiter in (",", ";", "\t"):
        fields = next(csv.reader([header], delimiter=delimiter), [])
        if wanted & {f.strip().lower() for f in fields}:
            dialect = None
            break
    else:
        delimiter = None
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    reader = (csv.DictReader(io.StringIO(text), delimiter=delimiter) if delimiter
              else csv.DictReader(io.StringIO(text), dialect=dialect))
    for rowno, row in enumerate(reader, start=2):
        yield f"{path}:{rowno}", {k: v for k, v in row.items() if k is not None}


def _pandas_rows(path: Path) -> Iterable[tuple[str, dict]]:
    import pandas as pd

    try:
        if path.suffix.lower() in {".parquet", ".pq"}:
            from ..tables import require_parquet

            require_parquet()
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_excel(path)
    except ImportError as err:
        raise LabelError(f"{path}: reading this file needs an optional package ({err}). "
                         "Install it, or save the table as CSV.") from None
    except Exception as err:  # noqa: BLE001  (readers raise many kinds for a damaged file)
        raise LabelError(f"{path}: cannot read the table ({err}). Save it as CSV or JSONL and retry.") from None
    frame = frame.astype(object).where(frame.notna(), None)
    for rowno, row in enumerate(frame.to_dict(orient="records"), start=2):
        yield f"{path}:row {rowno}", row


def _field(row: dict, names: Sequence[str]):
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value is not None and str(value).strip():
            return value
    return None


def _item(row: dict, path: Path, where: str, text_column: str | None) -> Item | None:
    names = (text_column,) if text_column else TEXT_COLUMNS
    lowered = {str(k).strip().lower() for k in row}
    if not any(n.lower() in lowered for n in names):
        columns = ", ".join(map(str, row)) or "none"
        hint = ("Pass --text-column NAME." if not text_column
                else "Check the spelling, or leave out --text-column to use 'text'.")
        raise LabelError(f"{where}: no {' or '.join(map(repr, names))} column (found: {columns}). {hint}")
    text = _field(row, names)
    if text is None:
        return None
    text = str(text).strip()
    given_id = _field(row, ID_COLUMNS)
    row_id = str(given_id).strip() if given_id is not None else text_id(text)
    source = _field(row, SOURCE_COLUMNS)
    meta = {}
    for name in KEPT_FIELDS:
        value = _field(row, (name,))
        if value is not None:
            meta[name] = value.item() if hasattr(value, "item") else value
    return Item(row_id, text, str(source).strip() if source is not None else path.name, meta)
