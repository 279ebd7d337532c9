"""PDF page furniture: running headers and footers, page numbers, footnotes and tables of contents.

None of these is a measure, and each would break the text it interrupts: a page
footer between the two halves of a paragraph, a page number in the margin beside
a line, the notes at the foot of a page. They are known by their place on the page
and by how they repeat from page to page, never by their wording.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import LEADER, clean_text
from .pdf_layout import Line

#: Share of the page height at the top and bottom where running headers and footers sit.
MARGIN_ZONE = 0.08

PAGE_NUMBER = re.compile(
    r"^(?:side|s\.|page|p\.|sida)?\s*[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:av|/|of|\|)\s*\d{1,4})?$", re.I)
_EDGE_NUMBER = re.compile(r"^\s*(\d{1,4})\b|\b(\d{1,4})\s*$")
#: The start of a footnote: its number or sign, then the note.
_NOTE_START = re.compile(r"^\s*(?:\d{1,3}|[*†‡])(?:\s|(?=[A-ZÆØÅ]))")


def _norm_repeat(text: str) -> str:
    return re.sub(r"\d+", "#", clean_text(text).casefold())


def _edge_numbers(text: str) -> set[int]:
    return {int(a or b) for a, b in _EDGE_NUMBER.findall(text)}


def body_size(pages: list[list[Line]]) -> float:
    """The font size most characters of the document are set in."""
    sizes: Counter = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def drop_margins(pages: list[list[Line]], boxes: list[tuple[float, float, float, float]]) -> list[list[Line]]:
    """Remove running headers, footers and page numbers.

    Candidates are the two top and two bottom lines of a page that lie in the
    page's margin zone (:data:`MARGIN_ZONE` of its height). A candidate goes if
    it is a page number ("12", "Side 3 av 40"), is set smaller than the body
    text (which also catches the header of a one-page document), if, with
    digits masked, the same text is a candidate on three pages (two in a
    document of up to three pages, or two pages of the same side: books put the
    title on even pages and the chapter on odd ones), if it starts or ends with
    a number that keeps step with the page on as many pages, or if it stands
    apart from the body in a slot (the same height on the page) that holds such
    a line on at least half of the pages, whatever its text. A bare page number
    also goes when it sits beside the text block rather than under it.
    """
    def edges(lines: list[Line], box) -> set[int]:
        _, bottom, _, top = box
        zone = (top - bottom) * MARGIN_ZONE
        ys = sorted({round(ln.y) for ln in lines})
        extreme = set(ys[-2:]) | set(ys[:2])
        return {i for i, ln in enumerate(lines)
                if round(ln.y) in extreme and (ln.y >= top - zone or ln.y <= bottom + zone)}

    cand = [edges(lines, box) for lines, box in zip(pages, boxes)]
    body = body_size(pages)
    small = body * 0.9
    counts: Counter = Counter()
    sides: Counter = Counter()
    offsets: Counter = Counter()
    slots: Counter = Counter()
    for number, (lines, idx) in enumerate(zip(pages, cand), start=1):
        counts.update({_norm_repeat(lines[i].text) for i in idx})
        sides.update({(number % 2, _norm_repeat(lines[i].text)) for i in idx})
        offsets.update({number - n for i in idx for n in _edge_numbers(lines[i].text)})
        slots.update({round(lines[i].y) for i in idx if _apart(lines, i, body)})
    # Chapter-wise running headers ("Kapittel 3: Bolyst") repeat on fewer than half the pages.
    need = 2 if len(pages) <= 3 else 3
    # A running header that carries the page number ("Chapter 2: Bolyst 3") shows as a
    # number that keeps step with the physical page.
    steps = {off for off, c in offsets.items() if c >= need}
    slot_need = max(2, (len(pages) + 1) // 2)
    out = []
    for number, (lines, idx, box) in enumerate(zip(pages, cand, boxes), start=1):
        left, right = _text_block(lines, idx)
        keep = []
        for i, ln in enumerate(lines):
            text = clean_text(ln.text)
            if i in idx:
                norm = _norm_repeat(ln.text)
                slot = sum(slots[y] for y in (round(ln.y) - 1, round(ln.y), round(ln.y) + 1))
                if (PAGE_NUMBER.match(text) or ln.size < small
                        or (len(pages) > 1 and counts[norm] >= need) or sides[(number % 2, norm)] >= 2
                        or any(number - n in steps for n in _edge_numbers(ln.text))
                        or (slot >= slot_need and _apart(lines, i, body))):
                    continue
            elif PAGE_NUMBER.match(text) and (ln.end < left or ln.x > right) \
                    and any(number - n in steps | {0} for n in _edge_numbers(text)):
                continue  # a page number in the outer margin, beside the text
            keep.append(ln)
        out.append(keep)
    return out


def _apart(lines: list[Line], i: int, body: float) -> bool:
    # A running header or footer stands apart from the body by more than a paragraph's space,
    # and is never set larger than the body text (a chapter title at the top of a page is).
    ln = lines[i]
    if ln.size > 1.05 * body or len(ln.text.split()) > 14:
        return False
    gaps = [abs(o.y - ln.y) for o in lines if o is not ln and abs(o.y - ln.y) > 0.3 * ln.size]
    return not gaps or min(gaps) >= 2.2 * max(ln.size, body)


def _text_block(lines: list[Line], idx: set[int]) -> tuple[float, float]:
    # The left and right edges of the page's text block, from its body lines.
    body = [ln for i, ln in enumerate(lines) if i not in idx and len(ln.text) > 3]
    if not body:
        return float("-inf"), float("inf")
    return min(ln.x for ln in body), max(ln.end for ln in body)


def drop_footnotes(lines: list[Line], body: float) -> list[Line]:
    """Remove the footnotes at the foot of a page.

    Footnotes are the run of lines at the bottom of the page, below every line of
    body text, set smaller than the body (at most nine tenths of its size), whose
    first line starts with a note number or sign (printed or as a superscript).

    Examples
    --------
    >>> body = [Line("Kommunen skal bygge boliger.", 72, 700, 10, False, 1, 300)]
    >>> note = [Line("1 Se kommuneplanens arealdel.", 72, 60, 8, False, 1, 200)]
    >>> [ln.text for ln in drop_footnotes(body + note, 10.0)]
    ['Kommunen skal bygge boliger.']
    """
    order = sorted(range(len(lines)), key=lambda i: lines[i].y)
    run: list[int] = []
    for i in order:
        ln = lines[i]
        if ln.size > 0.9 * body or ln.cells:
            break
        run.append(i)
    if not run or len(run) == len(lines):
        return lines
    # The run's lines from the top down; a note opens where a line starts with its number.
    top = [i for i in run if lines[i].noted or _NOTE_START.match(lines[i].text)]
    if not top:
        return lines
    first = max(top, key=lambda i: lines[i].y)
    cut = {i for i in run if lines[i].y <= lines[first].y}
    return [ln for i, ln in enumerate(lines) if i not in cut]


def is_toc_line(line: Line) -> bool:
    """A table-of-contents entry: dot leaders before a page number.

    Examples
    --------
    >>> is_toc_line(Line("2.1 Bolyst . . . . . . . 14", 72, 700, 10, False, 1))
    True
    """
    return bool(LEADER.search(line.text))


def drop_toc(lines: list[Line]) -> list[Line]:
    """Remove a table of contents whose page numbers stand in a column of their own.

    Such entries are lines whose last cell is a bare page number, the numbers right-aligned
    (ending at the same place) or left-aligned on three or more lines of the page.
    """
    tail = {}
    for i, ln in enumerate(lines):
        # An entry is a title and its page number; a table row has more cells.
        if ln.cells and len(ln.cells) == 2 and re.fullmatch(r"\d{1,3}", ln.cells[-1][1].strip()):
            tail[i] = ln
    if len(tail) < 3:
        return lines
    ends = Counter(round(ln.end) for ln in tail.values())
    starts = Counter(round(ln.cells[-1][0]) for ln in tail.values())
    end, n_end = ends.most_common(1)[0]
    start, n_start = starts.most_common(1)[0]
    if max(n_end, n_start) < 3:
        return lines
    drop = {i for i, ln in tail.items()
            if abs(ln.end - end) <= 2 and n_end >= 3 or abs(ln.cells[-1][0] - start) <= 2 and n_start >= 3}
    numbers = [int(lines[i].cells[-1][1]) for i in sorted(drop)]
    if any(b < a for a, b in zip(numbers, numbers[1:])):
        return lines  # page numbers of a contents list only grow
    return [ln for i, ln in enumerate(lines) if i not in drop]
