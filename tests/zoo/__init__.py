"""The document zoo: plan documents in every format and layout, built by the tests themselves.

Each document has a builder, ``build(path)``, registered with :func:`document`, and next to it,
under ``expected/<name>.json``, the rows reading it must give, in order: ``text``, ``kind``,
``role`` (``tiltak``, ``mål`` or ``annet``), ``section`` (the headings above the row, joined by
``" > "``), ``number`` (null when the row has none), and for action-plan rows ``responsible``,
``partners``, ``period`` and ``cost`` ("" where the table has no such column).

The builder modules (``pdf_documents``, ``word_documents``, ``web_documents``,
``text_documents``) register their documents when imported; :data:`ZOO` lists them all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

EXPECTED = Path(__file__).resolve().parent / "expected"


@dataclass(frozen=True)
class ZooDocument:
    """One document of the zoo: its file name (the suffix gives the format) and its builder."""

    name: str
    build: Callable[[Path], Path]

    @property
    def format(self) -> str:
        return Path(self.name).suffix.lstrip(".")

    @property
    def expected_path(self) -> Path:
        return EXPECTED / f"{self.name}.json"

    def expected(self) -> list[dict]:
        """The rows reading the document must give, in order."""
        return json.loads(self.expected_path.read_text(encoding="utf-8"))


_REGISTRY: dict[str, ZooDocument] = {}


def document(name: str):
    """Register a builder ``build(path) -> path`` as the zoo document ``name`` (e.g. ``"handlingsprogram.docx"``)."""

    def register(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        if name in _REGISTRY:
            raise ValueError(f"zoo document {name!r} is registered twice")
        _REGISTRY[name] = ZooDocument(name, build)
        return build

    return register


def zoo() -> list[ZooDocument]:
    """Every zoo document, by name."""
    import importlib

    for module in ("pdf_documents", "word_documents", "web_documents", "text_documents"):
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{module}":
                raise
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


#: The fields of an expected row that a row read from the document is compared on.
FIELDS = ("text", "kind", "role", "section", "number", "responsible", "partners", "period", "cost")


def row_of(segment) -> dict:
    """A read row (a :class:`luktheme.segments.Segment`) in the form of the expected files."""
    return {f: getattr(segment, f) for f in FIELDS if hasattr(segment, f)}
