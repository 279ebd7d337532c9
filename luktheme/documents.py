"""Tag whole documents and folders: :func:`tag_documents`, and the loop it shares with ``luktheme tag``.

Each document is read, segmented into measures and tagged as one unit of work,
in the calling process (``jobs=1``) or in worker processes (``jobs > 1``) that
each hold the model once. Because a document is always tagged the same way,
in batches of the same texts, the table is identical whatever ``jobs`` is, and
rows come in input order.

A document that cannot be read (corrupt, encrypted, no text layer, empty,
unsupported) is recorded with its path and reason and the batch goes on; the
rows already tagged are kept.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import DocumentError
from .readers import find_documents
from .segments import read_document
from .tables import COLUMNS, FIELD_COLUMNS, THEME_SEPARATOR
from .taxonomy import THEMES

if TYPE_CHECKING:  # pandas is imported where a table is built, keeping `import luktheme` light
    import pandas as pd

SCORE_DECIMALS = 4


@dataclass
class DocumentResult:
    """The outcome for one document.

    Attributes
    ----------
    file : str
        The path, as given or found in a folder.
    rows : list of dict
        One dict per measure, keyed by the columns of :data:`luktheme.tables.COLUMNS`.
    error : str or None
        Why the document could not be read; None on success.
    seconds : float
        Time spent on the document.
    """

    file: str
    rows: list[dict] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


def _rows(segments, taggings) -> list[dict]:
    rows = []
    for s, t in zip(segments, taggings):
        row = {"file": s.file, "page": s.page, "section": s.section, "heading": s.heading, "index": s.index,
               "kind": s.kind, "role": s.role, "number": s.number, "text": s.text,
               "themes": THEME_SEPARATOR.join(t.themes)}
        chosen = set(t.themes)
        row.update((theme, int(theme in chosen)) for theme in THEMES)
        row.update((f"score_{theme}", round(t.scores[theme], SCORE_DECIMALS)) for theme in THEMES)
        row.update((f, getattr(s, f)) for f in FIELD_COLUMNS)
        row.update(start=s.start, end=s.end)
        rows.append(row)
    return rows


def tag_file(file: str | os.PathLike, tagger, *, batch_size: int = 256) -> DocumentResult:
    """Read, segment and tag one document; a failure is returned, not raised.

    Parameters
    ----------
    file : str or path-like
    tagger : ThemeTagger
    batch_size : int
        Measures scored together.

    Returns
    -------
    DocumentResult

    Examples
    --------
    >>> import luktheme, tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
    >>> _ = f.write_text(" • Kartlegge boligbehovet i kommunen.\\n", encoding="utf-8")
    >>> result = tag_file(f, luktheme.load())
    >>> result.error, [row["text"] for row in result.rows]
    (None, ['Kartlegge boligbehovet i kommunen.'])
    """
    start = time.perf_counter()
    name = str(file)
    try:
        segments = read_document(file)
        taggings = list(tagger.pipe([s.text for s in segments], batch_size=batch_size)) if segments else []
        rows = _rows(segments, taggings)
    except DocumentError as err:
        return DocumentResult(name, [], _reason(err, name), time.perf_counter() - start)
    except MemoryError:
        return DocumentResult(name, [], "ran out of memory reading it; split the document or tag it alone",
                              time.perf_counter() - start)
    except Exception as err:  # a reader bug on one odd file must not stop a batch of hundreds
        return DocumentResult(name, [], f"unexpected error ({type(err).__name__}: {err}); please report it "
                              "together with the file", time.perf_counter() - start)
    return DocumentResult(name, rows, None, time.perf_counter() - start)


def _reason(err: Exception, name: str) -> str:
    text = str(err)
    return text[len(name) + 2:] if text.startswith(name + ": ") else text


# --------------------------------------------------------------------------- worker processes

_WORKER: dict = {}


def _die_with_parent(parent: int) -> None:
    """End this worker when the parent process is gone (killed with -9, it cannot stop us itself).

    Linux delivers a signal on the parent's death once asked (``PR_SET_PDEATHSIG``);
    elsewhere, and for a parent that died before the request, a thread watches
    the parent id.
    """
    import threading

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="luktheme-parent-watch", daemon=True).start()


def _init_worker(tagger, batch_size: int, parent: int | None = None) -> None:
    _die_with_parent(parent if parent is not None else os.getppid())
    # The parent handles Ctrl-C and stops the workers; they must not print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Fresh stream objects: a forked copy of the parent's may hold a lock taken by its progress
    # thread, and a stray print from a library must never land in `-o -` output on stdout.
    sys.stdout = sys.stderr = open(2, "w", closefd=False, buffering=1, encoding="utf-8", errors="replace")
    _WORKER["tagger"] = tagger
    _WORKER["batch_size"] = batch_size


def _work(file: str) -> DocumentResult:
    return tag_file(file, _WORKER["tagger"], batch_size=_WORKER["batch_size"])


def _context():
    # fork shares the loaded model and spaCy pipeline with the workers at no cost;
    # where it does not exist (Windows, macOS default) the tagger is sent to each worker once.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _stop(executor: ProcessPoolExecutor) -> None:
    # Take the worker list before shutdown() forgets it; terminate what is still running.
    procs = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()


def iter_results(files: Sequence[str | os.PathLike], tagger, *, jobs: int = 1,
                 batch_size: int = 256) -> Iterator[DocumentResult]:
    """Tag documents one by one and yield their results in input order.

    Parameters
    ----------
    files : sequence of str or path-like
        Document files (not folders; see :func:`luktheme.readers.find_documents`).
    tagger : ThemeTagger
    jobs : int
        Worker processes; 1 works in the calling process.
    batch_size : int
        Measures scored together.

    Yields
    ------
    DocumentResult

    Examples
    --------
    >>> import luktheme, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text(" • Lage en velkomstpakke for nye innbyggere.\\n", encoding="utf-8")
    >>> _ = (d / "b.txt").write_bytes(b"")
    >>> [(r.file[-5:], len(r.rows), r.error) for r in iter_results([d / "a.txt", d / "b.txt"], luktheme.load())]
    [('a.txt', 1, None), ('b.txt', 0, 'empty file (0 bytes). Check that it was copied or saved completely.')]
    """
    files = [str(f) for f in files]
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive int, got {jobs!r}.")
    jobs = min(jobs, len(files))
    if jobs <= 1:
        for f in files:
            yield tag_file(f, tagger, batch_size=batch_size)
        return
    from .segments import sentence_nlp

    sentence_nlp()  # load once here, so forked workers start with it

    def pool(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                   initializer=_init_worker, initargs=(tagger, batch_size, os.getpid()))

    pending = list(files)
    isolate = False
    while pending:
        if isolate:
            # A worker died while this document was running or queued: run it alone to tell
            # whether it is the one that kills the worker, then go back to parallel work.
            f = pending.pop(0)
            executor = pool(1)
            try:
                result = executor.submit(_work, f).result()
            except BrokenProcessPool:
                result = DocumentResult(f, [], "the worker process reading it stopped unexpectedly "
                                        "(out of memory or a crash in a library)")
            except BaseException:
                _stop(executor)
                raise
            _stop(executor)
            isolate = False
            yield result
            continue
        executor = pool(min(jobs, len(pending)))
        futures = [executor.submit(_work, f) for f in pending]
        done = 0
        try:
            for future in futures:
                try:
                    result = future.result()
                except BrokenProcessPool:
                    isolate = True
                    break
                done += 1
                yield result
        except BaseException:
            _stop(executor)
            raise
        if isolate:
            _stop(executor)
        else:
            executor.shutdown(wait=True)
        pending = pending[done:]


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar on standard error, or nothing when it is not a terminal."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        self.bar = None
        self.task = None
        self.measures = 0
        self.start = time.perf_counter()
        if enabled is False or total == 0:
            return
        from rich.console import Console

        console = Console(stderr=True)
        if enabled is None and not console.is_terminal:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("tagging"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
                            TextColumn("{task.fields[measures]} measures, {task.fields[rate]}/s"),
                            TimeElapsedColumn(), console=console, transient=True)
        self.task = self.bar.add_task("tag", total=total, measures=0, rate="-")

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def advance(self, result: DocumentResult) -> None:
        self.measures += len(result.rows)
        if self.bar is not None:
            rate = self.measures / max(time.perf_counter() - self.start, 1e-9)
            self.bar.update(self.task, advance=1, measures=self.measures, rate=f"{rate:,.0f}")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


class Tally:
    """What a tagging run has found and done so far: the failures, and counts for the summary.

    Parameters
    ----------
    files : list of str
        The documents to tag.
    problems : list of (str, str)
        Inputs that failed before reading (missing paths, unreadable folders), with their reasons.
    skipped : list of str
        Files of other types found in folders.
    """

    def __init__(self, files: list[str], problems: Sequence[tuple[str, str]] = (),
                 skipped: Sequence[str] = ()) -> None:
        self.files = files
        self.failed: list[tuple[str, str]] = list(problems)
        self.skipped = list(skipped)
        self.done = 0
        self.read = 0
        self.measures = 0

    def add(self, result: DocumentResult) -> None:
        """Count one document's result."""
        self.done += 1
        self.measures += len(result.rows)
        if result.error is None:
            self.read += 1
        else:
            self.failed.append((result.file, result.error))


def tag_results(tally: Tally, tagger, *, jobs: int = 1, batch_size: int = 256,
                progress: bool | None = None) -> Iterator[DocumentResult]:
    """The tagging loop of :func:`tag_documents` and ``luktheme tag``: results in input order.

    Each result is counted in ``tally`` and shown on the progress bar before it is yielded, so
    a caller that stops early (Ctrl-C, a closed pipe) still has the counts of what was done.

    Parameters
    ----------
    tally : Tally
        The documents to tag; it collects the failures and counts.
    tagger : ThemeTagger
    jobs : int
        Worker processes (0: one per CPU).
    batch_size : int
        Measures scored together.
    progress : bool or None
        Show a progress bar on standard error; None shows it only on a terminal.

    Examples
    --------
    >>> import luktheme, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text(" • Lage en velkomstpakke for nye innbyggere.\\n", encoding="utf-8")
    >>> tally = Tally([str(d / "a.txt")], problems=[(str(d / "b.pdf"), "no such file")])
    >>> [len(r.rows) for r in tag_results(tally, luktheme.load())]
    [1]
    >>> tally.read, tally.measures, [reason for _, reason in tally.failed]
    (1, 1, ['no such file'])
    """
    with _Progress(len(tally.files), progress) as bar:
        for result in iter_results(tally.files, tagger, jobs=jobs or (os.cpu_count() or 1), batch_size=batch_size):
            tally.add(result)
            bar.advance(result)
            yield result


# --------------------------------------------------------------------------- the public function


def _load_tagger(model):
    from .tagger import ThemeTagger, load

    if model is None or isinstance(model, (str, os.PathLike)):
        return load(model)
    if isinstance(model, ThemeTagger) or hasattr(model, "pipe"):
        return model
    raise TypeError(f"model must be a ThemeTagger, a model folder path or None, got {type(model).__name__}. "
                    "Use luktheme.load(path).")


def frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Build the measures table from result rows (dicts by column), with the column types every format keeps.

    Examples
    --------
    >>> frame([]).columns[:9].tolist()
    ['file', 'page', 'section', 'heading', 'index', 'kind', 'role', 'number', 'text']
    """
    import pandas as pd

    df = pd.DataFrame.from_records(list(rows), columns=list(COLUMNS))
    df["page"] = df["page"].astype("Int64")
    for col in ("index", "start", "end", *THEMES):
        df[col] = df[col].astype("int64")
    for theme in THEMES:
        df[f"score_{theme}"] = df[f"score_{theme}"].astype("float64")
    return df


def add_evidence(df: pd.DataFrame, tagger, *, n: int = 3) -> pd.DataFrame:
    """Add an ``evidence`` column: the top words of the text for each predicted theme.

    The value reads ``"planstrategi: planstrategi, Kurs | kompetanseheving: Kurs"``;
    it is empty for a measure with no theme.

    Examples
    --------
    >>> import luktheme
    >>> df = add_evidence(frame([]).reindex([0]).assign(text="Kurs i kommunal planstrategi",
    ...                                                  themes="planstrategi, kompetanseheving"), luktheme.load())
    >>> df["evidence"][0].split(" | ")[0].startswith("planstrategi: planstrategi")
    True
    """
    from .explain import explain_all

    evidence = [""] * len(df)
    # Only measures with a theme have evidence; their words are analysed in one pass.
    rows = [i for i, themes in enumerate(df["themes"]) if themes]
    for i, ex in zip(rows, explain_all(tagger, [df["text"].iloc[i] for i in rows], n=n)):
        evidence[i] = " | ".join(f"{t}: {', '.join(ex.top_words(t, n))}" for t in ex.themes)
    out = df.copy()
    out["evidence"] = evidence
    return out


def tag_documents(paths: Iterable[str | os.PathLike], *, model=None, jobs: int = 1, batch_size: int = 256,
                  progress: bool | None = None, on_error: str = "warn",
                  explain: bool = False) -> pd.DataFrame:
    """Read, segment and tag documents and folders; one row per measure.

    Parameters
    ----------
    paths : iterable of str or path-like
        Files and folders (walked recursively); not a single str.
    model : ThemeTagger, str, path-like or None
        A loaded tagger, a model folder, or None for the bundled model.
    jobs : int
        Worker processes (0: one per CPU). The result is the same for every value.
    batch_size : int
        Measures scored together.
    progress : bool or None
        Show a progress bar on standard error; None shows it only on a terminal.
    on_error : {"warn", "ignore", "raise"}
        What to do when a document cannot be read: warn and go on, go on
        quietly, or raise :class:`~luktheme.errors.DocumentError` at once.
        Either way the failures are listed in ``df.attrs["failed"]``.
    explain : bool
        Add an ``evidence`` column with the top words per predicted theme (see :func:`add_evidence`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`luktheme.tables.COLUMNS`: file, page, section (the headings
        above the row, joined by " > "), heading, index, kind, role (``tiltak``,
        ``mål`` or ``annet``), number, text, themes (``"bolyst, statistikk"``), one
        0/1 column per theme, ``score_<theme>`` per theme, the action-plan columns
        responsible, partners, period and cost, and the character offsets start, end.
        ``df.attrs["failed"]`` lists ``{"file", "reason"}`` per failed document,
        ``df.attrs["skipped"]`` files of other types found in folders.

    Raises
    ------
    DocumentError
        With ``on_error="raise"``, for the first document that cannot be read.

    Examples
    --------
    >>> import luktheme, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "plan.md").write_text("# Tiltak\\n\\n- Kartlegge boligbehovet i kommunen\\n", encoding="utf-8")
    >>> df = tag_documents([d], model=luktheme.load())
    >>> df[["heading", "text", "themes", "statistikk"]].values.tolist()
    [['Tiltak', 'Kartlegge boligbehovet i kommunen', 'statistikk', 1]]

    A common mistake is to pass one path as a string; wrap it in a list:

    >>> tag_documents(str(d / "plan.md"))
    Traceback (most recent call last):
    ...
    TypeError: tag_documents() expects a list of files and folders, not a single path. Write [path].
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("tag_documents() expects a list of files and folders, not a single path. Write [path].")
    if on_error not in ("warn", "ignore", "raise"):
        raise ValueError(f"The 'on_error' parameter of tag_documents must be one of 'warn', 'ignore', 'raise'. "
                         f"Got {on_error!r} instead.")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}.")
    files, problems, skipped = find_documents(paths)
    tagger = _load_tagger(model)
    tally = Tally(files, problems, skipped)
    for f, reason in problems:
        _on_failure(f, reason, on_error)
    rows: list[dict] = []
    for result in tag_results(tally, tagger, jobs=jobs, batch_size=batch_size, progress=progress):
        if result.error is not None:
            _on_failure(result.file, result.error, on_error)
        rows.extend(result.rows)
    df = frame(rows)
    if explain:
        df = add_evidence(df, tagger)
    df.attrs["failed"] = [{"file": f, "reason": r} for f, r in tally.failed]
    df.attrs["skipped"] = tally.skipped
    return df


def _on_failure(file: str, reason: str, on_error: str) -> None:
    if on_error == "raise":
        raise DocumentError(f"{file}: {reason}")
    if on_error == "warn":
        warnings.warn(f"{file}: {reason}", stacklevel=3)
