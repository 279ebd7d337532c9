"""Web pages (``.html``, ``.htm``, ``.xhtml``): the visible text only.

Scripts, styles, navigation, headers, footers, forms and hidden elements are
dropped; ``<main>`` (or a single ``<article>``) is read on its own when the
page has one. BeautifulSoup (with lxml) gets the bytes, so the page's own
charset declaration decides the encoding.

A heading's level is that of its tag (``<h1>`` is 1). An item of an ordered list gets the number
a browser shows ("3.", "b.", "iv."), counting from the list's ``start`` in its ``type``, or from
an item's ``value``; items of nested lists are items of their own. A table whose header row
(``<thead>``, or the first row) names action-plan columns gives one measure row per body row,
a cell spanning rows (``rowspan``) holding for each row it spans.
"""

from __future__ import annotations

import re
from pathlib import Path

from .block import Block
from .columns import column_roles
from .lines import clean_text, lines_to_blocks
from .outline import action_table, format_counter, heading_number
from .text import _text_bytes

_HTML_DROP = frozenset({
    "script", "style", "noscript", "template", "nav", "footer", "form", "button", "select", "option",
    "iframe", "svg", "canvas", "object", "embed", "audio", "video", "map", "dialog", "head", "title",
    "meta", "link", "input", "textarea", "aside",
})
_HTML_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog"})
_HTML_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "address", "figure", "figcaption",
    "dd", "dt", "dl", "ul", "ol", "body", "html", "center", "details", "summary", "hgroup", "fieldset",
    "caption", "legend",
})
_HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: Class or id names of page furniture that sites mark only by name.
_FURNITURE_NAMES = re.compile(
    r"(?:^|[-_ ])(?:cookies?|consent|breadcrumbs?|skip-?link|share|social|sr-only|visually-hidden|"
    r"screen-reader-text|navbar|site-header|site-footer|page-footer)(?:$|[-_ ])", re.I)


def _html_hidden(tag) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") in _HTML_ROLES:
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    names = " ".join([*(attrs.get("class") or []), attrs.get("id") or ""])
    return bool(names.strip() and _FURNITURE_NAMES.search(names))


def _int_attr(tag, name: str) -> int | None:
    try:
        return int(str(tag.get(name, "")).strip())
    except ValueError:
        return None


class _ListCounter:
    """The numbers of one ``<ul>`` or ``<ol>``, as a browser counts them."""

    def __init__(self, tag) -> None:
        self.ordered = tag.name == "ol"
        self.type = str(tag.get("type") or "1").strip()
        self.step = -1 if tag.has_attr("reversed") else 1
        start = _int_attr(tag, "start")
        if start is None and self.step < 0:
            start = len([li for li in tag.find_all("li") if li.find_parent(("ol", "ul")) is tag])
        self.next_value = 1 if start is None else start

    def number(self, li) -> str | None:
        if not self.ordered:
            return None
        value = _int_attr(li, "value")
        value = self.next_value if value is None else value
        self.next_value = value + self.step
        style = str(li.get("type") or self.type).strip()
        return f"{format_counter(value, style if style in ('1', 'a', 'A', 'i', 'I') else '1')}."


_INLINE_BREAKS = _HTML_BLOCKS | _HTML_HEADINGS | {"li", "tr", "td", "th"}


class _HtmlWalker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.lists: list[_ListCounter] = []
        self.number: str | None = None  # the number of the list item being read, until its text is out
        self.level = 0  # the level of the last heading, for group labels in tables

    def flush(self, kind: str = "text") -> None:
        text = "".join(self.buf)
        self.buf = []
        if not text.strip():
            return
        if kind == "text":
            self.blocks.extend(lines_to_blocks(text.split("\n"), numbers=True))
        else:
            text = clean_text(text)
            if text:
                self.blocks.append(Block(kind, text, number=self.number if kind == "bullet" else None))
                if kind == "bullet":
                    self.number = None

    def text_of(self, tag) -> str:
        sub = _HtmlWalker()
        sub.walk(tag, inline_only=True)
        return clean_text("".join(sub.buf))

    def walk(self, node, inline_only: bool = False, kind: str = "text") -> None:
        from bs4 import Comment, NavigableString, Tag

        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment) and child.__class__.__name__ in ("NavigableString", "CData"):
                    self.buf.append(str(child).replace("\n", " "))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in _HTML_DROP or _html_hidden(child):
                continue
            if name == "header" and child.find_parent(("article", "main")) is None:
                continue  # the site header; an article's own header holds its title
            if name == "br":
                self.buf.append("\n")
            elif inline_only:
                # A cell's paragraphs and items are separate words, even when the source has no space.
                spaced = name in _INLINE_BREAKS
                if spaced:
                    self.buf.append(" ")
                self.walk(child, inline_only=True)
                if spaced:
                    self.buf.append(" ")
            elif name in _HTML_HEADINGS:
                self.flush(kind)
                text = self.text_of(child)
                if text:
                    self.level = int(name[1])
                    self.blocks.append(Block("heading", text, level=self.level, number=heading_number(text)))
            elif name in ("ul", "ol", "menu"):
                self.flush(kind)
                self.lists.append(_ListCounter(child))
                self.walk(child, kind=kind)
                self.lists.pop()
                self.flush(kind)
            elif name == "li":
                self.flush(kind)
                self.number = self.lists[-1].number(child) if self.lists else None
                self.walk(child, kind="bullet")
                self.flush("bullet")
                self.number = None
            elif name == "table":
                self.flush(kind)
                self.table(child)
            elif name in _HTML_BLOCKS or name == "header":
                self.flush(kind)
                self.walk(child, kind=kind)
                self.flush(kind)
            else:
                self.walk(child, kind=kind)

    def table(self, table) -> None:
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        if self.action_plan(table, rows):
            return
        for tr in rows:
            cells = [c for c in tr.find_all(("td", "th")) if c.find_parent("tr") is tr]
            if not cells:
                continue
            if all(c.name == "th" for c in cells) and len(cells) > 1:
                continue  # a header row names the columns; it is no measure
            texts = [self.text_of(c) for c in cells]
            if len(texts) == 1:
                self.walk(cells[0])  # a one-cell table is a layout frame: read it as text
                self.flush()
                continue
            text = " | ".join(t for t in texts if t)
            if text:
                self.blocks.append(Block("row", text))

    def grid(self, rows) -> list[tuple[list[str], bool]]:
        """The rows on the table's column grid, with whether a row is one cell across the table.

        ``colspan`` widens a cell (its text in the first column it covers); ``rowspan`` carries
        a cell down into the rows it spans, where it holds for each of them.
        """
        out: list[tuple[list[str], int]] = []
        carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to cover)
        for tr in rows:
            cells: list[str] = []
            count = 0

            def carry() -> None:
                while len(cells) in carried:
                    text, left = carried.pop(len(cells))
                    if left > 1:
                        carried[len(cells)] = (text, left - 1)
                    cells.append(text)

            for cell in [c for c in tr.find_all(("td", "th")) if c.find_parent("tr") is tr]:
                carry()
                text = self.text_of(cell)
                span = max(1, min(_int_attr(cell, "colspan") or 1, 100))
                down = _int_attr(cell, "rowspan")
                down = len(rows) if down == 0 else max(1, min(down or 1, len(rows)))
                for k in range(span):
                    if down > 1:
                        carried[len(cells)] = (text if k == 0 else "", down - 1)
                    cells.append(text if k == 0 else "")
                count += 1
            carry()
            out.append((cells, count))
        width = max((len(cells) for cells, _ in out), default=0)
        return [(cells + [""] * (width - len(cells)),
                 count == 1 and width > 1 and bool(cells[0]) and not any(cells[1:])) for cells, count in out]

    def action_plan(self, table, rows) -> bool:
        """Read a table whose header row names action-plan columns; False if it has none."""
        grid = self.grid(rows)
        filled = [(tr, cells, spanning) for tr, (cells, spanning) in zip(rows, grid) if any(cells)]
        if not filled:
            return False
        head = [i for i, (tr, _, _) in enumerate(filled) if tr.find_parent("thead") is not None]
        # The header is the last row of <thead> (a caption row may stand above it), else the first row.
        at = head[-1] if head else 0
        if column_roles(filled[at][1]) is None:
            return False
        header = filled[at][1]
        for _, cells, _ in filled[:at]:
            self.blocks.extend(lines_to_blocks([" ".join(c for c in cells if c)]))
        for tr, cells, spanning in filled[at + 1:]:
            if spanning:
                # A label across the table groups the rows below it, a level under the table's section.
                self.blocks.append(Block("heading", cells[0], level=self.level + 1, number=heading_number(cells[0])))
                continue
            self.blocks.extend(action_table(header, [cells]) or [])
        return True


def _html_blocks(data: bytes) -> list[Block]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    root = soup.find("main")
    if root is None:
        articles = soup.find_all("article")
        root = articles[0] if len(articles) == 1 else (soup.body or soup)
    walker = _HtmlWalker()
    walker.walk(root)
    walker.flush()
    return walker.blocks


def read_html(path: Path) -> list[Block]:
    """Read a web page into blocks.

    :func:`luktheme.readers.read_blocks` checks the file before it calls this.

    Parameters
    ----------
    path : Path
        A ``.html``, ``.htm`` or ``.xhtml`` file.

    Returns
    -------
    list of Block

    Raises
    ------
    DocumentError
        If the bytes are not text (see :func:`luktheme.readers.text.check_is_text`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.html"
    >>> _ = f.write_text("<nav>Meny</nav><h2>Bolyst</h2><ul><li>Lage velkomstpakke</li></ul>")
    >>> [(b.kind, b.text) for b in read_html(f)]
    [('heading', 'Bolyst'), ('bullet', 'Lage velkomstpakke')]
    """
    return _html_blocks(_text_bytes(path))
