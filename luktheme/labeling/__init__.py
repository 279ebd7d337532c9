"""Label your own texts: read them, order them for labeling, and store each decision safely.

Four modules, used by ``luktheme label`` and callable on their own; every
public name is importable from ``luktheme.labeling`` itself:

* :mod:`~luktheme.labeling.items`: :func:`read_items` turns a text, JSONL,
  CSV, XLSX or Parquet file (including the table written by ``luktheme tag``)
  into :class:`Item` rows with an id, the text and the source document.
* :mod:`~luktheme.labeling.queue`: :func:`order_queue` puts the items in
  active-learning order: the texts the model is least sure about come first,
  and no single source may fill the queue.
* :mod:`~luktheme.labeling.store`: :class:`LabelStore` appends every decision
  to a JSONL file and forces it to disk at once, so an interrupted session
  loses nothing and a rerun resumes where it stopped. Its rows are valid input
  for :func:`luktheme.read_examples`.
* :mod:`~luktheme.labeling.screen`: the terminal screen, a state machine
  (:class:`LabelState`) with its rendering and key loop.
"""

from __future__ import annotations

from .items import ID_COLUMNS, KEPT_FIELDS, SOURCE_COLUMNS, TEXT_COLUMNS, Item, read_items, text_id, uncertainty
from .queue import order_queue, prepare_queue, score_items
from .screen import LabelState, NoTerminalError, TerminalKeys, render, require_terminal, run
from .store import LabelStore, default_annotator, item_from_row

__all__ = [
    "ID_COLUMNS", "KEPT_FIELDS", "SOURCE_COLUMNS", "TEXT_COLUMNS", "Item", "LabelState", "LabelStore",
    "NoTerminalError", "TerminalKeys", "default_annotator", "item_from_row", "order_queue", "prepare_queue",
    "read_items", "render", "require_terminal", "run", "score_items", "text_id", "uncertainty",
]
