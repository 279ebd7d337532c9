"""Benchmark reading, segmenting and tagging plan documents.

Generates (in a temporary folder, or ``--out``):

* a 100-page plan PDF: chapters with headings, running text, bullet lists of
  measures or a table of them, a running header and page numbers;
* a folder of 200 documents: 50 each of PDF (2-4 pages), DOCX and HTML, 25
  each of ``.txt`` and ``.md``.

and prints pages/s and measures/s for reading, segmenting and tagging
separately, the end-to-end time for the 100-page PDF (goal: under 10 s), and
the speed of reading + segmenting relative to pypdf's plain text extraction
of the same PDF, measured in the same run (goal: at least 0.5).

Run::

    python bench/bench_documents.py              # about a minute on two cores
    python bench/bench_documents.py --compare    # also pdfplumber, if installed
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from luktheme.seed import read_seed  # noqa: E402

HEADER = "Kommuneplanens samfunnsdel 2024–2036 | Eksempel kommune"
OPENERS = ["Kommunen skal", "Vi vil", "Fylkeskommunen skal i samarbeid med kommunene", "Planen legger opp til å"]


def plan_content(seed: int = 7) -> list[list[tuple[str, str]]]:
    """Chapters of (kind, text): one heading, goals as running text, then measures as bullets."""
    units = read_seed()
    goals = [u.text for u in units if u.kind == "mål"]
    measures = [u.text for u in units if u.kind == "tiltak"]
    rng = random.Random(seed)
    chapters = []
    for n in range(1, 400):
        chapter = [("heading", f"{n // 4 + 1}.{n % 4 + 1} Satsingsområde {n}: {rng.choice(measures).split()[0]}")]
        chapter.append(("para", " ".join(rng.sample(goals, 2))))
        chapter.append(("para", f"{rng.choice(OPENERS)}:"))
        if n % 4 == 0:  # a handlingsprogram table instead of a list
            chapter += [("row", m) for m in rng.sample(measures, 4)]
        else:
            chapter += [("bullet", m) for m in rng.sample(measures, 7)]
        chapter.append(("para", rng.choice(goals)))
        chapters.append(chapter)
    return chapters


def write_plan_pdf(path: Path, chapters: list[list[tuple[str, str]]], pages: int) -> Path:
    """One chapter per page, so the page count is exact."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=9.5, leading=12)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4)
    story = []
    for i in range(pages):
        chapter = chapters[i % len(chapters)]
        rows = [[Paragraph(escape(text), body), "Kommunen", f"{2025 + k}"]
                for k, (kind, text) in enumerate(chapter) if kind == "row"]
        if rows:
            table = Table([["Tiltak", "Ansvar", "År"], *rows], colWidths=[300, 90, 50])
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        for kind, text in chapter:
            if kind == "row":
                if rows:
                    story.append(table)
                    rows = None
            elif kind == "heading":
                story.append(Paragraph(escape(text), styles["Heading2"]))
            elif kind == "bullet":
                story.append(Paragraph(escape(text), bullet, bulletText="•"))
            else:
                story.append(Paragraph(escape(text), body))
        if i < pages - 1:
            story.append(PageBreak())

    def furniture(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(56, A4[1] - 34, HEADER)
        canvas.drawRightString(A4[0] - 56, 24, f"Side {doc.page} av {pages}")
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4, topMargin=56, bottomMargin=56).build(
        story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def write_docx(path: Path, chapters) -> None:
    import docx

    d = docx.Document()
    for chapter in chapters:
        for kind, text in chapter:
            if kind == "heading":
                d.add_heading(text, level=2)
            elif kind in ("bullet", "row"):
                d.add_paragraph(text, style="List Bullet")
            else:
                d.add_paragraph(text)
    d.save(str(path))


def write_html(path: Path, chapters) -> None:
    parts = ["<html><head><meta charset='utf-8'><script>var x=1;</script></head><body><nav>Meny</nav><main>"]
    for chapter in chapters:
        items = []
        for kind, text in chapter:
            if kind in ("bullet", "row"):
                items.append(f"<li>{escape(text)}</li>")
                continue
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
                items = []
            parts.append(f"<h2>{escape(text)}</h2>" if kind == "heading" else f"<p>{escape(text)}</p>")
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append("</main><footer>Til toppen</footer></body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def write_text(path: Path, chapters, markdown: bool) -> None:
    lines = []
    for chapter in chapters:
        for kind, text in chapter:
            if kind == "heading":
                lines += [("## " if markdown else "") + text, ""]
            elif kind in ("bullet", "row"):
                lines.append(("- " if markdown else " • ") + text)
            else:
                lines += ["", text, ""]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def make_folder(folder: Path, chapters) -> int:
    """200 documents; returns the number of PDF pages in it."""
    rng = random.Random(11)
    folder.mkdir(parents=True, exist_ok=True)
    pdf_pages = 0
    for i in range(200):
        pick = rng.sample(chapters, rng.randint(2, 4))
        kind = ("pdf", "docx", "html", "txt", "md", "pdf", "docx", "html")[i % 8]
        path = folder / f"{kind}" / f"plan-{i:03d}.{kind}"
        path.parent.mkdir(exist_ok=True)
        if kind == "pdf":
            write_plan_pdf(path, pick, len(pick))
            pdf_pages += len(pick)
        elif kind == "docx":
            write_docx(path, pick)
        elif kind == "html":
            write_html(path, pick)
        else:
            write_text(path, pick, markdown=kind == "md")
    return pdf_pages


def best_of(repeat: int, fn):
    best, value = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the generated documents in this folder")
    parser.add_argument("--repeat", type=int, default=3, help="timings are the best of this many runs")
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--compare", action="store_true", help="also time pdfplumber (if installed)")
    parser.add_argument("--skip-folder", action="store_true", help="only the one large PDF")
    args = parser.parse_args(argv)

    import pypdf

    import luktheme
    from luktheme.documents import tag_documents
    from luktheme.readers import read_blocks
    from luktheme.segments import segment, sentence_nlp

    work = args.out or Path(tempfile.mkdtemp(prefix="luktheme-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    chapters = plan_content()
    pdf = write_plan_pdf(work / "plan-100.pdf", chapters, args.pages)
    n_pages = len(pypdf.PdfReader(str(pdf)).pages)

    t = time.perf_counter()
    nlp = sentence_nlp()
    t_nlp = time.perf_counter() - t
    t = time.perf_counter()
    tagger = luktheme.load()
    t_model = time.perf_counter() - t
    print(f"startup (once per process): sentence pipeline {t_nlp:.2f} s ({', '.join(nlp.pipe_names)}), "
          f"model {t_model:.2f} s")

    def plain():
        return [p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages]

    t_plain, _ = best_of(args.repeat, plain)
    t_read, blocks = best_of(args.repeat, lambda: read_blocks(pdf))
    t_seg, segments = best_of(args.repeat, lambda: segment(blocks, file=str(pdf), nlp=nlp))
    texts = [s.text for s in segments]
    t_tag, _ = best_of(args.repeat, lambda: list(tagger.pipe(texts)))
    t_total, df = best_of(1, lambda: tag_documents([pdf], model=tagger, progress=False))
    n = len(segments)
    ratio = (n_pages / (t_read + t_seg)) / (n_pages / t_plain)
    print(f"\n{n_pages}-page PDF, {n} measures ({sum(s.kind == 'bullet' for s in segments)} bullets, "
          f"{sum(s.kind == 'row' for s in segments)} table rows, {sum(s.kind == 'sentence' for s in segments)} "
          "sentences)")
    print(f"  {'stage':34s} {'seconds':>8s} {'pages/s':>9s} {'measures/s':>11s}")
    for label, secs in [("pypdf plain extract_text (baseline)", t_plain), ("reading (read_blocks)", t_read),
                        ("segmenting (segment)", t_seg), ("tagging (tagger.pipe)", t_tag),
                        ("end to end (tag_documents)", t_total)]:
        print(f"  {label:34s} {secs:8.2f} {n_pages / secs:9.1f} {n / secs:11.0f}")
    want = [(k, t) for i in range(n_pages) for k, t in chapters[i % len(chapters)] if k in ("bullet", "row")]
    got = [(s.kind, s.text.split(" | ")[0]) for s in segments if s.kind in ("bullet", "row")]
    print(f"  bullets and table rows read back exactly: {sum(a == b for a, b in zip(want, got))} of {len(want)}"
          f"{'' if len(got) == len(want) else f' (found {len(got)})'}")
    print(f"  reading+segmenting speed / pypdf plain speed = {ratio:.2f} (goal >= 0.50)")
    print(f"  100-page PDF tagged end to end in {t_total:.2f} s (goal < 10 s)")

    if args.compare:
        try:
            import pdfplumber
        except ImportError:
            print("  pdfplumber is not installed; skipped")
        else:
            def plumber():
                with pdfplumber.open(str(pdf)) as doc:
                    return [p.extract_text() for p in doc.pages]

            t_pl, _ = best_of(1, plumber)
            print(f"  {'pdfplumber extract_text':34s} {t_pl:8.2f} {n_pages / t_pl:9.1f}")

    if not args.skip_folder:
        folder = work / "folder"
        pdf_pages = make_folder(folder, chapters) if not folder.exists() else None
        from luktheme.readers import find_documents

        files, _, _ = find_documents([folder])
        t = time.perf_counter()
        all_blocks = [read_blocks(f) for f in files]
        t_read = time.perf_counter() - t
        t = time.perf_counter()
        all_segments = [segment(b, file=str(f), nlp=nlp) for f, b in zip(files, all_blocks)]
        t_seg = time.perf_counter() - t
        texts = [s.text for segs in all_segments for s in segs]
        t = time.perf_counter()
        list(tagger.pipe(texts))
        t_tag = time.perf_counter() - t
        n = len(texts)
        print(f"\nfolder of {len(files)} documents, {n} measures"
              + (f", {pdf_pages} PDF pages" if pdf_pages else ""))
        print(f"  {'stage':34s} {'seconds':>8s} {'docs/s':>9s} {'measures/s':>11s}")
        for label, secs in [("reading", t_read), ("segmenting", t_seg), ("tagging", t_tag)]:
            print(f"  {label:34s} {secs:8.2f} {len(files) / secs:9.1f} {n / secs:11.0f}")
        frames = {}
        for jobs in (1, 2):
            t = time.perf_counter()
            frames[jobs] = tag_documents([folder], model=tagger, jobs=jobs, progress=False)
            secs = time.perf_counter() - t
            print(f"  {f'tag_documents, jobs={jobs}':34s} {secs:8.2f} {len(files) / secs:9.1f} "
                  f"{len(frames[jobs]) / secs:11.0f}")
        print(f"  jobs=2 table identical to jobs=1: {frames[1].equals(frames[2])}")
    if args.out is None:
        print(f"\n(documents in {work})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
