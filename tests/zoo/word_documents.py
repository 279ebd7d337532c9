"""Word documents of the zoo, written with python-docx: heading styles, Word list numbering, action-plan tables.

Lists are numbered the way Word numbers them, through numbering definitions in ``numbering.xml``
(:func:`add_numbering`), not by typing the numbers; tables have merged cells and header rows
that repeat on every page.
"""

from __future__ import annotations



_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_numbering(d, levels: list[tuple[str, str]] | None, restart_of: int | None = None) -> int:
    """Add a numbering instance to document ``d`` and return its ``numId``.

    ``levels`` gives each level's ``(numFmt, lvlText)``, e.g. ``[("decimal", "%1."), ("lowerLetter", "%2)")]``,
    in a new abstract definition. With ``restart_of`` (a ``numId``) and no levels, the new instance
    shares that instance's definition and restarts its first level at 1.
    """
    from docx.oxml import parse_xml

    numbering = d.part.numbering_part.element
    ns = f'xmlns:w="{_W_NS}"'
    nums = [int(n.get(f"{{{_W_NS}}}numId")) for n in numbering.iterchildren(f"{{{_W_NS}}}num")]
    num_id = max(nums, default=0) + 1
    if levels is not None:
        ids = [int(a.get(f"{{{_W_NS}}}abstractNumId")) for a in numbering.iterchildren(f"{{{_W_NS}}}abstractNum")]
        abstract_id = max(ids, default=-1) + 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {ns} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        # Abstract definitions come before the instances in numbering.xml.
        first_num = numbering.find(f"{{{_W_NS}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        override = ""
    else:
        source = next(n for n in numbering.iterchildren(f"{{{_W_NS}}}num")
                      if n.get(f"{{{_W_NS}}}numId") == str(restart_of))
        abstract_id = source.find(f"{{{_W_NS}}}abstractNumId").get(f"{{{_W_NS}}}val")
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering.append(parse_xml(f'<w:num {ns} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{override}</w:num>'))
    return num_id


def numbered(paragraph, num_id: int, level: int = 0):
    """Put ``paragraph`` in the list ``num_id`` at ``level`` (0 for the top), as Word does with ``w:numPr``."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(1 if ppr.find(f"{{{_W_NS}}}pStyle") is not None else 0, parse_xml(
        f'<w:numPr xmlns:w="{_W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def merge_down(table, column: int, first: int, last: int) -> None:
    """Merge ``column`` from row ``first`` to row ``last`` into one cell holding the first row's text."""
    text = table.cell(first, column).text
    merged = table.cell(first, column).merge(table.cell(last, column))
    merged.text = text


def repeat_header(row) -> None:
    """Mark a table row as a header row Word repeats at the top of every page (``w:tblHeader``)."""
    from docx.oxml import parse_xml

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{_W_NS}"/>'))


def fill_table(d, rows: list[tuple[str, ...]]):
    """A table with ``rows`` of cell texts; a newline in a text starts a new paragraph in the cell."""
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = d.styles["Table Grid"]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            first, *more = text.split("\n")
            cell.text = first
            for extra in more:
                cell.add_paragraph(extra)
    return table
