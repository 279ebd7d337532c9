"""``luktheme tag-text``: tag texts given as arguments or lines on standard input; JSON lines out."""

from __future__ import annotations

import argparse
import json
import sys
import warnings

from ..errors import TextCleanedWarning
from ._args import quiet, say


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``luktheme tag-text`` on the main parser's subparsers."""
    p = subparsers.add_parser("tag-text", help="tag texts given as arguments (or lines on stdin); JSON lines out")
    p.add_argument("text", nargs="*", help="texts to tag; none: one text per line of standard input")
    p.add_argument("-m", "--model", help="model folder (default: the bundled model)")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from ..tagger import load

    tagger = load(args.model)
    if args.text:
        texts = args.text
    else:
        # Bytes, decoded here: a strict decoder would stop the whole run at the first Latin-1 letter.
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8", "replace")
        data = raw.decode("utf-8-sig", errors="replace")
        if "\ufffd" in data and b"\xef\xbf\xbd" not in raw:
            say(quiet(args), "luktheme tag-text: note: standard input is not UTF-8; undecodable bytes became U+FFFD. "
                       "Convert it first, e.g. `iconv -f latin1 -t utf-8`.")
        texts = [line for line in data.splitlines() if line.strip()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TextCleanedWarning)
        for t in tagger.pipe(texts):
            print(json.dumps({"text": t.text, "themes": list(t.themes),
                              "scores": {k: round(v, 4) for k, v in t.scores.items()}}, ensure_ascii=False))
    if any(issubclass(w.category, TextCleanedWarning) for w in caught):
        say(quiet(args), "luktheme tag-text: note: characters that are not text (NUL, control characters, or "
                   "bytes that are not UTF-8) were replaced by U+FFFD.")
    return 0
