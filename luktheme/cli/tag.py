"""``luktheme tag``: tag the measures of plan documents and folders into one table.

The work is :func:`luktheme.documents.tag_results`, the same loop :func:`luktheme.tag_documents` runs;
this module adds what only a command needs: checking the paths before any work, streaming to
standard output, and keeping what was tagged when the run is interrupted.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..documents import Tally, add_evidence, frame, tag_results
from ..readers import SUPPORTED, check_inputs, find_documents
from ..tagger import load
from ..tables import COLUMNS, FORMATS, check_output_file, format_for, free_path, write_table, write_to
from ._args import positive_or_zero

if TYPE_CHECKING:
    import pandas as pd


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme tag`` on the main parser's subparsers."""
    p = subparsers.add_parser(
        "tag", help="tag the measures of plan documents (PDF, DOCX, HTML, text); folders are walked",
        description="Read plan documents, split them into measures (bullets, table rows, sentences), tag each "
                    "with themes and write one row per measure. Exits 1 if any document failed.")
    p.add_argument("inputs", nargs="+", metavar="PATH",
                   help=f"files ({', '.join(sorted(SUPPORTED))}) and folders, walked recursively")
    p.add_argument("-o", "--output", default="-",
                   help="output file; the suffix picks the format (.csv .xlsx .jsonl .parquet); "
                        "'-' (default) writes to standard output")
    p.add_argument("--format", choices=FORMATS, help="output format, overriding the suffix (default for '-': jsonl)")
    p.add_argument("-F", "--force", action="store_true", help="replace an existing output file")
    p.add_argument("-j", "--jobs", type=positive_or_zero, default=1,
                   help="documents read in parallel (0: one per CPU); the output is the same")
    p.add_argument("-m", "--model", help="model folder (default: the bundled model)")
    p.add_argument("--batch-size", type=int, default=256, help=argparse.SUPPRESS)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary; failures are still listed")
    p.add_argument("--explain", action="store_true",
                   help="add an evidence column: the top words of each measure for each predicted theme")
    p.set_defaults(func=run)
    return p


def _save_partial(df: pd.DataFrame, out: Path, fmt: str) -> Path:
    """Write what was tagged before an interruption to a file name no file has yet.

    A second Ctrl-C must not tear the file that rescues the first, so SIGINT
    is ignored while it is written (in the main thread only, where signals live).
    """
    import threading

    partial = free_path(out, suffix=f".{fmt}" if fmt != format_for(out) else None)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        write_table(df, partial, format=fmt)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
    return partial


class _StdoutStream:
    """Write CSV or JSON lines to standard output document by document, for pipes like ``| jq``."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.header = fmt == "csv"
        self.post = None

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        df = frame(rows)
        if self.post is not None:
            df = self.post(df)
        buf = io.BytesIO()
        write_to(df, self.fmt, buf)
        data = buf.getvalue()
        if self.fmt == "csv" and not self.header:
            data = data.split(b"\n", 1)[1]
        self.header = False
        out = getattr(sys.stdout, "buffer", None)
        if out is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            out.write(data)
        sys.stdout.flush()

    def finish(self) -> None:
        if self.header:  # no rows at all: still give CSV readers the columns
            self.header = False
            sys.stdout.write(",".join(COLUMNS) + "\n")
            sys.stdout.flush()


def run(args) -> int:
    """Run ``luktheme tag``; returns the exit code (0 all read, 1 some failed)."""

    started = time.perf_counter()
    out = str(args.output)
    fmt = format_for(out, args.format)
    to_stdout = out == "-"
    check_inputs(args.inputs)
    check_output_file(out, format=args.format, force=args.force)
    if to_stdout and fmt in ("xlsx", "parquet") and sys.stdout.isatty():
        raise ValueError(f"Refusing to write {fmt} (binary) to a terminal. Pass -o with a file name.")
    files, problems, skipped = find_documents(args.inputs)
    if not files and not problems:
        raise ValueError(f"No documents found in {', '.join(map(str, args.inputs))}. "
                         f"Supported file types: {', '.join(sorted(SUPPORTED))}.")
    tagger = load(args.model)
    tally = Tally(files, problems, skipped)
    stream = _StdoutStream(fmt) if to_stdout and fmt in ("csv", "jsonl") else None

    def table(rows: list[dict]) -> pd.DataFrame:
        return add_evidence(frame(rows), tagger) if args.explain else frame(rows)

    if stream is not None:
        stream.post = (lambda df: add_evidence(df, tagger)) if args.explain else None
    rows: list[dict] = []

    def say(message: str) -> None:
        print(f"luktheme tag: {message}", file=sys.stderr)

    try:
        for result in tag_results(tally, tagger, jobs=args.jobs, batch_size=args.batch_size,
                                  progress=False if args.quiet else None):
            if stream is not None:
                stream.write(result.rows)
            else:
                rows.extend(result.rows)
    except BrokenPipeError:
        # The reader of standard output stopped early (`| head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        if rows and not to_stdout:
            partial = _save_partial(table(rows), Path(out), fmt)
            say(f"interrupted after {tally.done} of {len(files)} documents; the {len(rows)} measures tagged so far "
                f"are in {partial}")
        raise
    if stream is not None:
        stream.finish()
    else:
        result = table(rows)
        try:
            write_table(result, out, format=fmt, force=args.force)
        except KeyboardInterrupt:
            # Interrupted while the (slow) final file was written: keep all the work in a fast format.
            partial = _save_partial(result, Path(out), "csv" if fmt in ("xlsx", "parquet") else fmt)
            say(f"interrupted while writing {out}, which was left as it was; all {len(rows)} measures "
                f"are in {partial}")
            raise
    if not args.quiet:
        where = "" if to_stdout else f" -> {out}"
        say(f"{tally.read} of {len(files)} documents read, {tally.measures} measures tagged in "
            f"{time.perf_counter() - started:.1f} s{where}")
        if skipped:
            say(f"{len(skipped)} file(s) of other types in the folders were skipped, e.g. {skipped[0]}")
    if tally.failed:
        say(f"{len(tally.failed)} document(s) failed:")
        for f, reason in tally.failed:
            print(f"  {f}: {reason}", file=sys.stderr)
        return 1
    return 0
