"""Word documents (``.docx``): paragraphs, list items (Word numbering or list styles) and table cells.

Read in document order with python-docx and its XML. Page headers and footers
live in other parts of the file and are never read; a table of contents
repeats the headings and is dropped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import DocumentError
from .block import Block
from .lines import header_like, lines_to_blocks, clean_text, strip_marker

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
    return clean_text(" ".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in tc.iter(f"{_W}p")))


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


def read_docx(path: Path) -> list[Block]:
    """Read a Word document into blocks: paragraphs, list items and table rows, in document order.

    :func:`luktheme.readers.read_blocks` checks the file before it calls this.

    Parameters
    ----------
    path : Path
        A ``.docx`` file.

    Returns
    -------
    list of Block

    Raises
    ------
    DocumentError
        If the file unpacks to more than :data:`MAX_DOCX_UNPACKED` bytes or is
        not a readable Word package.

    Examples
    --------
    >>> import tempfile, pathlib, docx
    >>> d = docx.Document()
    >>> _ = d.add_heading("Bolyst", level=1)
    >>> _ = d.add_paragraph("Lage en velkomstpakke", style="List Bullet")
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "plan.docx"
    >>> d.save(str(f))
    >>> [(b.kind, b.text) for b in read_docx(f)]
    [('heading', 'Bolyst'), ('bullet', 'Lage en velkomstpakke')]
    """
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
            blocks.append(Block("heading", clean_text(text)))
        elif kind == "bullet":
            item, rest = strip_marker(text)
            blocks.append(Block("bullet", clean_text(rest if item else text)))
        else:
            blocks.extend(lines_to_blocks(text.split("\n")))

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
            if i == 0 and len(texts) > 1 and header_like(cells, [c for _, cs in texts[1:] for c in cs]):
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
