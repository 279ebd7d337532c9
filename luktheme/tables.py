"""Write tagged measures as CSV, XLSX, JSON lines or Parquet, never leaving half a file.

Every format holds one row per measure with the columns of :data:`COLUMNS`.
The file is written under a temporary name in the destination folder and
moved into place (an atomic rename), so an interrupted run leaves either the
old file or the new one, never a torn one. An existing file is replaced only
with ``force=True`` (CLI: ``--force``).

* ``.csv`` -- UTF-8, comma-separated, ``themes`` as ``"bolyst, statistikk"``.
  For data tools; planners open the ``.xlsx``.
* ``.xlsx`` -- sheet ``measures`` plus sheet ``themes by document`` (measures
  per theme and document, with a total row), which the workbook opens on.
* ``.jsonl`` -- one JSON object per line; ``themes`` is a list, so
  ``jq 'select(.themes | index("bolyst"))'`` works, as does ``select(.bolyst == 1)``.
* ``.parquet`` -- via pyarrow, ``themes`` as a string as in CSV.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ._io import atomic_path, refuse_existing
from .taxonomy import THEMES

if TYPE_CHECKING:  # pandas is imported where a table is built, keeping `import luktheme` light
    import pandas as pd

FORMATS: tuple[str, ...] = ("csv", "xlsx", "jsonl", "parquet")
_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
             ".pq": "parquet"}

#: Score columns, one per theme, in :data:`~luktheme.THEMES` order.
SCORE_COLUMNS: tuple[str, ...] = tuple(f"score_{t}" for t in THEMES)
#: The cells of an action-plan table's other columns, by role (empty where a document has none).
FIELD_COLUMNS: tuple[str, ...] = ("responsible", "partners", "period", "cost")
#: Columns of every output table, in order.
COLUMNS: tuple[str, ...] = ("file", "page", "section", "heading", "index", "kind", "role", "number", "text",
                            "themes", *THEMES, *SCORE_COLUMNS, *FIELD_COLUMNS, "start", "end")
THEME_SEPARATOR = ", "
MEASURES_SHEET = "measures"
SUMMARY_SHEET = "themes by document"
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_MAX_CELL = 32_767


def format_for(path: str | os.PathLike, format: str | None = None) -> str:
    """Pick the output format from ``format`` or, failing that, the path's suffix.

    ``"-"`` (standard output) defaults to ``jsonl``.

    Raises
    ------
    ValueError
        If the format is unknown or cannot be told from the suffix.

    Examples
    --------
    >>> format_for("tiltak.xlsx"), format_for("-"), format_for("out.txt", "csv")
    ('xlsx', 'jsonl', 'csv')
    """
    if format is not None:
        fmt = format.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValueError(f"The format {format!r} is not one of {', '.join(FORMATS)}.")
        return fmt
    if str(path) == "-":
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ValueError(f"Cannot tell the output format from {str(path)!r}: use a suffix of "
                         f"{', '.join(sorted(_SUFFIXES))} or pass --format {{{','.join(FORMATS)}}}.")
    return _SUFFIXES[suffix]


def theme_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Count measures per theme and document, plus a total row.

    Columns: ``file``, ``measures``, one column per theme, and ``no theme``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"file": ["a.pdf", "a.pdf", "b.pdf"], "bolyst": [1, 0, 1],
    ...                    "planstrategi": 0, "stedsutvikling": 0, "kompetanseheving": [1, 0, 0],
    ...                    "statistikk": 0})
    >>> theme_counts(df)[["file", "measures", "bolyst", "no theme"]].values.tolist()
    [['a.pdf', 2, 1, 1], ['b.pdf', 1, 1, 0], ['all documents', 3, 2, 1]]
    """
    import pandas as pd

    files = list(dict.fromkeys(frame["file"])) if len(frame) else []
    flags = frame[list(THEMES)].astype(int) if len(frame) else pd.DataFrame(columns=list(THEMES), dtype=int)
    rows = []
    for name in files:
        part = flags[frame["file"] == name]
        rows.append([name, len(part), *[int(part[t].sum()) for t in THEMES], int((part.sum(axis=1) == 0).sum())])
    rows.append(["all documents", len(flags), *[int(flags[t].sum()) for t in THEMES],
                 int((flags.sum(axis=1) == 0).sum())])
    return pd.DataFrame(rows, columns=["file", "measures", *THEMES, "no theme"])


def _jsonable(value):
    if value is None or value.__class__.__name__ == "NAType":  # pandas.NA
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _write_jsonl(frame: pd.DataFrame, out: io.TextIOBase) -> None:
    columns = list(frame.columns)
    for values in frame.itertuples(index=False, name=None):
        row = {c: _jsonable(v) for c, v in zip(columns, values)}
        if "themes" in row:
            row["themes"] = [t for t in (row["themes"] or "").split(THEME_SEPARATOR) if t]
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _xlsx_value(value):
    value = _jsonable(value)
    if isinstance(value, str):
        value = _XLSX_ILLEGAL.sub(" ", value)[:_XLSX_MAX_CELL]
    return value


def _write_xlsx(frame: pd.DataFrame, target) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    widths = {"file": 28, "section": 40, "heading": 30, "text": 80, "themes": 28, "responsible": 24,
              "partners": 24}

    def sheet(title: str, df: pd.DataFrame) -> None:
        ws = wb.create_sheet(title)
        for i, col in enumerate(df.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = widths.get(col, max(8, len(str(col)) + 2))
        ws.freeze_panes = "A2"
        if len(df.columns):
            ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
        header = []
        for col in df.columns:
            cell = WriteOnlyCell(ws, value=str(col))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for values in df.itertuples(index=False, name=None):
            row = []
            for v in values:
                v = _xlsx_value(v)
                cell = WriteOnlyCell(ws, value=v)
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"  # text that starts with "=" is text, not a formula
                row.append(cell)
            ws.append(row)

    sheet(MEASURES_SHEET, frame)
    sheet(SUMMARY_SHEET, theme_counts(frame))
    wb.active = 1  # planners start from the counts
    wb.save(target)


def write_to(frame: pd.DataFrame, fmt: str, target) -> None:
    """Write to a path (str) or a binary stream."""
    if fmt == "xlsx":
        _write_xlsx(frame, target)
    elif fmt == "parquet":
        require_parquet()
        frame.to_parquet(target, index=False, engine="pyarrow")
    else:
        stream = open(target, "w", encoding="utf-8", newline="") if isinstance(target, str) else \
            io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
        try:
            if fmt == "csv":
                frame.to_csv(stream, index=False, lineterminator="\n")
            else:
                _write_jsonl(frame, stream)
            stream.flush()
        finally:
            if isinstance(target, str):
                stream.close()
            else:
                stream.detach()


def require_parquet() -> None:
    """Raise a clear error when Parquet is asked for and pyarrow, an optional extra, is missing.

    Raises
    ------
    ValueError
        Saying how to install it, or which formats need nothing more.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ValueError("Parquet needs the pyarrow package, an optional extra: pip install 'luktheme[parquet]'. "
                         "Or choose .csv, .xlsx or .jsonl, which need nothing more.") from None


#: The first columns of every table luktheme writes: the measures table and the audit list.
_OWN_HEADERS = (("file", "page", "section", "heading", "index", "kind", "role", "number", "text", "themes"),
                ("file", "page", "heading", "index", "kind", "text", "themes"),
                ("id", "theme", "direction", "score", "disagreement"))
#: The keys that mark a JSON-lines file as luktheme's: a measures table, or a list of disagreements.
_OWN_KEYS = ({"file", "text", "themes"}, {"id", "text", "a", "b"})


def is_own_output(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a table or list that luktheme itself wrote (and ``--force`` may replace).

    Read from the file's head: the columns of a CSV, Excel or Parquet table,
    the keys of the first JSON line. An empty file counts as ours (an
    interrupted write of an older version); anything else the user made does not.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "mine.csv").write_text("navn,telefon\\nKari,99\\n")
    >>> _ = (d / "tiltak.csv").write_text("file,page,heading,index,kind,text,themes\\n")
    >>> is_own_output(d / "mine.csv"), is_own_output(d / "tiltak.csv")
    (False, True)
    """
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return True
        fmt = format_for(path)
    except (OSError, ValueError):
        return False
    try:
        if fmt == "xlsx":
            with zipfile.ZipFile(path) as z:
                book = z.read("xl/workbook.xml").decode("utf-8", "replace")
            return f'name="{MEASURES_SHEET}"' in book and f'name="{SUMMARY_SHEET}"' in book
        if fmt == "parquet":
            with open(path, "rb") as fh:
                fh.seek(-min(65536, path.stat().st_size), os.SEEK_END)
                tail = fh.read()
            return all(name.encode() in tail for name in _OWN_HEADERS[0])
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline().strip()
        if fmt == "csv":
            columns = tuple(c.strip('"') for c in first.split(","))
            return any(columns[:len(h)] == h for h in _OWN_HEADERS)
        row = json.loads(first)
        return isinstance(row, dict) and any(keys <= set(row) for keys in _OWN_KEYS)
    except (OSError, KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile):
        return False


def refuse_foreign(path: str | os.PathLike) -> None:
    """Raise unless ``path`` is missing or luktheme's own output: ``--force`` never replaces the user's files."""
    path = Path(path)
    if path.is_file() and not is_own_output(path):
        raise FileExistsError(f"{path} exists and was not written by luktheme (its columns are not those of a "
                              "luktheme table); --force replaces only luktheme's own output. Nothing was changed; "
                              "choose another output file.")


def check_output_file(path: str | os.PathLike, *, format: str | None = None, force: bool = False) -> None:
    """Check, before any work, that a table can be written to ``path``.

    Tagging a few hundred documents takes minutes; a path that cannot take the
    result must be found before the first document is read, not after.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``force`` is False.
    ValueError
        If ``path`` is a folder, a folder in its way is a file, or its folder
        cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "notes.txt").write_text("x")
    >>> check_output_file(d / "notes.txt" / "out.csv")
    Traceback (most recent call last):
    ...
    ValueError: Cannot write .../notes.txt/out.csv: .../notes.txt is a file, not a folder. Choose another output path.
    """
    if format_for(path, format) == "parquet":
        require_parquet()
    if str(path) == "-":
        return
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"Cannot write {path}: it is a folder. Pass a file name such as {path / 'tiltak.xlsx'}.")
    refuse_foreign(path)
    refuse_existing(path, force)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise ValueError(f"Cannot write {path}: {folder} is a file, not a folder. Choose another output path.")
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".luktheme-probe.")
    except OSError as err:
        raise ValueError(f"Cannot write {path}: the folder {folder} does not take new files "
                         f"({err.strerror or err}). Choose another output path.") from None
    os.close(fd)
    os.unlink(probe)


def free_path(path: str | os.PathLike, tag: str = "partial", suffix: str | None = None) -> Path:
    """A file name beside ``path`` that no file has yet: ``NAME.partial.EXT``, then ``NAME.partial-2.EXT``...

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "out.partial.csv").write_text("mine")
    >>> free_path(d / "out.csv").name
    'out.partial-2.csv'
    """
    path = Path(path)
    suffix = path.suffix if suffix is None else suffix
    candidate, n = path.with_name(f"{path.stem}.{tag}{suffix}"), 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}.{tag}-{n}{suffix}")
    return candidate


def write_table(frame: pd.DataFrame, path: str | os.PathLike, *, format: str | None = None,
                force: bool = False) -> Path | None:
    """Write measures to ``path`` atomically; ``"-"`` writes to standard output.

    Parameters
    ----------
    frame : pandas.DataFrame
        As returned by :func:`luktheme.tag_documents`.
    path : str or path-like
        The output file, or ``"-"`` for standard output.
    format : {"csv", "xlsx", "jsonl", "parquet"}, optional
        Default: from the suffix (``"jsonl"`` for standard output).
    force : bool
        Replace an existing file.

    Returns
    -------
    Path or None
        The file written; None for standard output.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``force`` is False.
    ValueError
        If the format is unknown, or a binary format would go to a terminal.

    Examples
    --------
    >>> import pandas as pd, tempfile
    >>> df = pd.DataFrame({"file": ["a.txt"], "text": ["Kartlegge boligbehovet"]})
    >>> out = write_table(df, tempfile.mkdtemp() + "/tiltak.csv")
    >>> out.read_text(encoding="utf-8")
    'file,text\\na.txt,Kartlegge boligbehovet\\n'
    """
    fmt = format_for(path, format)
    if str(path) == "-":
        if fmt in ("xlsx", "parquet") and sys.stdout.isatty():
            raise ValueError(f"Refusing to write {fmt} (binary) to a terminal. Redirect it to a file "
                             "or pass -o with a file name.")
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream, e.g. under a test harness
            data = io.BytesIO()
            write_to(frame, fmt, data)
            sys.stdout.write(data.getvalue().decode("utf-8", errors="replace"))
        else:
            write_to(frame, fmt, buffer)
            buffer.flush()
        return None
    path = Path(path)
    refuse_foreign(path)
    refuse_existing(path, force)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; pass a file name such as {path / 'tiltak.xlsx'}.")
    with atomic_path(path) as tmp:
        write_to(frame, fmt, str(tmp))
    return path
