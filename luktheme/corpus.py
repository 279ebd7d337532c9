"""Read, validate and write the labeled rows in ``data/*.jsonl``.

One JSON object a line: ``id``, ``text``, ``labels`` (theme slugs, ``[]`` for
none) and provenance fields (``origin`` is ``"seed"``, ``"written"`` or ``"blind"``; ``group``
keeps rows of one source together in cross-validation; ``lang`` is ``nb``/``nn``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._io import iter_jsonl, write_jsonl
from .errors import LabelError
from .taxonomy import THEMES, check_themes

ORIGINS = ("seed", "written", "blind")


@dataclass(frozen=True)
class Example:
    """One labeled text.

    Attributes
    ----------
    id : str
        Unique over the whole training set.
    text : str
        The measure or goal statement.
    labels : tuple of str
        Its themes in :data:`~luktheme.THEMES` order; ``()`` means no theme.
    meta : dict
        Every other field of the row (origin, group, lang, county, kind, ...).
    """

    id: str
    text: str
    labels: tuple[str, ...]
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def group(self) -> str:
        """The source the row belongs to; rows of one group share a fold."""
        return str(self.meta.get("group") or self.id)

    @property
    def lang(self) -> str:
        """``"nb"`` (Bokmål) or ``"nn"`` (Nynorsk)."""
        return str(self.meta.get("lang", "nb"))

    @property
    def origin(self) -> str:
        """``"seed"`` (the source document), ``"written"`` (written for training), or
        ``"unmarked"`` for rows that carry no origin, such as those saved by ``luktheme label``."""
        return str(self.meta.get("origin", "unmarked"))

    def to_json(self) -> dict:
        """The row as written in a JSONL file."""
        return {"id": self.id, "text": self.text, "labels": list(self.labels), **self.meta}


def _label_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise LabelError(f"{path}: no *.jsonl label files in this folder. Point to data/ or a .jsonl file.")
        return files
    if not path.exists():
        raise LabelError(f"{path}: no such file or folder. Pass a label file (.jsonl) or a folder of them.")
    return [path]


def read_examples(*paths: str | os.PathLike) -> list[Example]:
    """Read and validate labeled rows from JSONL files or folders of them.

    Parameters
    ----------
    *paths : str or path-like
        Files (``.jsonl``) or folders whose ``*.jsonl`` files are read in name order.

    Returns
    -------
    list of Example
        In file and line order.

    Raises
    ------
    LabelError
        Naming the file and line: invalid JSON, a missing or empty ``text``, a
        missing ``id``, a duplicate ``id`` (across all files), ``labels`` that are
        not a list, or an unknown theme.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> _ = p.write_text(json.dumps({"id": "a", "text": "Kurs i planstrategi",
    ...                              "labels": ["planstrategi", "kompetanseheving"]}) + "\\n")
    >>> read_examples(p)[0].labels
    ('planstrategi', 'kompetanseheving')
    """
    if not paths:
        raise TypeError("read_examples() needs at least one path, e.g. read_examples('data/').")
    examples: list[Example] = []
    seen: dict[str, str] = {}
    for given in paths:
        if isinstance(given, (list, tuple)):
            raise TypeError("read_examples() takes paths as separate arguments: read_examples(a, b), not a list.")
        for file in _label_files(Path(given)):
            examples.extend(_read_file(file, seen))
    return examples


def _read_file(file: Path, seen: dict[str, str]) -> list[Example]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise LabelError(f"{file}: not UTF-8 ({err.reason} at byte {err.start}). Save the file as UTF-8.") from None
    rows = []
    for where, row in iter_jsonl(file, text, error=LabelError, expected="a JSON object with id, text and labels"):
        row_id = row.pop("id", None)
        if not isinstance(row_id, str) or not row_id.strip():
            raise LabelError(f"{where}: missing 'id' (a non-empty string). Give every row a unique id.")
        text = row.pop("text", None)
        if not isinstance(text, str) or not text.strip():
            raise LabelError(f"{where}: row {row_id!r} has no text. Every row needs a non-empty 'text'.")
        if "labels" not in row:
            raise LabelError(f"{where}: row {row_id!r} has no 'labels'. Use [] for a text with no theme.")
        labels = row.pop("labels")
        if not isinstance(labels, list):
            raise LabelError(f"{where}: 'labels' of row {row_id!r} must be a list of theme slugs, got {labels!r}.")
        themes = check_themes(labels, where=where)
        if row_id in seen:
            raise LabelError(f"{where}: duplicate id {row_id!r} (first seen at {seen[row_id]}). Ids must be unique.")
        seen[row_id] = where
        origin = row.get("origin")
        if origin is not None and origin not in ORIGINS:
            raise LabelError(f"{where}: origin {origin!r} of row {row_id!r} must be one of {ORIGINS}.")
        rows.append(Example(row_id, text, themes, row))
    return rows


def write_examples(examples: Iterable[Example], path: str | os.PathLike) -> Path:
    """Write rows as JSONL atomically (to a temporary file, then moved into place).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> _ = write_examples([Example("a", "Kurs", ("kompetanseheving",))], out)
    >>> read_examples(out)[0].text
    'Kurs'
    """
    return write_jsonl(path, (ex.to_json() for ex in examples))


def label_matrix(label_lists: Sequence[Sequence[str]]):
    """Turn label lists into an (n, 5) 0/1 array with columns in THEMES order.

    A bare string is rejected: it is a common mistake for ``["bolyst"]``.

    Examples
    --------
    >>> label_matrix([["statistikk"], []]).tolist()
    [[0, 0, 0, 0, 1], [0, 0, 0, 0, 0]]
    """
    import numpy as np

    if isinstance(label_lists, str):
        raise TypeError("label_lists must be a list of label lists, e.g. [['bolyst'], []], not a string.")
    Y = np.zeros((len(label_lists), len(THEMES)), dtype=np.int64)
    for i, labels in enumerate(label_lists):
        for theme in check_themes(labels, where=f"label_lists[{i}]"):
            Y[i, THEMES.index(theme)] = 1
    return Y


def data_hash(examples: Iterable[Example]) -> str:
    """A SHA-256 over ids, texts and labels, stored in a model's meta.json."""
    digest = hashlib.sha256()
    for ex in examples:
        digest.update(json.dumps([ex.id, ex.text, list(ex.labels)], ensure_ascii=False).encode())
    return digest.hexdigest()
