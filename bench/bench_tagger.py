"""Speed and memory of the theme tagger beside spaCy's blank tokenizer and textcat_multilabel.

Run from the repository root: ``python bench/bench_tagger.py [--n 10000] [--write bench/RESULTS.md]``.
Every figure is measured in this run, on this machine; the ratios are the figures that count.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from texts import measure_texts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def rate(fn, texts) -> tuple[float, float]:
    start = time.perf_counter()
    fn(texts)
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return len(texts) / seconds, words / seconds


def forget_caches(*taggers) -> None:
    """Empty the per-word caches that a long run fills, so that a timing starts cold."""
    from luktheme import analysis

    analysis._FORMS_CACHE.clear()
    analysis._ANALYSED.clear()  # the per-text analysis cache: a repeated text must be analysed again
    for tagger in taggers:
        tagger.classifier.vectorizer_.char_.grams.clear()
    ann = analysis.pipeline_for("lemma").get_pipe("luktheme_lexicon")
    ann.reset_cache()
    for cached in (ann.lexicon._analyse, ann.lexicon._parts, ann.lexicon._by_analogy):
        cached.cache_clear()


def child(code: str) -> dict:
    """Run ``code`` in a fresh interpreter: wall time and peak memory (MB) of that process."""
    # Peak memory from /proc (VmHWM): ru_maxrss survives exec on Linux, so a child would report its parent's.
    wrapped = ("import time, json, re\nstart = time.perf_counter()\n" + code +
               "\nhwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)"
               "\nprint(json.dumps({'seconds': time.perf_counter() - start, 'peak_mb': int(hwm) / 1024}))")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True, cwd=ROOT, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - start
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--write", help="write the figures as Markdown to this file")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds; the best of them counts")
    args = parser.parse_args()

    import spacy

    import luktheme
    from luktheme.baselines import SpacyTextcat
    from luktheme.corpus import label_matrix

    texts = measure_texts(args.n)
    examples = luktheme.read_examples(ROOT / "data")
    train_texts = [e.text for e in examples]
    Y = label_matrix([e.labels for e in examples])

    tagger = luktheme.load()
    # The same rows with the tokenizer's words instead of the pipeline's lemmas (the faster option).
    fast_tagger = luktheme.train(examples, analysis="blank")
    blank = spacy.blank("nb")
    textcat = SpacyTextcat("ensemble", epochs=1).fit(train_texts[:200], Y[:200])  # speed does not depend on training
    textcat_nlp = textcat.nlp_

    for t in (tagger, fast_tagger):
        t("Kurs i planstrategi for kommunane.")  # load the analysis pipeline before the clock runs
    runs = {
        "tagger": lambda ts: list(tagger.pipe(ts, batch_size=256)),
        "fast": lambda ts: list(fast_tagger.pipe(ts, batch_size=256)),
        "tok": lambda ts: list(blank.pipe(ts, batch_size=256)),
        "cat": lambda ts: list(textcat_nlp.pipe(ts, batch_size=256)),
    }
    # The machine's speed drifts between seconds: the pipelines take turns, each
    # run starts from cold caches, and the best of the rounds counts.
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for name, fn in runs.items():
            forget_caches(tagger, fast_tagger)
            got = rate(fn, texts)
            if name not in best or got[0] > best[name][0]:
                best[name] = got
    tagger_rate, fast_rate, tok_rate, cat_rate = best["tagger"], best["fast"], best["tok"], best["cat"]

    cold = child("import luktheme\nluktheme.load()('Kurs i planstrategi for kommunane.')")
    with tempfile.TemporaryDirectory() as tmp:
        fast_tagger.save(Path(tmp) / "blank-model")
        cold_blank = child(f"import luktheme\nluktheme.load({str(Path(tmp) / 'blank-model')!r})('Kurs i planstrategi for kommunane.')")
    train_ours = child("import luktheme\nluktheme.train(luktheme.read_examples('data'))")
    train_spacy = child("import luktheme\nfrom luktheme.baselines import SpacyTextcat\n"
                        "from luktheme.corpus import label_matrix\nrows = luktheme.read_examples('data')\n"
                        "SpacyTextcat('ensemble').fit([r.text for r in rows], label_matrix([r.labels for r in rows]))")
    cold_spacy = child("import spacy\nnlp = spacy.blank('nb')\nnlp.add_pipe('textcat_multilabel')\n"
                       "nlp.get_pipe('textcat_multilabel').add_label('x')\nnlp.initialize()\nnlp('Kurs i planstrategi')")

    lines = [
        "# Benchmarks", "", f"Machine: {machine()}.", f"Texts: {len(texts):,} unique synthetic measure-like texts "
        f"({sum(len(t.split()) for t in texts) / len(texts):.1f} words each). One process; the pipelines take "
        f"turns, each run from cold caches, best of {args.rounds} rounds.", "",
        "## Tagging throughput", "", "| pipeline | texts/s | words/s | ratio to textcat_multilabel |", "|---|---|---|---|",
        f"| luktheme `tagger.pipe` (bundled model: lemmas and compound parts) | {tagger_rate[0]:,.0f} | "
        f"{tagger_rate[1]:,.0f} | {tagger_rate[0] / cat_rate[0]:.2f} |",
        f"| luktheme `tagger.pipe`, `analysis=\"blank\"` (tokenizer words) | {fast_rate[0]:,.0f} | "
        f"{fast_rate[1]:,.0f} | {fast_rate[0] / cat_rate[0]:.2f} |",
        f"| spaCy `textcat_multilabel` (default ensemble), `nlp.pipe` | {cat_rate[0]:,.0f} | {cat_rate[1]:,.0f} | 1.00 |",
        f"| bare `spacy.blank(\"nb\")` tokenizer | {tok_rate[0]:,.0f} | {tok_rate[1]:,.0f} | "
        f"{tok_rate[0] / cat_rate[0]:.2f} |", "",
        "## Start-up, training, memory (each in a fresh process)", "", "| what | seconds | peak memory (MB) |",
        "|---|---|---|",
        f"| cold start: `import luktheme; luktheme.load()('tekst')` | {cold['wall']:.2f} | {cold['peak_mb']:.0f} |",
        f"| cold start, a model with `analysis=\"blank\"` | {cold_blank['wall']:.2f} | {cold_blank['peak_mb']:.0f} |",
        f"| cold start: spaCy blank + untrained textcat_multilabel | {cold_spacy['wall']:.2f} | {cold_spacy['peak_mb']:.0f} |",
        f"| train luktheme on data/ ({len(examples)} rows, with inner threshold folds) | {train_ours['seconds']:.1f} | "
        f"{train_ours['peak_mb']:.0f} |",
        f"| train spaCy textcat_multilabel (ensemble, 10 epochs) on the same rows | {train_spacy['seconds']:.1f} | "
        f"{train_spacy['peak_mb']:.0f} |",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        Path(args.write).write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
