"""Word's list numbering: the number a numbered paragraph shows, computed from ``numbering.xml``.

A numbered paragraph names a numbering instance (``w:numId``) and a level (``w:ilvl``),
directly or through its style. The instance points to an abstract definition whose levels
give the start value, the number format (``decimal``, ``lowerLetter``, ``lowerRoman`` ...) and
the level text (``"%1."``, ``"%1.%2.%3"``, ``"%2)"``), where ``%n`` stands for the counter of
level n. Word counts per abstract definition, so two instances of one definition continue
each other's numbering unless an instance overrides a level's start (``w:startOverride``),
which restarts that level where the instance is first used. A level restarts after any
higher level unless ``w:lvlRestart`` says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .outline import format_counter

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")


def _val(element, child: str) -> str | None:
    found = element.find(f"{_W}{child}") if element is not None else None
    return found.get(f"{_W}val") if found is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after levels above this one (1-based); 0 = never
    legal: bool = False  # w:isLgl: every counter in decimal


def _level(lvl, base: _Level | None = None) -> _Level:
    base = base or _Level()
    text = lvl.find(f"{_W}lvlText")
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(f"{_W}isLgl")
    return _Level(
        start=_int(_val(lvl, "start"), base.start),
        fmt=_val(lvl, "numFmt") or base.fmt,
        text=text.get(f"{_W}val", "") if text is not None else base.text,
        restart=_int(restart, 0) if restart is not None else base.restart,
        legal=(legal is not None and legal.get(f"{_W}val", "1") not in ("0", "false", "off")) or base.legal,
    )


class WordNumbering:
    """The numbering definitions of one document, and the counters as the document is read in order.

    Parameters
    ----------
    numbering : lxml element or None
        The ``w:numbering`` root of ``numbering.xml``; None when the document has none.
    style_links : dict of str to str
        For numbering styles (``w:numStyleLink``): the style id to the ``w:numId`` its
        paragraph properties name.

    Examples
    --------
    >>> from lxml import etree
    >>> xml = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...        '<w:abstractNum w:abstractNumId="0">'
    ...        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    ...        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    ...        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    >>> n = WordNumbering(etree.fromstring(xml))
    >>> [n.label("1", level) for level in (0, 1, 1, 0)]
    [(True, '1.'), (True, 'a)'), (True, 'b)'), (True, '2.')]
    """

    def __init__(self, numbering=None, style_links: dict[str, str] | None = None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}
        self._nums: dict[str, tuple[str | None, dict[int, tuple[_Level | None, int | None]]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()
        if numbering is None:
            return
        for abstract in numbering.iterchildren(f"{_W}abstractNum"):
            aid = abstract.get(f"{_W}abstractNumId")
            self._abstract[aid] = {_int(lvl.get(f"{_W}ilvl"), 0): _level(lvl)
                                   for lvl in abstract.iterchildren(f"{_W}lvl")}
            link = _val(abstract, "numStyleLink")
            if link and style_links and link in style_links:
                self._links[aid] = style_links[link]
        for num in numbering.iterchildren(f"{_W}num"):
            overrides: dict[int, tuple[_Level | None, int | None]] = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                lvl = override.find(f"{_W}lvl")
                start = _val(override, "startOverride")
                overrides[_int(override.get(f"{_W}ilvl"), 0)] = (
                    _level(lvl) if lvl is not None else None, _int(start, 1) if start is not None else None)
            self._nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId"), overrides)

    def _resolve(self, num_id: str, depth: int = 0) -> tuple[str, dict[int, _Level], set[int]] | None:
        entry = self._nums.get(num_id)
        if entry is None:
            return None
        aid, overrides = entry
        if aid in self._links and depth < 5:
            # A definition that only links to a numbering style takes that style's definition.
            linked = self._resolve(self._links[aid], depth + 1)
            if linked is not None:
                aid = linked[0]
        levels = dict(self._abstract.get(aid, {}))
        restarts = set()
        for ilvl, (level, start) in overrides.items():
            level = level or levels.get(ilvl, _Level())
            if start is not None:
                restarts.add(ilvl)
                level = replace(level, start=start)
            levels[ilvl] = level
        return aid, levels, restarts

    def label(self, num_id: str | None, ilvl: int = 0) -> tuple[bool, str | None]:
        """Count one numbered paragraph and return what Word shows before it.

        Returns
        -------
        is_item : bool
            False when the paragraph is not in a list (no instance, or ``numId`` 0, which
            switches off numbering a style gives).
        number : str or None
            The number as shown ("3.", "1.2.1", "b)"); None for a bullet or an empty level text.
        """
        if not num_id or num_id == "0":
            return False, None
        resolved = self._resolve(num_id)
        if resolved is None:
            return True, None
        aid, levels, restarts = resolved
        level = levels.get(ilvl, _Level(text=f"%{ilvl + 1}."))
        if level.fmt == "bullet":
            return True, None
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for restarted in restarts:
                counters.pop(restarted, None)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            # lvlRestart n: restart after a level of n or above (1-based); 0: never restart.
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]

        def counter(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, _Level())
            if shown.fmt == "none":
                return ""
            # A legal-style level (w:isLgl) shows every counter in decimal: "2.1", not "II.1".
            return format_counter(counters.get(k, shown.start), "decimal" if level.legal else shown.fmt)

        text = _PLACEHOLDER.sub(counter, level.text).strip()
        return True, text or None
