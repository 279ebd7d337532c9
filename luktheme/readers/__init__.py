"""Read plan documents into text blocks: headings, list items, table rows and running text.

A *block* (:class:`~luktheme.readers.block.Block`) is the smallest unit whose
structure the file itself tells: a heading, one bullet or numbered item, one
table row, or a paragraph of running text. :mod:`luktheme.segments` turns
blocks into measures.

Formats
-------
``.pdf`` (:mod:`luktheme.readers.pdf`)
    Read with pypdf. Text position and font size come from pypdf's text
    visitor, at the cost of plain extraction: the indentation tells a bullet's
    continuation lines from the paragraph after it, the font size and weight
    tell headings, and the top and bottom lines that repeat on most pages
    (page headers, footers, page numbers) are dropped. Words hyphenated over a
    line break are joined ("kompetanse-" + "heving"); suspended compounds keep
    their hyphen ("nærings- og samfunnsutvikling"). pypdf was chosen over
    pdfplumber by measurement: on a generated 62-page plan pdfplumber (pdfminer)
    took 9.4 s against pypdf's 0.9 s for the same text, so pdfplumber alone
    would miss the goal of reading at half of pypdf's plain speed.
``.docx`` (:mod:`luktheme.readers.docx`)
    Paragraphs, list items (Word numbering or list styles) and table cells,
    in document order. Page headers and footers live in other parts of the
    file and are never read.
``.html``, ``.htm``, ``.xhtml`` (:mod:`luktheme.readers.html`)
    Visible text only: scripts, styles, navigation, headers, footers, forms
    and hidden elements are dropped; ``<main>`` (or a single ``<article>``)
    is read on its own when the page has one.
``.txt``, ``.md``, ``.markdown`` (:mod:`luktheme.readers.text`, :mod:`luktheme.readers.markdown`)
    UTF-8 (with or without BOM), UTF-16 with BOM, and the Windows-1252 /
    Latin-1 of older Norwegian documents, so "æøå" come out right.

:data:`READERS` gives the reader of each suffix; the text rules the readers
share (white space, list markers, hyphenation) are in :mod:`luktheme.readers.lines`.
The parsers (bs4, python-docx, pypdf) are imported when a file of their
format is read, so importing this package stays quick.

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = f.write_text("Tiltak\\n\\nKommunen skal:\\n • Kartlegge boligbehovet.\\n", encoding="utf-8")
>>> [(b.kind, b.text) for b in read_blocks(f)]
[('heading', 'Tiltak'), ('text', 'Kommunen skal:'), ('bullet', 'Kartlegge boligbehovet.')]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import DocumentError
from .block import BLOCK_KINDS, Block
from .docx import read_docx
from .html import read_html
from .lines import LEADER, clean_text, join_lines, strip_marker
from .markdown import read_markdown
from .pdf import read_pdf
from .text import check_is_text, decode_text, read_text

__all__ = [
    "BLOCK_KINDS", "LEADER", "READERS", "SUPPORTED", "Block", "check_inputs", "check_is_text", "decode_text",
    "find_documents", "clean_text", "join_lines", "read_blocks", "reader_for", "strip_marker",
]

#: The reader of each suffix read: a function from a file's path to its blocks.
READERS: dict[str, Callable[[Path], list[Block]]] = {
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}

#: File suffixes read, and the reader each uses, named after its module ("pdf", "docx", "html",
#: "text", "markdown"); derived from :data:`READERS` so the two cannot disagree.
SUPPORTED: dict[str, str] = {suffix: read.__module__.rpartition(".")[2] for suffix, read in READERS.items()}

#: Suffixes people try often, with the way out.
_HINTS = {
    ".doc": "save it as .docx in Word",
    ".odt": "save it as .docx",
    ".rtf": "save it as .docx",
    ".pptx": "export the slides as PDF",
    ".xlsx": "save the sheet as CSV and tag its text column with `luktheme tag-text`",
    ".jpg": "run OCR first and save the text as PDF or .txt",
    ".png": "run OCR first and save the text as PDF or .txt",
    ".tif": "run OCR first and save the text as PDF or .txt",
    ".tiff": "run OCR first and save the text as PDF or .txt",
}


def reader_for(path: str | os.PathLike) -> str:
    """Return the reader name for a file's suffix.

    Raises
    ------
    DocumentError
        If the suffix is not one of :data:`SUPPORTED`.

    Examples
    --------
    >>> reader_for("plan.PDF")
    'pdf'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED:
        hint = _HINTS.get(suffix, "convert it to PDF, DOCX, HTML or text")
        raise DocumentError(f"{path}: unsupported file type {suffix or '(no suffix)'!r}. "
                            f"Supported: {', '.join(sorted(SUPPORTED))}; {hint}.")
    return SUPPORTED[suffix]


def read_blocks(path: str | os.PathLike) -> list[Block]:
    """Read one document into blocks, in document order.

    Parameters
    ----------
    path : str or path-like
        A ``.pdf``, ``.docx``, ``.html``/``.htm``, ``.txt`` or ``.md`` file.

    Returns
    -------
    list of Block

    Raises
    ------
    DocumentError
        If the file is missing, empty, of an unsupported type, corrupt,
        encrypted, or a PDF without a text layer. The message names the file,
        the reason and what to do.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = f.write_text("<nav>Meny</nav><h2>Bolyst</h2><ul><li>Lage velkomstpakke</li></ul>")
    >>> [(b.kind, b.text) for b in read_blocks(f)]
    [('heading', 'Bolyst'), ('bullet', 'Lage velkomstpakke')]
    """
    path = Path(path)
    reader_for(path)  # an unsupported suffix is refused before the file is looked at
    read = READERS[path.suffix.lower()]
    if not path.exists():
        raise DocumentError(f"{path}: no such file. Check the path.")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder; pass it to tag_documents() or `luktheme tag`, "
                            "which walk folders.")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise DocumentError(f"{path}: cannot be read ({err.strerror}). Check its permissions.") from None
    if size == 0:
        raise DocumentError(f"{path}: empty file (0 bytes). Check that it was copied or saved completely.")
    try:
        blocks = read(path)
    except OSError as err:
        raise DocumentError(f"{path}: cannot be read ({err.strerror or err}). Check the file and its permissions.") \
            from None
    if not blocks:
        raise DocumentError(f"{path}: no text found. Check that the file is the document you meant.")
    return blocks


def check_inputs(inputs: Iterable[str | os.PathLike]) -> None:
    """Refuse, before any work, inputs that do not exist or are files of an unsupported type.

    Raises
    ------
    DocumentError
        Naming every such input and what is supported.

    Examples
    --------
    >>> check_inputs(["no/such/plan.pdf"])
    Traceback (most recent call last):
    ...
    luktheme.errors.DocumentError: no/such/plan.pdf: no such file or folder; check the path. Nothing was read or written.
    """
    bad = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            continue
        if not p.exists():
            bad.append(f"{p}: no such file or folder; check the path")
        elif p.suffix.lower() not in SUPPORTED:
            try:
                reader_for(p)
            except DocumentError as err:
                bad.append(f"{p}: {_reason(err, p)}")
    if bad:
        raise DocumentError("; ".join(bad) + ". Nothing was read or written.")


def find_documents(inputs: Iterable[str | os.PathLike]) -> tuple[list[Path], list[tuple[str, str]], list[str]]:
    """Expand files and folders (walked recursively) into the documents to read.

    Parameters
    ----------
    inputs : iterable of str or path-like
        Files and folders, in the order wanted. Not a single str.

    Returns
    -------
    files : list of Path
        Supported documents, in input order; a folder's files sorted by path;
        each file once.
    problems : list of (str, str)
        ``(path, reason)`` for inputs that do not exist or are named
        explicitly but have an unsupported type.
    skipped : list of str
        Files of other types found inside folders (not errors: folders hold
        spreadsheets and images too). Hidden files and Office lock files
        (``~$x.docx``) are passed over silently.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.pdf", "a.txt", "logo.png"):
    ...     _ = (d / name).write_bytes(b"x")
    >>> files, problems, skipped = find_documents([d])
    >>> [f.name for f in files], [pathlib.Path(s).name for s in skipped]
    (['a.txt', 'b.pdf'], ['logo.png'])
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError("find_documents() expects a list of paths, not a single path. Write [path].")
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    skipped: list[str] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        try:
            key = p.resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append((str(p), "a broken or self-looping symbolic link; nothing to read"))
            return
        if key not in seen:
            seen.add(key)
            files.append(p)

    def unreadable(err: OSError) -> None:
        problems.append((str(err.filename), f"folder cannot be read ({err.strerror or err}); its documents "
                                            "were not tagged"))

    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if name.startswith((".", "~$")):
                        continue
                    found.append(Path(root) / name)
            for f in sorted(found, key=lambda q: q.as_posix().casefold()):
                if f.suffix.lower() in SUPPORTED or (f.is_symlink() and not f.exists()):
                    add(f)
                else:
                    skipped.append(str(f))
        elif p.exists():
            if p.suffix.lower() in SUPPORTED:
                add(p)
            else:
                try:
                    reader_for(p)
                except DocumentError as err:
                    problems.append((str(p), _reason(err, p)))
        else:
            problems.append((str(p), "no such file or folder; check the path"))
    return files, problems, skipped


def _reason(err: Exception, path: Path | str) -> str:
    # Messages start with the path; a summary that prints the path already drops it.
    text = str(err)
    prefix = f"{path}: "
    return text[len(prefix):] if text.startswith(prefix) else text
