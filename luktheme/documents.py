"""Read plan documents into text blocks: headings, list items, table rows and running text.

A *block* is the smallest unit whose structure the file itself tells:
a heading, one bullet or numbered item, one table row, or a paragraph of
running text. :mod:`luktheme.segments` turns blocks into measures.

Formats
-------
``.pdf``
    Read with pypdf. Text position and font size come from pypdf's text
    visitor, at the cost of plain extraction: the indentation tells a bullet's
    continuation lines from the paragraph after it, the font size and weight
    tell headings, and the top and bottom lines that repeat on most pages
    (page headers, footers, page numbers) are dropped. Words hyphenated over a
    line break are joined ("kompetanse-" + "heving"); suspended compounds keep
    their hyphen ("nærings- og samfunnsutvikling"). pypdf was chosen over
    pdfplumber by measurement: on a generated 62-page plan pdfplumber (pdfminer)
    took 9.4 s against pypdf's 0.9 s for the same text, so pdfplumber alone
    would miss the goal of reading at half of pypdf's plain speed.
``.docx``
    Paragraphs, list items (Word numbering or list styles) and table cells,
    in document order. Page headers and footers live in other parts of the
    file and are never read.
``.html``, ``.htm``, ``.xhtml``
    Visible text only: scripts, styles, navigation, headers, footers, forms
    and hidden elements are dropped; ``<main>`` (or a single ``<article>``)
    is read on its own when the page has one.
``.txt``, ``.md``, ``.markdown``
    UTF-8 (with or without BOM), UTF-16 with BOM, and the Windows-1252 /
    Latin-1 of older Norwegian documents, so "æøå" come out right.

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = f.write_text("Tiltak\\n\\nKommunen skal:\\n • Kartlegge boligbehovet.\\n", encoding="utf-8")
>>> [(b.kind, b.text) for b in read_blocks(f)]
[('heading', 'Tiltak'), ('text', 'Kommunen skal:'), ('bullet', 'Kartlegge boligbehovet.')]
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import DocumentError

#: File suffixes read, and the reader each uses.
SUPPORTED: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}

#: Suffixes people try often, with the way out.
_HINTS = {
    ".doc": "save it as .docx in Word",
    ".odt": "save it as .docx",
    ".rtf": "save it as .docx",
    ".pptx": "export the slides as PDF",
    ".xlsx": "save the sheet as CSV and tag its text column with `luktheme tag-text`",
    ".jpg": "run OCR first and save the text as PDF or .txt",
    ".png": "run OCR first and save the text as PDF or .txt",
    ".tif": "run OCR first and save the text as PDF or .txt",
    ".tiff": "run OCR first and save the text as PDF or .txt",
}

BLOCK_KINDS = ("heading", "bullet", "row", "text")


@dataclass(frozen=True)
class Block:
    """One structural piece of a document.

    Attributes
    ----------
    kind : str
        ``"heading"``, ``"bullet"`` (a bullet or numbered item, marker removed),
        ``"row"`` (a table row, cells joined by ``" | "``) or ``"text"`` (a
        paragraph of running text).
    text : str
        The text, NFC-normalized, with white space folded to single spaces.
    page : int or None
        The 1-based page (PDF only).
    """

    kind: str
    text: str
    page: int | None = None


# --------------------------------------------------------------------------- shared text rules

_BULLET_MARKS = "•◦▪▫■□●○·‣⁃∙◆◇►▶➢➤✓✔–—*+-"
#: A list marker at the start of a line: a bullet glyph, a dash, "1." / "1)" / "(1)" / "a)".
_MARKER = re.compile(
    r"^\s*(?:[" + re.escape(_BULLET_MARKS) + r"](?=\s)|\(?\d{1,2}[.)](?=\s)|\(?[a-zæøå][.)](?=\s))\s*"
)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st"})
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Glyphs without a Unicode mapping come out as control characters: noise in running text.
_INVISIBLE.update({c: " " for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"})
_SPACE = re.compile(r"\s+")
#: Words after which a line-final hyphen is a suspended compound ("nærings- og"), not a break.
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "enn", "til", "som", "and", "or", "and/or", "og/eller"})
_TERMINAL = ".!?:;"
#: A table-of-contents entry: dot leaders, then a page number.
LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\b|…{2,}\s*\d{1,4}\b")


def fold(text: str) -> str:
    """Normalize to NFC, undo typographic ligatures, drop invisible characters, fold white space.

    Examples
    --------
    >>> fold("  Kompetanse\\u00adheving\\n i   ﬁre  kommuner ")
    'Kompetanseheving i fire kommuner'
    """
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES).translate(_INVISIBLE)
    return _SPACE.sub(" ", text).strip()


def _is_mark_glyph(ch: str) -> bool:
    # A bullet drawn from a symbol font often has no Unicode mapping and comes out as a
    # control or private-use character (Word's Symbol bullet is U+F0B7), or as a dingbat.
    return unicodedata.category(ch) in ("Co", "Cc", "So") and ch not in "\t\n\r ©®°℗™"


def strip_marker(line: str) -> tuple[bool, str]:
    """Split a list marker off a line.

    Returns
    -------
    is_item : bool
        True if the line starts with a bullet, dash or item number.
    rest : str
        The line without its marker.

    Examples
    --------
    >>> strip_marker(" • Arrangere kurs.")
    (True, 'Arrangere kurs.')
    >>> strip_marker("2) Kartlegge behovet")
    (True, 'Kartlegge behovet')
    >>> strip_marker("Kommunen skal:")
    (False, 'Kommunen skal:')
    """
    s = line.lstrip()
    if s and _is_mark_glyph(s[0]) and (len(s) == 1 or s[1].isspace()):
        return True, s[1:].strip()
    m = _MARKER.match(line)
    if m:
        return True, line[m.end():].strip()
    return False, line.strip()


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph, undoing hyphenation at line ends.

    "kompetanse-" + "heving" gives "kompetanseheving"; "nærings-" + "og ..."
    keeps the suspended compound; "LUK-" + "arbeid" and "Nord-" + "Troms" keep
    the hyphen.

    Examples
    --------
    >>> join_lines(["tiltak for kompetanse-", "heving i regionen"])
    'tiltak for kompetanseheving i regionen'
    >>> join_lines(["regional nærings-", "og samfunnsutvikling"])
    'regional nærings- og samfunnsutvikling'
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif len(out) >= 2 and out[-1] in "-‐" and out[-2].isalnum() and line[:1].isalpha():
            prefix = out[:-1].rsplit(" ", 1)[-1]
            first = line.split(" ", 1)[0].casefold().rstrip(",.;:")
            if first in _CONJUNCTIONS:
                out = out + " " + line
            elif line[0].isupper() or prefix.isupper() or any(c.isdigit() for c in prefix):
                out = out + line
            else:
                out = out[:-1] + line
        else:
            out = out + " " + line
    return out


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" )»”\"'").endswith(tuple(_TERMINAL))


def _lines_to_blocks(lines: list[str], page: int | None = None) -> list[Block]:
    """Blocks of one plain-text paragraph: list items start at a marker, the rest is text."""
    blocks: list[Block] = []
    kind, parts = None, []

    def close() -> None:
        if parts:
            text = fold(join_lines(parts))
            if text:
                blocks.append(Block(kind, text, page))

    for line in lines:
        if not line.strip():
            continue
        item, rest = strip_marker(line)
        if item:
            close()
            kind, parts = "bullet", [rest]
        elif kind == "bullet" and (line[:1].isspace() or not _ends_sentence(parts[-1])):
            parts.append(rest)  # an indented or unfinished line continues the item
        elif kind == "text":
            parts.append(rest)
        else:
            close()
            kind, parts = "text", [rest]
    close()
    return blocks


# --------------------------------------------------------------------------- plain text


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("latin-1"), err.end


_LATIN1_FALLBACK = "luktheme-latin1"
codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


_MAGIC = ((b"%PDF", "a PDF; rename it to .pdf"), (b"PK\x03\x04", "a zip package (e.g. .docx); give it its "
          "real suffix"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x7fELF", "a program"), (b"MZ", "a Windows program"), (b"\xd0\xcf\x11\xe0", "an old Office file; "
          "save it as .docx"))


def check_is_text(data: bytes, path: str | os.PathLike) -> None:
    """Refuse bytes that are not text (a program, an image) behind a text file's name.

    Raises
    ------
    DocumentError
        Naming what the file seems to be.

    Examples
    --------
    >>> check_is_text(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "plan.txt")
    Traceback (most recent call last):
    ...
    luktheme.errors.DocumentError: plan.txt: not a text file: it looks like a PNG image. It was not read.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return
    what = next((name for magic, name in _MAGIC if data.startswith(magic)), None)
    if what is None:
        sample = data[:65536]
        # Text has no NUL bytes and almost no other control characters; binaries are full of them.
        controls = sum(sample.count(bytes([c])) for c in (*range(0, 9), 11, 14, *range(16, 27), *range(28, 32)))
        if b"\x00" in sample or controls > max(8, len(sample) // 100):
            what = "a binary file (a program, an image or a packed file)"
    if what is not None:
        raise DocumentError(f"{path}: not a text file: it looks like {what}. It was not read.")


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252.

    Windows-1252 is tried after UTF-8 because a Latin-1/Windows file with
    "æøå" is almost never valid UTF-8, while the reverse guess would turn
    "ø" into "Ã¸". Bytes Windows-1252 leaves undefined are read as Latin-1.

    Examples
    --------
    >>> decode_text("Bø i Telemark".encode("cp1252"))
    'Bø i Telemark'
    >>> decode_text(codecs.BOM_UTF8 + "Førde".encode("utf-8"))
    'Førde'
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors=_LATIN1_FALLBACK)


def _paragraphs(text: str) -> Iterator[list[str]]:
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.rstrip())
        elif lines:
            yield lines
            lines = []
    if lines:
        yield lines


def _looks_like_heading(line: str) -> bool:
    # A paragraph of one short line without final punctuation, like "Tiltak" or "3.2 Bolyst".
    text = line.strip()
    words = text.split()
    return (0 < len(words) <= 12 and text[-1] not in _TERMINAL + ","
            and (text[0].isupper() or text[0].isdigit()) and any(c.isalpha() for c in text))


def _read_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    for lines in _paragraphs(text):
        if len(lines) == 1 and not strip_marker(lines[0])[0] and _looks_like_heading(lines[0]):
            blocks.append(Block("heading", fold(lines[0])))
        else:
            blocks.extend(_lines_to_blocks(lines))
    return blocks


_MD_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*_`])(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?![\w*_`])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_TAG = re.compile(r"<[^>]+>")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(lambda m: m.group(1) or "", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(2):  # nested emphasis, "***x***"
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


def _read_markdown(text: str) -> list[Block]:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                lines = lines[i + 1:]
                break
    blocks: list[Block] = []
    para: list[str] = []
    fence = None

    def close() -> None:
        nonlocal para
        if para:
            blocks.extend(_lines_to_blocks([_md_inline(p) for p in para]))
        para = []

    for line in lines:
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            close()
            fence = stripped[:3]
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            close()
            blocks.append(Block("heading", fold(_md_inline(heading.group(2)))))
            continue
        if para and len(para) == 1 and re.fullmatch(r"=+|-+", stripped) and not strip_marker(para[0])[0]:
            blocks.append(Block("heading", fold(_md_inline(para.pop()))))  # a setext heading
            continue
        if _MD_RULE.match(line):
            close()
            continue
        if stripped.startswith("|"):
            close()
            if _MD_TABLE_SEP.match(stripped):
                if blocks and blocks[-1].kind == "row":
                    blocks.pop()  # the row above the separator is the header
                continue
            cells = [fold(_md_inline(c)) for c in stripped.strip("|").split("|")]
            text = " | ".join(c for c in cells if c)
            if text:
                blocks.append(Block("row", text))
            continue
        if not stripped:
            close()
            continue
        para.append(re.sub(r"^\s*>\s?", "", line))
    close()
    return blocks


# --------------------------------------------------------------------------- HTML

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
            self.blocks.extend(_lines_to_blocks(text.split("\n")))
        else:
            text = fold(text)
            if text:
                self.blocks.append(Block(kind, text))

    def text_of(self, tag) -> str:
        sub = _HtmlWalker()
        sub.walk(tag, inline_only=True)
        return fold("".join(sub.buf))

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


def _read_html(data: bytes) -> list[Block]:
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


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_style_kinds(document) -> tuple[dict[str, str | None], str | None]:
    """What each paragraph style makes a paragraph: heading, bullet or nothing.

    Resolved once per document (python-docx's per-paragraph style lookup scans the
    styles part each time), following ``basedOn`` so a house style built on
    "List Bullet" or "Heading 2" counts too, and a style's own numbering makes a list.
    """
    styles = {}
    default = None
    for st in document.styles.element.iterchildren(f"{_W}style"):
        if st.get(f"{_W}type") != "paragraph":
            continue
        sid = st.get(f"{_W}styleId")
        name = st.find(f"{_W}name")
        based = st.find(f"{_W}basedOn")
        ppr = st.find(f"{_W}pPr")
        styles[sid] = ((name.get(f"{_W}val") if name is not None else sid or "").casefold(),
                       based.get(f"{_W}val") if based is not None else None, ppr)
        if st.get(f"{_W}default") in ("1", "true", "on"):
            default = sid

    def kind_of(sid: str, depth: int = 0) -> str | None:
        if sid not in styles or depth > 10:
            return None
        name, based, ppr = styles[sid]
        if name.startswith(("heading", "overskrift", "title", "tittel")):
            return "heading"
        if name.startswith(("toc", "innholdsfortegnelse", "table of figures", "figurliste")):
            return "toc"
        if ppr is not None:
            if _outline_level(ppr) is not None:
                return "heading"
            if ppr.find(f"{_W}numPr") is not None:
                return "bullet"
        if "list" in name or "liste" in name:
            return "bullet"
        return kind_of(based, depth + 1) if based else None

    kinds = {sid: kind_of(sid) for sid in styles}
    return kinds, kinds.get(default) if default else None


def _outline_level(ppr) -> int | None:
    el = ppr.find(f"{_W}outlineLvl")
    if el is None:
        return None
    level = el.get(f"{_W}val") or ""
    return int(level) if level.isdigit() and int(level) < 9 else None


def _docx_kind(p, kinds: dict[str, str | None], default: str | None) -> str | None:
    ppr = p.find(f"{_W}pPr")
    sid = None
    if ppr is not None:
        if _outline_level(ppr) is not None:
            return "heading"
        style = ppr.find(f"{_W}pStyle")
        sid = style.get(f"{_W}val") if style is not None else None
        kind = kinds.get(sid) if sid else default
        if kind in ("heading", "toc"):
            return kind
        num = ppr.find(f"{_W}numPr")
        if num is not None:
            # <w:numId w:val="0"/> switches off numbering inherited from the style.
            num_id = num.find(f"{_W}numId")
            return None if num_id is not None and num_id.get(f"{_W}val") == "0" else "bullet"
        return kind
    return default


def _docx_cell_text(tc) -> str:
    return fold(" ".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in tc.iter(f"{_W}p")))


#: The most a .docx may unpack to. A long plan with pictures unpacks to tens of MB; a file that claims
#: more is a decompression bomb or damaged, and reading it could take the whole batch down.
MAX_DOCX_UNPACKED = 200 * 2**20


def _check_docx_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # docx.Document reports a damaged package with its own message
    if unpacked > MAX_DOCX_UNPACKED:
        raise DocumentError(f"{path}: too large: it unpacks to {unpacked / 2**20:,.0f} MB, more than the "
                            f"{MAX_DOCX_UNPACKED / 2**20:.0f} MB a plan document needs. It was not read; check "
                            "that the file is the document you meant, or save it again from Word.")


def _read_docx(path: Path) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    _check_docx_size(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, XMLSyntaxError) as err:
        reason = "not a Word .docx package" if isinstance(err, PackageNotFoundError) else str(err)
        raise DocumentError(f"{path}: corrupt DOCX ({reason}). Open it in Word and save it again as .docx, "
                            "then run again.") from None
    blocks: list[Block] = []
    kinds, default = _docx_style_kinds(document)

    def paragraph(p) -> None:
        text = Paragraph(p, document._body).text
        if not text.strip():
            return
        kind = _docx_kind(p, kinds, default)
        if kind == "toc":
            return  # a table of contents repeats the headings with page numbers
        if kind == "heading":
            blocks.append(Block("heading", fold(text)))
        elif kind == "bullet":
            item, rest = strip_marker(text)
            blocks.append(Block("bullet", fold(rest if item else text)))
        else:
            blocks.extend(_lines_to_blocks(text.split("\n")))

    def table(tbl) -> None:
        rows = list(tbl.iterchildren(f"{_W}tr"))
        width = max((len(list(tr.iterchildren(f"{_W}tc"))) for tr in rows), default=0)
        if width <= 1:
            for tr in rows:  # a one-column table is a layout frame: read it as text
                for tc in tr.iterchildren(f"{_W}tc"):
                    body(tc)
            return
        texts = []
        for tr in rows:
            cells, last = [], None
            for tc in tr.iterchildren(f"{_W}tc"):
                t = _docx_cell_text(tc)
                if t and t != last:  # merged cells repeat their text
                    cells.append(t)
                last = t
            texts.append((tr, cells))
        for i, (tr, cells) in enumerate(texts):
            if not cells:
                continue
            trpr = tr.find(f"{_W}trPr")
            if trpr is not None and trpr.find(f"{_W}tblHeader") is not None:
                continue
            if i == 0 and len(texts) > 1 and _header_like(cells, [c for _, cs in texts[1:] for c in cs]):
                continue
            blocks.append(Block("row", " | ".join(cells)))

    def body(element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                paragraph(child)
            elif tag == f"{_W}tbl":
                table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent")
                body(content if content is not None else child)

    body(document.element.body)
    return blocks


def _header_like(first: list[str], rest: list[str]) -> bool:
    # Column names: every cell a short label, while the body has longer cells.
    short = all(len(c.split()) <= 3 and not _ends_sentence(c) and not any(ch.isdigit() for ch in c) for c in first)
    return len(first) > 1 and short and any(len(c.split()) > 3 for c in rest)


# --------------------------------------------------------------------------- PDF


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int
    cells: list[tuple[float, str]] | None = None  # pieces of one baseline with column gaps between


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """Join pieces that pypdf reports as separate lines but that share a baseline.

    A piece that starts where other pieces on the page start (a column or tab
    stop), or far to the right of where the text before it ends, starts a new
    cell; a piece close by, or after a lone list marker, continues the same cell. Where a piece ends is estimated from its length
    at 0.45 em a character (about the width of lower-case text in Helvetica or
    Arial); pypdf reports such pieces as separate lines only when they are
    separate text objects, which is what table cells are.
    """
    # Left edges where two or more pieces start are column or tab stops.
    stops = Counter(round(ln.x) for ln in lines)
    out: list[_Line] = []
    for ln in lines:
        last = out[-1] if out else None
        if last is None or abs(ln.y - last.y) >= 0.3 * max(ln.size, 1.0):
            out.append(ln)
            continue
        cells = list(last.cells or [(last.x, last.text.strip())])
        cx, ctext = cells[-1]
        piece = ln.text.strip()
        if ln.x <= cx:
            out.append(ln)  # back to the left on the same baseline: another text object
            continue
        end = cx + 0.45 * ln.size * len(ctext)
        item, rest = strip_marker(ctext + " x")
        if (item and rest == "x") or (ln.x - end <= ln.size and stops[round(ln.x)] < 2):
            cells[-1] = (cx, f"{ctext} {piece}")
        else:
            cells.append((ln.x, piece))
        out[-1] = _Line(" ".join(t for _, t in cells), last.x, last.y, max(last.size, ln.size),
                        last.bold and ln.bold, last.page, cells if len(cells) > 1 else None)
    return out


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_PAGE_NUMBER = re.compile(
    r"^(?:side|s\.|page|p\.|sida)?\s*[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:av|/|of|\|)\s*\d{1,4})?$", re.I)


@contextmanager
def _quiet_pypdf():
    # pypdf logs every repair it makes to a damaged file; the caller gets one error instead.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _page_lines(page, number: int) -> list[_Line]:
    lines: list[_Line] = []
    cur: list[tuple] = []  # (text, x, y, size, bold)

    def close() -> None:
        text = "".join(c[0] for c in cur)
        inked = [c for c in cur if c[0].strip()]
        if text.strip() and inked:
            first = inked[0]
            n_bold = sum(len(c[0].strip()) for c in inked if c[4])
            n_all = sum(len(c[0].strip()) for c in inked)
            # The size of most of the line's characters: a bullet glyph is often set larger.
            size = max(inked, key=lambda c: len(c[0].strip()))[3]
            lines.append(_Line(text, first[1], first[2], size, n_bold >= 0.8 * n_all, number))
        cur.clear()

    def visit(text, cm, tm, font, size) -> None:
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        name = font.get("/BaseFont", "") if font else ""
        bold = bool(_BOLD.search(str(name)))
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part:
                cur.append((part, x, y, float(size) * scale, bold))
            if i < len(parts) - 1:
                close()

    page.extract_text(visitor_text=visit)
    close()
    return lines


def _norm_repeat(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text).casefold())


#: Share of the page height at the top and bottom where running headers and footers sit.
MARGIN_ZONE = 0.08


def _drop_margins(pages: list[list[_Line]], boxes: list[tuple[float, float]]) -> list[list[_Line]]:
    """Remove running headers, footers and page numbers.

    Candidates are the two top and two bottom lines of a page that lie in the
    page's margin zone (:data:`MARGIN_ZONE` of its height). A candidate goes if
    it is a page number ("12", "Side 3 av 40"), is set smaller than the body
    text (which also catches the header of a one-page document), or if, with
    digits masked, the same text is a candidate on three pages (two in a
    document of up to three pages), or if it starts or ends with a number
    that keeps step with the page on as many pages.
    """
    def edges(lines: list[_Line], box: tuple[float, float]) -> set[int]:
        bottom, top = box
        zone = (top - bottom) * MARGIN_ZONE
        ys = sorted({round(ln.y) for ln in lines})
        extreme = set(ys[-2:]) | set(ys[:2])
        return {i for i, ln in enumerate(lines)
                if round(ln.y) in extreme and (ln.y >= top - zone or ln.y <= bottom + zone)}

    cand = [edges(lines, box) for lines, box in zip(pages, boxes)]
    sizes: Counter = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    small = (sizes.most_common(1)[0][0] if sizes else 0.0) * 0.9
    counts: Counter = Counter()
    offsets: Counter = Counter()
    for number, (lines, idx) in enumerate(zip(pages, cand), start=1):
        counts.update({_norm_repeat(lines[i].text) for i in idx})
        offsets.update({number - n for i in idx for n in _edge_numbers(lines[i].text)})
    # Chapter-wise running headers ("Kapittel 3: Bolyst") repeat on fewer than half the pages.
    need = 2 if len(pages) <= 3 else 3
    # A running header that carries the page number ("Chapter 2: Bolyst 3") shows as a
    # number that keeps step with the physical page.
    steps = {off for off, c in offsets.items() if c >= need}
    out = []
    for number, (lines, idx) in enumerate(zip(pages, cand), start=1):
        keep = []
        for i, ln in enumerate(lines):
            if i in idx:
                if (_PAGE_NUMBER.match(fold(ln.text)) or ln.size < small
                        or (len(pages) > 1 and counts[_norm_repeat(ln.text)] >= need)
                        or any(number - n in steps for n in _edge_numbers(ln.text))):
                    continue
            keep.append(ln)
        out.append(keep)
    return out


_EDGE_NUMBER = re.compile(r"^\s*(\d{1,4})\b|\b(\d{1,4})\s*$")


def _edge_numbers(text: str) -> set[int]:
    return {int(a or b) for a, b in _EDGE_NUMBER.findall(text)}


def _mode(values: Iterable[float], default: float) -> float:
    c = Counter(values)
    return c.most_common(1)[0][0] if c else default


class _Table:
    """Rows of a table being read: cells by column, a column known by its left edge."""

    def __init__(self, line: _Line) -> None:
        self.columns = [x for x, _ in line.cells]
        self.rows: list[tuple[dict[int, list[str]], bool]] = []
        self.page = line.page
        self.top = self.bottom = line.y
        self.new_row(line)

    def column_of(self, x: float, tolerance: float = 3.0) -> int | None:
        best = min(range(len(self.columns)), key=lambda i: abs(self.columns[i] - x))
        return best if abs(self.columns[best] - x) <= tolerance else None

    def takes(self, line: _Line, leading: float, max_gap: float) -> bool:
        """Add ``line`` to the table if it belongs there; False ends the table.

        Producers draw a row cell by cell, each cell top down, so a line may go
        back up to the row's top for the next column. A line in the first
        column starts a new row once the row has text in another column, or
        after a gap wider than a line.
        """
        first = line.cells[0][0] if line.cells else line.x
        col = self.column_of(first)
        if line.page != self.page or col is None or line.y > self.top + 1 \
                or self.bottom - line.y > 3 * leading:
            return False
        cells, _ = self.rows[-1]
        first_col = col == self.column_of(min(self.columns))
        if line.y >= self.bottom - 0.5 or not first_col:
            self.add(line)
        elif any(c != col for c in cells) or self.bottom - line.y > max_gap:
            self.new_row(line)
        else:
            self.add(line)
        return True

    def new_row(self, line: _Line) -> None:
        self.rows.append(({}, line.bold))
        self.top = line.y
        self.bottom = line.y
        self.add(line)

    def add(self, line: _Line) -> None:
        cells, bold = self.rows[-1]
        for x, text in line.cells or [(line.x, line.text.strip())]:
            col = self.column_of(x)
            if col is None:
                self.columns.append(x)
                col = len(self.columns) - 1
            cells.setdefault(col, []).append(text)
        self.rows[-1] = (cells, bold and line.bold)
        self.bottom = min(self.bottom, line.y)

    def blocks(self) -> list[Block]:
        order = sorted(range(len(self.columns)), key=lambda i: self.columns[i])
        rows = []
        for cells, bold in self.rows:
            texts = [fold(join_lines(cells[i])) for i in order if i in cells]
            rows.append(([t for t in texts if t], bold))
        out = []
        for i, (texts, bold) in enumerate(rows):
            if not texts:
                continue
            rest = [c for t, _ in rows[i + 1:] for c in t]
            if i == 0 and len(rows) > 1 and (bold or _header_like(texts, rest)):
                continue  # the header row names the columns
            out.append(Block("row", " | ".join(texts), self.page))
        return out


def _pdf_blocks(pages: list[list[_Line]]) -> list[Block]:
    pages = [_merge_baselines(lines) for lines in pages]
    body = [ln for lines in pages for ln in lines]
    weights = Counter()
    for ln in body:
        weights[round(ln.size, 1)] += len(ln.text)
    body_size = weights.most_common(1)[0][0] if weights else 10.0
    gaps = []
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            g = a.y - b.y
            # Only gaps a line apart: spacing between paragraphs must not count as leading.
            if abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 \
                    and 0.9 * body_size <= g <= 1.5 * body_size:
                gaps.append(round(g, 1))
    leading = _mode(gaps, body_size * 1.2)
    max_gap = leading * 1.3 + 0.5
    big = body_size * 1.15

    def is_heading(ln: _Line) -> bool:
        # Body lines are the common case: rule them out before looking at the text.
        if ln.size < big and not ln.bold:
            return False
        text = ln.text.strip()
        words = len(text.split())
        if words > 20 or not any(c.isalpha() for c in text):
            return False
        if ln.size >= big:
            return True
        return words <= 12 and not _ends_sentence(text) and not text.endswith(",")

    blocks: list[Block] = []
    kind: str | None = None
    parts: list[str] = []
    anchor: _Line | None = None  # the first line of the open block
    left = 0.0  # the left edge of the open block's lines after the first
    prev: _Line | None = None
    page_of_block = 1
    table: _Table | None = None

    def close() -> None:
        nonlocal kind, parts, table
        if parts:
            text = fold(join_lines(parts))
            if text:
                blocks.append(Block(kind, text, page_of_block))
        kind, parts = None, []
        if table is not None:
            blocks.extend(table.blocks())
            table = None

    for lines in pages:
        for n, ln in enumerate(lines):
            if kind == "heading" and abs(prev.size - ln.size) < 0.5 and prev.bold == ln.bold \
                    and 0 < prev.y - ln.y <= ln.size * 1.6 and prev.page == ln.page:
                parts.append(ln.text.strip())  # a heading wrapped over two lines
                prev = ln
                continue
            if LEADER.search(ln.text):
                close()  # a table-of-contents line
                prev = None
                continue
            if table is not None:
                if table.takes(ln, leading, max_gap):
                    prev = ln
                    continue
                close()
            if ln.cells and ln.size < big:
                close()
                table = _Table(ln)
                prev = ln
                continue
            if is_heading(ln):
                close()
                kind, parts, anchor, page_of_block = "heading", [ln.text.strip()], ln, ln.page
                prev = ln
                continue
            item, rest = strip_marker(ln.text)
            if item:
                close()
                kind, parts, anchor, page_of_block = "bullet", [rest], ln, ln.page
                prev = ln
                continue
            if kind in ("bullet", "text") and prev is not None:
                if prev.page != ln.page:
                    # The first line of a page continues the block left open at the foot of the last one.
                    cont = n == 0 and not _ends_sentence(parts[-1]) and (rest[:1].islower() or ln.x > anchor.x + 1)
                else:
                    gap = prev.y - ln.y
                    same_size = abs(ln.size - anchor.size) < 0.5
                    if kind == "bullet":
                        indented = ln.x > anchor.x + 1.5
                        flush = abs(ln.x - anchor.x) <= 1.5 and not _ends_sentence(parts[-1])
                        cont = same_size and 0 < gap <= max_gap and (indented or flush)
                    elif len(parts) == 1:
                        # The second line sets the paragraph's left edge; the first may be indented.
                        cont = same_size and 0 < gap <= max_gap and anchor.x - 3 * ln.size <= ln.x <= anchor.x + 1.5
                    else:
                        # A line indented past the left edge after a full stop starts a new paragraph.
                        cont = same_size and 0 < gap <= max_gap and (
                            abs(ln.x - left) <= 1.5 or (ln.x > left and not _ends_sentence(parts[-1])))
                if cont:
                    if len(parts) == 1:
                        left = ln.x
                    parts.append(rest)
                    prev = ln
                    continue
            close()
            kind, parts, anchor, page_of_block = "text", [rest], ln, ln.page
            prev = ln
    close()
    return blocks


def _read_pdf(path: Path) -> list[Block]:
    import pypdf
    from pypdf.errors import PdfReadError, PyPdfError

    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(str(path), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (NotImplementedError, PyPdfError) as err:
                    raise DocumentError(
                        f"{path}: encrypted PDF that cannot be opened ({err}). "
                        "Save an unprotected copy and run again.") from None
                if not opened:
                    raise DocumentError(
                        f"{path}: encrypted PDF: it needs a password to open. "
                        "Save a copy without the password and run again.")
            pages, boxes = [], []
            images = 0
            for number, page in enumerate(reader.pages, start=1):
                lines = _page_lines(page, number)
                if not lines:
                    images += _has_images(page)
                pages.append(lines)
                box = page.mediabox
                boxes.append((float(box.bottom), float(box.top)))
        except DocumentError:
            raise
        except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                AssertionError, OSError, RecursionError, ZeroDivisionError) as err:
            raise DocumentError(
                f"{path}: corrupt PDF ({type(err).__name__}: {err}). "
                "Open it in a PDF viewer and save or print it to a new PDF, then run again.") from None
    n_text = sum(1 for lines in pages if lines)
    if not pages:
        raise DocumentError(f"{path}: the PDF has no pages. Check that the file is the document you meant.")
    if n_text == 0:
        if images:
            raise DocumentError(f"{path}: no text layer: run OCR first (the {len(pages)} page(s) are images "
                                "of text), e.g. `ocrmypdf in.pdf out.pdf`, and tag the result.")
        raise DocumentError(f"{path}: the PDF has no text on any of its {len(pages)} page(s). "
                            "Check that it is the document you meant.")
    return _pdf_blocks(_drop_margins(pages, boxes))


def _has_images(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
    except Exception:  # an unreadable resource dictionary only means "don't know"
        return False


# --------------------------------------------------------------------------- entry points


def reader_for(path: str | os.PathLike) -> str:
    """Return the reader name for a file's suffix.

    Raises
    ------
    DocumentError
        If the suffix is not one of :data:`SUPPORTED`.

    Examples
    --------
    >>> reader_for("plan.PDF")
    'pdf'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED:
        hint = _HINTS.get(suffix, "convert it to PDF, DOCX, HTML or text")
        raise DocumentError(f"{path}: unsupported file type {suffix or '(no suffix)'!r}. "
                            f"Supported: {', '.join(sorted(SUPPORTED))}; {hint}.")
    return SUPPORTED[suffix]


def read_blocks(path: str | os.PathLike) -> list[Block]:
    """Read one document into blocks, in document order.

    Parameters
    ----------
    path : str or path-like
        A ``.pdf``, ``.docx``, ``.html``/``.htm``, ``.txt`` or ``.md`` file.

    Returns
    -------
    list of Block

    Raises
    ------
    DocumentError
        If the file is missing, empty, of an unsupported type, corrupt,
        encrypted, or a PDF without a text layer. The message names the file,
        the reason and what to do.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = f.write_text("<nav>Meny</nav><h2>Bolyst</h2><ul><li>Lage velkomstpakke</li></ul>")
    >>> [(b.kind, b.text) for b in read_blocks(f)]
    [('heading', 'Bolyst'), ('bullet', 'Lage velkomstpakke')]
    """
    path = Path(path)
    kind = reader_for(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file. Check the path.")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder; pass it to tag_documents() or `luktheme tag`, "
                            "which walk folders.")
    try:
        size = path.stat().st_size
    except OSError as err:
        raise DocumentError(f"{path}: cannot be read ({err.strerror}). Check its permissions.") from None
    if size == 0:
        raise DocumentError(f"{path}: empty file (0 bytes). Check that it was copied or saved completely.")
    try:
        if kind == "pdf":
            blocks = _read_pdf(path)
        elif kind == "docx":
            blocks = _read_docx(path)
        else:
            data = path.read_bytes()
            check_is_text(data, path)
            if kind == "html":
                blocks = _read_html(data)
            elif kind == "markdown":
                blocks = _read_markdown(decode_text(data))
            else:
                blocks = _read_text(decode_text(data))
    except OSError as err:
        raise DocumentError(f"{path}: cannot be read ({err.strerror or err}). Check the file and its permissions.") \
            from None
    if not blocks:
        raise DocumentError(f"{path}: no text found. Check that the file is the document you meant.")
    return blocks


def read_document(path: str | os.PathLike, *, nlp=None) -> list:
    """Read a document and return the measures found in it, before tagging.

    A measure is one bullet or numbered item, one table row, or one sentence
    of running text; headings, lead-ins ("Kommunen skal:"), page furniture
    and very short fragments are not measures.

    Parameters
    ----------
    path : str or path-like
        A ``.pdf``, ``.docx``, ``.html``/``.htm``, ``.txt`` or ``.md`` file.
    nlp : spacy.language.Language, optional
        A pipeline that sets sentence boundaries; by default the project's
        Norwegian pipeline, or a rule-based one when it is not installed.

    Returns
    -------
    list of luktheme.segments.Segment
        With file, page, heading, index, kind, text and character offsets.

    Raises
    ------
    DocumentError
        If the file cannot be read (see :func:`read_blocks`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.md"
    >>> _ = f.write_text("# Bolyst\\n\\nMålet er flere innbyggere. Kommunen skal:\\n\\n- Lage en velkomstpakke\\n")
    >>> [(s.kind, s.heading, s.text) for s in read_document(f)]
    [('sentence', 'Bolyst', 'Målet er flere innbyggere.'), ('bullet', 'Bolyst', 'Lage en velkomstpakke')]
    """
    from .segments import segment

    return segment(read_blocks(path), file=str(path), nlp=nlp)


def check_inputs(inputs: Iterable[str | os.PathLike]) -> None:
    """Refuse, before any work, inputs that do not exist or are files of an unsupported type.

    Raises
    ------
    DocumentError
        Naming every such input and what is supported.

    Examples
    --------
    >>> check_inputs(["no/such/plan.pdf"])
    Traceback (most recent call last):
    ...
    luktheme.errors.DocumentError: no/such/plan.pdf: no such file or folder; check the path. Nothing was read or written.
    """
    bad = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            continue
        if not p.exists():
            bad.append(f"{p}: no such file or folder; check the path")
        elif p.suffix.lower() not in SUPPORTED:
            try:
                reader_for(p)
            except DocumentError as err:
                bad.append(f"{p}: {_reason(err, p)}")
    if bad:
        raise DocumentError("; ".join(bad) + ". Nothing was read or written.")


def find_documents(inputs: Iterable[str | os.PathLike]) -> tuple[list[Path], list[tuple[str, str]], list[str]]:
    """Expand files and folders (walked recursively) into the documents to read.

    Parameters
    ----------
    inputs : iterable of str or path-like
        Files and folders, in the order wanted. Not a single str.

    Returns
    -------
    files : list of Path
        Supported documents, in input order; a folder's files sorted by path;
        each file once.
    problems : list of (str, str)
        ``(path, reason)`` for inputs that do not exist or are named
        explicitly but have an unsupported type.
    skipped : list of str
        Files of other types found inside folders (not errors: folders hold
        spreadsheets and images too). Hidden files and Office lock files
        (``~$x.docx``) are passed over silently.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.pdf", "a.txt", "logo.png"):
    ...     _ = (d / name).write_bytes(b"x")
    >>> files, problems, skipped = find_documents([d])
    >>> [f.name for f in files], [pathlib.Path(s).name for s in skipped]
    (['a.txt', 'b.pdf'], ['logo.png'])
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise TypeError("find_documents() expects a list of paths, not a single path. Write [path].")
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    skipped: list[str] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        try:
            key = p.resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append((str(p), "a broken or self-looping symbolic link; nothing to read"))
            return
        if key not in seen:
            seen.add(key)
            files.append(p)

    def unreadable(err: OSError) -> None:
        problems.append((str(err.filename), f"folder cannot be read ({err.strerror or err}); its documents "
                                            "were not tagged"))

    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if name.startswith((".", "~$")):
                        continue
                    found.append(Path(root) / name)
            for f in sorted(found, key=lambda q: q.as_posix().casefold()):
                if f.suffix.lower() in SUPPORTED or (f.is_symlink() and not f.exists()):
                    add(f)
                else:
                    skipped.append(str(f))
        elif p.exists():
            if p.suffix.lower() in SUPPORTED:
                add(p)
            else:
                try:
                    reader_for(p)
                except DocumentError as err:
                    problems.append((str(p), _reason(err, p)))
        else:
            problems.append((str(p), "no such file or folder; check the path"))
    return files, problems, skipped


def _reason(err: Exception, path: Path | str) -> str:
    # Messages start with the path; a summary that prints the path already drops it.
    text = str(err)
    prefix = f"{path}: "
    return text[len(prefix):] if text.startswith(prefix) else text
