"""The labeling queue: score the items, put the least certain first, leave out what is decided.

:func:`order_queue` puts the items in active-learning order: the texts the
model is least sure about come first, and no single source may fill the
queue. :func:`prepare_queue` does all of it for a session: it leaves out the
items the label file already holds, scores the rest with the model and
orders them.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import replace
from heapq import heappop, heappush

from .items import Item
from .store import LabelStore


def score_items(items: Sequence[Item], tagger, *, batch_size: int = 256) -> list[Item]:
    """Attach the model's scores and thresholds to each item.

    Examples
    --------
    >>> import luktheme
    >>> item = score_items([Item("a", "Kurs i planstrategi for kommunane", "plan.txt")], luktheme.load())[0]
    >>> item.suggested
    ('planstrategi', 'kompetanseheving')
    """
    out = []
    for item, tagging in zip(items, tagger.pipe([i.text for i in items], batch_size=batch_size)):
        out.append(replace(item, scores=dict(tagging.scores), thresholds=dict(tagging.thresholds)))
    return out


def order_queue(items: Sequence[Item], *, window: int = 10, per_source: int | None = None) -> list[Item]:
    """Order items for labeling: most uncertain first, with no source crowding the queue.

    Items are ranked by :attr:`Item.uncertainty` (ties keep input order). Then
    in any ``window`` consecutive items at most ``per_source`` come from one
    source, so one long plan whose measures all sit near a threshold cannot
    push every other document out of a labeling session. When only crowded
    sources remain the cap gives way rather than stop.

    Parameters
    ----------
    items : sequence of Item
        Scored items (unscored ones count as certain and go last).
    window : int
        Length of the sliding window; 1 turns diversity off.
    per_source : int, optional
        The cap per window; by default ``ceil(window / number of sources)``,
        which for a few sources amounts to taking turns.

    Examples
    --------
    >>> cut = dict.fromkeys(["bolyst", "planstrategi", "stedsutvikling", "kompetanseheving", "statistikk"], 0.5)
    >>> def item(name, source, score):
    ...     return Item(name, name, source, scores=dict(cut, bolyst=score), thresholds=cut)
    >>> items = [item("a1", "A", 0.50), item("a2", "A", 0.49), item("a3", "A", 0.48), item("b1", "B", 0.30)]
    >>> [i.id for i in order_queue(items, window=1)]
    ['a1', 'a2', 'a3', 'b1']
    >>> [i.id for i in order_queue(items, window=2)]
    ['a1', 'b1', 'a2', 'a3']
    """
    if not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be a positive int, got {window!r}.")
    ranked = sorted(enumerate(items), key=lambda p: (-p[1].uncertainty, p[0]))
    queues: dict[str, deque] = {}
    for pos, item in ranked:
        queues.setdefault(item.source, deque()).append((-item.uncertainty, pos, item))
    if per_source is None:
        per_source = max(1, math.ceil(window / max(len(queues), 1)))
    if not isinstance(per_source, int) or per_source < 1:
        raise ValueError(f"per_source must be a positive int or None, got {per_source!r}.")

    # Sources whose head may be taken sit in a heap by their head's rank; the
    # ones at their cap wait in `blocked` until the window slides past them.
    heap = [(q[0][:2], src) for src, q in queues.items()]
    heap.sort()
    blocked: set[str] = set()
    recent: deque[str] = deque()
    count: Counter[str] = Counter()
    out: list[Item] = []
    while heap or blocked:
        if heap:
            _, src = heappop(heap)
        else:
            src = min(blocked, key=lambda s: queues[s][0][:2])
            blocked.discard(src)
        out.append(queues[src].popleft()[2])
        recent.append(src)
        count[src] += 1
        released = None
        if len(recent) > window - 1:
            released = recent.popleft()
            count[released] -= 1
        if released is not None and released != src and released in blocked and count[released] < per_source:
            blocked.discard(released)
            heappush(heap, (queues[released][0][:2], released))
        if queues[src]:
            if count[src] < per_source:
                heappush(heap, (queues[src][0][:2], src))
            else:
                blocked.add(src)
    return out


def prepare_queue(items: Sequence[Item], store: LabelStore, tagger=None, *, order: str = "uncertain",
                  window: int = 10, per_source: int | None = None) -> list[Item]:
    """The items still to label, scored and in labeling order.

    Items whose id is already in ``store`` are left out, so a rerun resumes.

    Parameters
    ----------
    items : sequence of Item
    store : LabelStore
    tagger : ThemeTagger, optional
        Scores the items; without it nothing is suggested and input order is kept.
    order : {"uncertain", "input"}
        Active-learning order (:func:`order_queue`) or input order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = LabelStore(pathlib.Path(tempfile.mkdtemp()) / "labels.jsonl")
    >>> [i.id for i in prepare_queue([Item("a", "A", "f"), Item("b", "B", "f")], store, order="input")]
    ['a', 'b']
    """
    if order not in ("uncertain", "input"):
        raise ValueError(f"order must be 'uncertain' or 'input', got {order!r}.")
    decided = store.decided
    todo = [item for item in items if item.id not in decided]
    if tagger is not None and todo:
        todo = score_items(todo, tagger)
    if order == "input" or tagger is None:
        return todo
    return order_queue(todo, window=window, per_source=per_source)
