"""The document zoo: the share of expected rows found exactly, per format, against plain text extraction.

Each zoo document (``tests/zoo``) is built in a temporary folder and read with
``luktheme.read_document``. A row counts as found when text, kind, role, section path, number and
table columns all equal the expected row. The reference, measured in the same run, is plain text
extraction (pypdf's ``extract_text``, python-docx's paragraphs and table cells, BeautifulSoup's
``get_text``, the file's lines) with every line taken as one measure: the share of the expected
action rows (``tiltak``) whose text is such a line.

Run from the repository root: ``python bench/bench_zoo.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from luktheme.readers.lines import clean_text  # noqa: E402
from luktheme.segments import read_document  # noqa: E402
from tests.zoo import row_of, zoo  # noqa: E402


def plain_lines(path: Path) -> set[str]:
    """The lines of a plain text extraction of ``path``, white space folded."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    elif suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
        text = "\n".join(parts)
    elif suffix in (".html", ".htm"):
        from bs4 import BeautifulSoup

        text = BeautifulSoup(path.read_bytes(), "html.parser").get_text("\n")
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
    return {clean_text(line.lstrip("•-*–·0123456789.) ")) for line in text.splitlines()}


def main() -> int:
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    actions: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    seconds: dict[str, float] = defaultdict(float)
    misses: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for doc in zoo():
            path = doc.build(Path(tmp) / doc.name)
            start = time.perf_counter()
            got = [row_of(s) for s in read_document(path)]
            seconds[doc.format] += time.perf_counter() - start
            expected = doc.expected()
            got_keys = {tuple(sorted(r.items())) for r in got}
            hits = sum(tuple(sorted(r.items())) in got_keys for r in expected)
            found[doc.format][0] += hits
            found[doc.format][1] += len(expected)
            if hits < len(expected) or len(got) != len(expected):
                misses.append(f"{doc.name}: {hits} of {len(expected)} rows, {len(got)} read")
            lines = plain_lines(path)
            ours = {r["text"] for r in got}
            for r in expected:
                if r["role"] == "tiltak":
                    actions[doc.format][0] += r["text"] in ours
                    actions[doc.format][1] += r["text"] in lines
                    actions[doc.format][2] += 1
    print("| format | documents | rows found exactly | action texts found | plain extraction, action texts as lines | ratio | reading s |")
    print("|---|---|---|---|---|---|---|")
    counts = defaultdict(int)
    for doc in zoo():
        counts[doc.format] += 1
    for fmt in sorted(found):
        hit, total = found[fmt]
        a, ref, n = actions[fmt]
        ratio = f"{a / ref:.2f}" if ref else "-"
        print(f"| {fmt} | {counts[fmt]} | {hit}/{total} ({hit / max(total, 1):.0%}) | {a}/{n} ({a / max(n, 1):.0%}) "
              f"| {ref}/{n} ({ref / max(n, 1):.0%}) | {ratio} | {seconds[fmt]:.2f} |")
    hit, total = sum(v[0] for v in found.values()), sum(v[1] for v in found.values())
    print(f"\nall formats: {hit} of {total} expected rows found exactly ({hit / max(total, 1):.1%}); goal: all of them")
    for miss in misses:
        print(f"  {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
