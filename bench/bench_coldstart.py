"""Cold start: a fresh process that imports luktheme, loads the bundled model and tags one text,
against a fresh process that only imports spaCy and scikit-learn and runs a blank Norwegian pipeline.

Run from the repository root: ``python bench/bench_coldstart.py [--pairs 7]``. The two are timed in
alternating pairs in this run, on this machine; the ratio of the medians is the figure that counts.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Arrangere årlege kurs i planstrategi for kommunane."
LUKTHEME = f"import luktheme; luktheme.load()({TEXT!r})"
REFERENCE = f"import spacy, sklearn.linear_model, sklearn.feature_extraction.text; spacy.blank('nb')({TEXT!r})"


def seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7, help="alternating pairs of runs (default: 7)")
    args = parser.parse_args()
    seconds(LUKTHEME), seconds(REFERENCE)  # warm the file cache once
    ours, ref = [], []
    for _ in range(args.pairs):
        ours.append(seconds(LUKTHEME))
        ref.append(seconds(REFERENCE))
    a, b = statistics.median(ours), statistics.median(ref)
    print(f"luktheme: import, load, tag one text   median {a:.2f} s  (runs {', '.join(f'{x:.2f}' for x in ours)})")
    print(f"reference: import spaCy + sklearn, blank nb  median {b:.2f} s  (runs {', '.join(f'{x:.2f}' for x in ref)})")
    print(f"ratio {a / b:.2f}x (goal: at most 1.0x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
