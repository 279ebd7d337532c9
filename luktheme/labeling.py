"""Label your own texts: read them, order them for labeling, and store each decision safely.

Three pieces, used by ``luktheme label`` and callable on their own:

* :func:`read_items` turns a text, JSONL, CSV, XLSX or Parquet file (including
  the table written by ``luktheme tag``) into :class:`Item` rows with an id, the
  text and the source document.
* :func:`order_queue` puts the items in active-learning order: the texts the
  model is least sure about come first, and no single source may fill the
  queue.
* :class:`LabelStore` appends every decision to a JSONL file and forces it to
  disk at once, so an interrupted session loses nothing and a rerun resumes
  where it stopped. Its rows are valid input for :func:`luktheme.read_examples`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from heapq import heappop, heappush
from pathlib import Path

from ._io import atomic_path, iter_jsonl, sync_folder
from .errors import LabelError
from .taxonomy import THEMES, check_themes

#: Column names tried, in order, for each role when reading tables and JSONL.
TEXT_COLUMNS = ("text", "tekst")
ID_COLUMNS = ("id",)
SOURCE_COLUMNS = ("source", "file", "source_doc", "document", "doc_id")
#: Input fields copied into each saved row: where in the document the text came
#: from, and the grouping and language fields that training reads.
KEPT_FIELDS = ("page", "heading", "index", "group", "lang", "kind")

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
        Input fields kept in the saved row (page, heading, index, group, lang, kind).
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
            from .tables import require_parquet

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


# ---------------------------------------------------------------------------
# Scoring and ordering


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


def score_items(items: Sequence[Item], tagger, *, batch_size: int = 256) -> list[Item]:
    """Attach the model's scores and thresholds to each item.

    Examples
    --------
    >>> import luktheme
    >>> item = score_items([Item("a", "Kurs i planstrategi for kommunane", "plan.txt")], luktheme.load())[0]
    >>> item.suggested
    ('planstrategi', 'kompetanseheving')
    """
    out = []
    for item, tagging in zip(items, tagger.pipe([i.text for i in items], batch_size=batch_size)):
        out.append(replace(item, scores=dict(tagging.scores), thresholds=dict(tagging.thresholds)))
    return out


def order_queue(items: Sequence[Item], *, window: int = 10, per_source: int | None = None) -> list[Item]:
    """Order items for labeling: most uncertain first, with no source crowding the queue.

    Items are ranked by :attr:`Item.uncertainty` (ties keep input order). Then
    in any ``window`` consecutive items at most ``per_source`` come from one
    source, so one long plan whose measures all sit near a threshold cannot
    push every other document out of a labeling session. When only crowded
    sources remain the cap gives way rather than stop.

    Parameters
    ----------
    items : sequence of Item
        Scored items (unscored ones count as certain and go last).
    window : int
        Length of the sliding window; 1 turns diversity off.
    per_source : int, optional
        The cap per window; by default ``ceil(window / number of sources)``,
        which for a few sources amounts to taking turns.

    Examples
    --------
    >>> cut = dict.fromkeys(["bolyst", "planstrategi", "stedsutvikling", "kompetanseheving", "statistikk"], 0.5)
    >>> def item(name, source, score):
    ...     return Item(name, name, source, scores=dict(cut, bolyst=score), thresholds=cut)
    >>> items = [item("a1", "A", 0.50), item("a2", "A", 0.49), item("a3", "A", 0.48), item("b1", "B", 0.30)]
    >>> [i.id for i in order_queue(items, window=1)]
    ['a1', 'a2', 'a3', 'b1']
    >>> [i.id for i in order_queue(items, window=2)]
    ['a1', 'b1', 'a2', 'a3']
    """
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive int, got {window!r}.")
    ranked = sorted(enumerate(items), key=lambda p: (-p[1].uncertainty, p[0]))
    queues: dict[str, deque] = {}
    for pos, item in ranked:
        queues.setdefault(item.source, deque()).append((-item.uncertainty, pos, item))
    if per_source is None:
        per_source = max(1, math.ceil(window / max(len(queues), 1)))
    if not isinstance(per_source, int) or per_source < 1:
        raise ValueError(f"per_source must be a positive int or None, got {per_source!r}.")

    # Sources whose head may be taken sit in a heap by their head's rank; the
    # ones at their cap wait in `blocked` until the window slides past them.
    heap = [(q[0][:2], src) for src, q in queues.items()]
    heap.sort()
    blocked: set[str] = set()
    recent: deque[str] = deque()
    count: Counter[str] = Counter()
    out: list[Item] = []
    while heap or blocked:
        if heap:
            _, src = heappop(heap)
        else:
            src = min(blocked, key=lambda s: queues[s][0][:2])
            blocked.discard(src)
        out.append(queues[src].popleft()[2])
        recent.append(src)
        count[src] += 1
        released = None
        if len(recent) > window - 1:
            released = recent.popleft()
            count[released] -= 1
        if released is not None and released != src and released in blocked and count[released] < per_source:
            blocked.discard(released)
            heappush(heap, (queues[released][0][:2], released))
        if queues[src]:
            if count[src] < per_source:
                heappush(heap, (queues[src][0][:2], src))
            else:
                blocked.add(src)
    return out


# ---------------------------------------------------------------------------
# The label store


class LabelStore:
    """An append-only JSONL file of labeling decisions, safe against interrupts and crashes.

    Every :meth:`record` writes one complete line, flushes it and calls
    ``fsync``, so after it returns the decision survives Ctrl-C, a crash of the
    program or a power cut. Opening an existing file reads the decisions
    already made, which is how a rerun resumes: the ids in :attr:`decided` are
    left out of the queue. A last line cut short by a crash is dropped when
    the file is next opened for writing (:attr:`repaired` counts it); every
    other line must be a valid row. While a session writes, the file is locked
    against a second one.

    Undo (:meth:`retract`) removes the last row by writing the remaining rows
    to a temporary file and moving it over the original. The file therefore
    never holds retraction records and stays valid input for
    :func:`luktheme.read_examples` at every moment; a crash during undo leaves
    either the old or the new file, never a mix.

    Each row holds ``id``, ``text``, ``labels``, ``source``, ``group`` (the
    source unless the input had one, so that cross-validation keeps a
    document's rows together), ``annotator``, ``labeled_at`` (UTC, ISO 8601),
    ``suggested`` (the model's themes at the time) and the kept input fields
    (page, heading, index, lang, kind). No ``origin`` is written: rows labeled
    here are neither the seed document nor written examples.

    Parameters
    ----------
    path : str or path-like
        The label file; created with its folder if missing.
    annotator : str, optional
        Written into each new row.

    Examples
    --------
    >>> import tempfile, pathlib, luktheme
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "labels.jsonl"
    >>> with LabelStore(path, annotator="kari") as store:
    ...     _ = store.record(Item("m1", "Kurs i planstrategi", "plan.pdf"), ["planstrategi", "kompetanseheving"])
    ...     _ = store.record(Item("m2", "Asfaltere vegen", "plan.pdf"), [])
    ...     _ = store.retract("m2")
    >>> sorted(LabelStore(path).decided)
    ['m1']
    >>> luktheme.read_examples(path)[0].labels
    ('planstrategi', 'kompetanseheving')
    """

    def __init__(self, path: str | os.PathLike, *, annotator: str | None = None):
        self.path = Path(path)
        self.annotator = annotator
        self.rows: list[dict] = []
        self.repaired = 0
        self._handle = None
        self._tail: bytes | None = None
        self._load()

    # Reading never writes: a store opened only to count or resume creates no
    # file and takes no lock. Writing starts with open(), which locks the file
    # and only then repairs it.
    def _load(self) -> None:
        if self.path.is_dir():
            raise LabelError(f"{self.path}: is a folder. Pass a file name for the labels, e.g. -o labels.jsonl.")
        self.rows, self.repaired, self._tail = [], 0, None
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            try:
                json.loads(data[cut:].decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                # A line without its newline that does not parse was being
                # written when the program died; the decision it held was
                # never confirmed on screen, so dropping it loses nothing.
                self.repaired = 1
                self._tail = data[cut:]
                data = data[:cut]
            else:
                self._tail = b""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise LabelError(f"{self.path}: not UTF-8 ({err.reason} at byte {err.start}). "
                             "Is this a label file written by `luktheme label`? Choose another -o file.") from None
        seen: dict[str, str] = {}
        for where, row in iter_jsonl(self.path, text, error=LabelError, expected="a label row: a JSON object "
                                     "with 'id' and 'labels'", hint="Fix or remove that line, or choose another -o file."):
            if not isinstance(row.get("id"), str) or "labels" not in row:
                raise LabelError(f"{where}: a label row needs 'id' and 'labels'. Is this a label file? "
                                 "Choose another -o file.")
            if not isinstance(row["labels"], list):
                raise LabelError(f"{where}: 'labels' must be a list of theme slugs, got {row['labels']!r}.")
            check_themes(row["labels"], where=where)
            if row["id"] in seen:
                raise LabelError(f"{where}: duplicate id {row['id']!r} (first at line {seen[row['id']]}). "
                                 "Remove one of the two rows, then rerun.")
            seen[row["id"]] = where.rsplit(":", 1)[1]
            self.rows.append(row)

    def open(self) -> LabelStore:
        """Take the file for writing: create it, lock out a second session, repair a cut-off last line.

        :meth:`record` opens the file itself; call this first to fail before
        any work is done when another session holds the file.

        Raises
        ------
        LabelError
            If another labeling session is writing the file.
        """
        if self._handle is not None:
            return self
        new = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a", encoding="utf-8")
        _lock(handle, self.path)
        try:
            if new:
                sync_folder(self.path.parent)
            # Read again under the lock: the file is now ours alone.
            self._load()
            if self._tail is not None:
                with open(self.path, "r+b") as fh:
                    fh.seek(0, os.SEEK_END)
                    if self._tail:
                        fh.truncate(fh.tell() - len(self._tail))
                    else:
                        fh.write(b"\n")
                    fh.flush()
                    os.fsync(fh.fileno())
                self._tail = None
        except BaseException:
            handle.close()
            raise
        self._handle = handle
        return self

    @property
    def decided(self) -> dict[str, tuple[str, ...]]:
        """The labels already given, by id, in file order."""
        return {row["id"]: tuple(row["labels"]) for row in self.rows}

    def __len__(self) -> int:
        return len(self.rows)

    def record(self, item: Item, labels: Iterable[str]) -> dict:
        """Append the decision on ``item`` and force it to disk; returns the row written.

        Raises
        ------
        LabelError
            If ``item.id`` is already in the file (retract it first) or a label is not a theme.
        """
        themes = check_themes(labels, where=f"labels for {item.id}")
        if any(row["id"] == item.id for row in self.rows):
            raise LabelError(f"{self.path}: {item.id!r} is already labeled. Undo that decision first.")
        row = {"id": item.id, "text": item.text, "labels": list(themes), "source": item.source}
        for key in KEPT_FIELDS:
            if key in item.meta:
                row[key] = item.meta[key]
        row.setdefault("group", item.source)
        if self.annotator:
            row["annotator"] = self.annotator
        row["labeled_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if item.scores is not None:
            row["suggested"] = list(item.suggested)
        handle = self.open()._handle
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
        self.rows.append(row)
        return row

    def retract(self, item_id: str) -> dict:
        """Remove the last row, which must be ``item_id``'s, safely; returns the removed row.

        Only the last decision can be retracted, as an undo stack does: that
        keeps the file's order the order in which decisions stand.
        """
        if not self.rows or self.rows[-1]["id"] != item_id:
            last = self.rows[-1]["id"] if self.rows else None
            raise LabelError(f"{self.path}: cannot retract {item_id!r}; only the last row ({last!r}) can be undone.")
        keep = self.rows[:-1]
        self.open()  # the lock, and no half line at the end to carry over
        with atomic_path(self.path) as tmp:
            with open(tmp, "w", encoding="utf-8") as out:
                for row in keep:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            # The open handle would point at the replaced file (and Windows
            # refuses to replace an open one); the next record reopens.
            self.close()
        sync_folder(self.path.parent)
        return self.rows.pop()

    def close(self) -> None:
        """Close the file (rows are already on disk; this only releases the lock)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> LabelStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LabelStore({str(self.path)!r}, rows={len(self.rows)})"


def _lock(handle, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; one session per file is then up to the user
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise LabelError(f"{path}: another labeling session is writing this file. Finish that session, "
                         "or give this one its own file with -o.") from None


def prepare_queue(items: Sequence[Item], store: LabelStore, tagger=None, *, order: str = "uncertain",
                  window: int = 10, per_source: int | None = None) -> list[Item]:
    """The items still to label, scored and in labeling order.

    Items whose id is already in ``store`` are left out, so a rerun resumes.

    Parameters
    ----------
    items : sequence of Item
    store : LabelStore
    tagger : ThemeTagger, optional
        Scores the items; without it nothing is suggested and input order is kept.
    order : {"uncertain", "input"}
        Active-learning order (:func:`order_queue`) or input order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = LabelStore(pathlib.Path(tempfile.mkdtemp()) / "labels.jsonl")
    >>> [i.id for i in prepare_queue([Item("a", "A", "f"), Item("b", "B", "f")], store, order="input")]
    ['a', 'b']
    """
    if order not in ("uncertain", "input"):
        raise ValueError(f"order must be 'uncertain' or 'input', got {order!r}.")
    decided = store.decided
    todo = [item for item in items if item.id not in decided]
    if tagger is not None and todo:
        todo = score_items(todo, tagger)
    if order == "input" or tagger is None:
        return todo
    return order_queue(todo, window=window, per_source=per_source)


def item_from_row(row: dict) -> Item:
    """Rebuild the :class:`Item` behind a stored row (used to undo an earlier session's decision)."""
    meta = {k: row[k] for k in KEPT_FIELDS if k in row}
    return Item(row["id"], row.get("text", ""), str(row.get("source", "")), meta)


_SLUG = re.compile(r"[^\w.-]+")


def default_annotator() -> str | None:
    """The login name, used when ``--annotator`` is not given (None when unknown)."""
    for var in ("LUKTHEME_ANNOTATOR", "USER", "USERNAME", "LOGNAME"):
        value = os.environ.get(var)
        if value:
            return _SLUG.sub("-", value).strip("-") or None
    return None
