"""The label file: an append-only JSON Lines file of decisions, safe against interrupts and crashes.

:class:`LabelStore` appends every decision to a JSONL file and forces it to
disk at once, so an interrupted session loses nothing and a rerun resumes
where it stopped. Its rows are valid input for :func:`luktheme.read_examples`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from .._io import atomic_path, iter_jsonl, sync_folder
from ..errors import LabelError
from ..taxonomy import check_themes
from .items import KEPT_FIELDS, Item


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
