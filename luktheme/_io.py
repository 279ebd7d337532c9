"""Files the library writes and the JSON Lines it reads: one rule for each.

Every file is written atomically (a temporary file in the same folder, synced, then renamed over the
target), so an interrupted write leaves the old file or none, never half of one. Every written file
gets the mode the user's umask gives a new file (``mkstemp`` alone would make it private). Existing
files are replaced only with ``force``; whether a file may be replaced at all is the caller's rule.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a new file gets under the current umask (``0o644`` under the usual ``022``).

    Examples
    --------
    >>> oct(file_mode() & 0o600)
    '0o600'
    """
    return 0o666 & ~_umask()


def folder_mode() -> int:
    """The mode a new folder gets under the current umask (``0o755`` under the usual ``022``)."""
    return 0o777 & ~_umask()


def refuse_existing(path: str | os.PathLike, force: bool) -> None:
    """Raise FileExistsError when ``path`` exists and ``force`` is not set.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"; _ = p.write_text("x")
    >>> refuse_existing(p, force=False)
    Traceback (most recent call last):
    ...
    FileExistsError: ... exists. To replace it, set the --force or -F flag (force=True).
    """
    if Path(path).exists() and not force:
        raise FileExistsError(f"{path} exists. To replace it, set the --force or -F flag (force=True).")


def sync_folder(folder: str | os.PathLike) -> None:
    """Make a new or replaced entry of ``folder`` durable (where the platform allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; on success it replaces ``path``.

    The temporary file is removed when the block raises or is interrupted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = tmp.write_text("hei")
    >>> p.read_text()
    'hei'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | os.PathLike, write: Callable[[IO[str]], None], *,
                      encoding: str = "utf-8", newline: str | None = None) -> Path:
    """Write a text file atomically: ``write`` gets the open file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = write_text_atomic(p, lambda out: out.write("æøå"))
    >>> p.read_text(encoding="utf-8")
    'æøå'
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding=encoding, newline=newline) as out:
            write(out)
    return path


def write_jsonl(path: str | os.PathLike, rows, *, force: bool = True) -> Path:
    """Write dicts as JSON Lines (UTF-8, one object a line), atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> _ = write_jsonl(p, [{"id": "a", "text": "Kurs"}])
    >>> p.read_text(encoding="utf-8")
    '{"id": "a", "text": "Kurs"}\\n'
    """
    refuse_existing(path, force)

    def write(out: IO[str]) -> None:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")

    return write_text_atomic(path, write)


class JsonlError(ValueError):
    """A line of a JSON Lines file that is not a JSON object."""


def iter_jsonl(path: str | os.PathLike, text: str | None = None, *, error: type[Exception] = JsonlError,
               hint: str = "Each line must be one JSON object.", expected: str = "a JSON object",
               skip_torn_end: bool = False) -> Iterator[tuple[str, dict]]:
    """Yield ``("file:line", object)`` for each non-blank line of a JSON Lines file (or of its ``text``).

    A line that is not a JSON object raises ``error`` naming the file and line. With
    ``skip_torn_end``, a last line without its newline that is not valid JSON (a write cut off
    midway) is left out instead.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> _ = p.write_text('{"id": 1}\\n\\n[2]\\n', encoding="utf-8")
    >>> [row for _, row in iter_jsonl(p)]
    Traceback (most recent call last):
    ...
    luktheme._io.JsonlError: ...rows.jsonl:3: expected a JSON object, got list.
    """
    if text is None:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    lines = text.split("\n")
    torn = lines[-1].strip() != ""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            if skip_torn_end and torn and number == len(lines):
                return
            raise error(f"{where}: not valid JSON ({err.msg}). {hint}") from None
        if not isinstance(row, dict):
            raise error(f"{where}: expected {expected}, got {type(row).__name__}.")
        yield where, row


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    """All objects of a JSON Lines file (see :func:`iter_jsonl`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "rows.jsonl"
    >>> _ = write_jsonl(p, [{"id": "a", "text": "Kurs"}])
    >>> read_jsonl(p)
    [{'id': 'a', 'text': 'Kurs'}]
    """
    return [row for _, row in iter_jsonl(path)]
