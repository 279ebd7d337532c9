"""PDF tables: rows of cells by column, and action-plan tables over several pages.

A table in a PDF is only text placed in columns. Lines that share a baseline
with column gaps between them (see :func:`luktheme.readers.pdf_layout.merge_baselines`)
start a table; the lines after it that start at one of its column edges are its
cells, wrapped cell text is joined, and a row ends where the first column starts
again. When the first row names the columns of an action plan (see
:func:`luktheme.readers.columns.column_roles`), every body row becomes a row
block with the measure cell as its text and the other cells by role; the header
repeated at the top of a page is skipped, and a row that goes on over a page
break (its first line on the new page carries no number and no new measure) is
joined to the row it continues.
"""

from __future__ import annotations

from .block import Block
from .columns import action_row, column_roles
from .lines import clean_text, ends_sentence, header_like, join_lines
from .pdf_layout import Line


def _key(cells: list[tuple[float, str]]) -> str:
    # A header line compared without its cell boundaries: a header cell wider than its column
    # may run into the next one on a page with few lines.
    return clean_text(" ".join(t for _, t in cells)).casefold()


class _Row:
    __slots__ = ("cells", "bold", "page", "new_page")

    def __init__(self, bold: bool, page: int, new_page: bool) -> None:
        self.cells: dict[int, list[str]] = {}
        self.bold = bold
        self.page = page
        self.new_page = new_page  # the first row of the table on a page after its first


class Table:
    """Rows of a table being read: cells by column, a column known by its left edge."""

    def __init__(self, line: Line) -> None:
        self.columns = [x for x, _ in line.cells]
        self.rows: list[_Row] = []
        self.page = line.page
        self.top = self.bottom = line.y
        self.header = _key(line.cells)
        self.fresh = False  # a page break was passed: the next line opens a row
        self.new_row(line)

    def column_of(self, x: float, tolerance: float = 3.0) -> int | None:
        best = min(range(len(self.columns)), key=lambda i: abs(self.columns[i] - x))
        return best if abs(self.columns[best] - x) <= tolerance else None

    def _continues(self, line: Line) -> bool:
        # The first line of the next page goes on with the table when its cells start at the
        # table's column edges: the repeated header, or a row, or the rest of a row in later columns.
        if line.page != self.page + 1:
            return False
        cells = line.cells or [(line.x, line.text)]
        cols = [self.column_of(x) for x, _ in cells]
        if any(c is None for c in cols):
            return False
        first = self.column_of(min(self.columns))
        return len(cells) >= 2 or cols[0] != first

    def takes(self, line: Line, leading: float, max_gap: float) -> bool:
        """Add ``line`` to the table if it belongs there; False ends the table.

        Producers draw a row cell by cell, each cell top down, so a line may go
        back up to the row's top for the next column. A line in the first
        column starts a new row once the row has text in another column, or
        after a gap wider than a line. The table goes on over a page break when
        the new page's first line starts at its column edges.
        """
        if line.page != self.page:
            if not self._continues(line):
                return False
            self.page = line.page
            if _key(line.cells or []) == self.header:
                self.fresh = True  # the header repeated at the top of the page
                self.top = self.bottom = line.y
            else:
                self.new_row(line, new_page=True)
            return True
        first = line.cells[0][0] if line.cells else line.x
        col = self.column_of(first)
        if col is None or line.y > self.top + 1 or self.bottom - line.y > 3 * leading:
            return False
        if self.fresh:
            self.fresh = False
            self.new_row(line, new_page=True)
            return True
        cells = self.rows[-1].cells
        first_col = col == self.column_of(min(self.columns))
        gap = self.bottom - line.y
        if line.y >= self.bottom - 0.5 or not first_col:
            self.add(line)
        elif gap > max_gap or any(c != col for c in cells) and not self._wraps(cells.get(col), line):
            self.new_row(line)
        else:
            self.add(line)
        return True

    @staticmethod
    def _wraps(lines: list[str] | None, line: Line) -> bool:
        # Producers that draw a table baseline by baseline put the wrapped text of the first
        # column under its start, after the row's other cells: it goes on in lower case from an
        # unfinished line, where a new row starts with a capital or a number.
        text = (line.cells[0][1] if line.cells else line.text).strip()
        return bool(lines) and text[:1].islower() and not ends_sentence(lines[-1])

    def new_row(self, line: Line, new_page: bool = False) -> None:
        self.rows.append(_Row(line.bold, line.page, new_page))
        self.top = line.y
        self.bottom = line.y
        self.add(line)

    def add(self, line: Line) -> None:
        row = self.rows[-1]
        for x, text in line.cells or [(line.x, line.text.strip())]:
            col = self.column_of(x)
            if col is None:
                self.columns.append(x)
                col = len(self.columns) - 1
            row.cells.setdefault(col, []).append(text)
        row.bold = row.bold and line.bold
        self.bottom = min(self.bottom, line.y)

    def _texts(self, row: _Row, order: list[int]) -> list[str]:
        return [clean_text(join_lines(row.cells[i])) if i in row.cells else "" for i in order]

    def blocks(self) -> list[Block]:
        """The table's rows as blocks: action-plan rows by role, other rows as cells joined by " | "."""
        rows = [r for r in self.rows if any(clean_text(" ".join(t)) for t in r.cells.values())]
        if not rows:
            return []
        head = rows[0]
        # The header's columns; a cell further right than a header edge (a centred or merged
        # cell) belongs to the header column it starts in.
        head_cols = sorted(head.cells, key=lambda i: self.columns[i])
        header = self._texts(head, head_cols)
        roles = column_roles(header) if len(rows) > 1 else None
        if roles is not None:
            return self._action_blocks(rows, head_cols, header, roles)
        return self._plain_blocks(rows)

    def _action_blocks(self, rows: list[_Row], head_cols: list[int], header: list[str],
                       roles: tuple[str | None, ...]) -> list[Block]:
        edges = [self.columns[i] for i in head_cols]

        def cells_of(row: _Row) -> list[str]:
            parts: list[list[str]] = [[] for _ in head_cols]
            for col in sorted(row.cells, key=lambda i: self.columns[i]):
                x = self.columns[col]
                k = max((j for j, e in enumerate(edges) if e <= x + 3), default=0)
                parts[k].extend(row.cells[col])
            return [clean_text(join_lines(p)) for p in parts]

        has_number = "number" in roles
        measure = roles.index("measure")
        body: list[tuple[list[str], int]] = []
        for row in rows[1:]:
            cells = cells_of(row)
            if [c.casefold() for c in cells] == [h.casefold() for h in header]:
                continue  # the header repeated at the top of a page
            if row.new_page and body:
                starts = cells[roles.index("number")] if has_number else cells[measure][:1].isupper()
                if not starts:
                    # The rest of the row the last page ended in.
                    prev, page = body[-1]
                    body[-1] = ([join_lines([a, b]) if a and b else a or b for a, b in zip(prev, cells)], page)
                    continue
            body.append((cells, row.page))
        out = []
        for cells, page in body:
            block = action_row(cells, roles, page)
            if block is not None:
                out.append(block)
        return out

    def _plain_blocks(self, rows: list[_Row]) -> list[Block]:
        order = sorted(range(len(self.columns)), key=lambda i: self.columns[i])
        texts = [[t for t in self._texts(r, order) if t] for r in rows]
        out = []
        for i, (row, cells) in enumerate(zip(rows, texts)):
            if not cells:
                continue
            rest = [c for t in texts[i + 1:] for c in t]
            if i == 0 and len(rows) > 1 and (row.bold or header_like(cells, rest)):
                continue  # the header row names the columns
            if i > 0 and row.new_page and cells == texts[0]:
                continue  # the header repeated at the top of a page
            out.append(Block("row", " | ".join(cells), row.page))
        return out
