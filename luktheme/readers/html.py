"""Web pages (``.html``, ``.htm``, ``.xhtml``): the visible text only.

Scripts, styles, navigation, headers, footers, forms and hidden elements are
dropped; ``<main>`` (or a single ``<article>``) is read on its own when the
page has one. BeautifulSoup (with lxml) gets the bytes, so the page's own
charset declaration decides the encoding.
"""

from __future__ import annotations

import re
from pathlib import Path

from .block import Block
from .lines import lines_to_blocks, clean_text
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


class _HtmlWalker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []

    def flush(self, kind: str = "text") -> None:
        text = "".join(self.buf)
        self.buf = []
        if not text.strip():
            return
        if kind == "text":
            self.blocks.extend(lines_to_blocks(text.split("\n")))
        else:
            text = clean_text(text)
            if text:
                self.blocks.append(Block(kind, text))

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
                self.walk(child, inline_only=True)
            elif name in _HTML_HEADINGS:
                self.flush(kind)
                text = self.text_of(child)
                if text:
                    self.blocks.append(Block("heading", text))
            elif name == "li":
                self.flush(kind)
                self.walk(child, kind="bullet")
                self.flush("bullet")
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
