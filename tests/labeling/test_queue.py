"""The labeling queue: least certain first, no source crowding it, decided ids left out."""

from __future__ import annotations

import pytest

from luktheme.labeling import LabelStore, order_queue, prepare_queue, read_items

from ..conftest import scored, write_tag_output


def test_order_queue_puts_uncertain_first_without_letting_one_source_fill_it():
    crowded = [scored(f"a{k}", "A", bolyst=0.5 - k / 100) for k in range(12)]
    others = [scored("b0", "B", bolyst=0.2), scored("c0", "C", bolyst=0.1), scored("d0", "D", bolyst=0.95)]
    items = crowded + others
    plain = order_queue(items, window=1)
    assert [i.id for i in plain] == [f"a{k}" for k in range(12)] + ["b0", "c0", "d0"]
    ordered = order_queue(items, window=8)
    ids = [i.id for i in ordered]
    assert sorted(ids) == sorted(i.id for i in items)
    # At most ceil(8 / 4 sources) = 2 from A in any 8 in a row, until only A is left.
    assert ids[:6] == ["a0", "a1", "b0", "c0", "d0", "a2"]
    # Within a source, most uncertain first.
    assert [i for i in ids if i.startswith("a")] == [f"a{k}" for k in range(12)]
    with pytest.raises(ValueError, match="window must be a positive int"):
        order_queue(items, window=0)


def test_prepare_queue_skips_decided_ids(tmp_path, tagger):
    items = read_items(write_tag_output(tmp_path / "tags.csv"))
    with LabelStore(tmp_path / "labels.jsonl") as store:
        store.record(items[0], ["planstrategi"])
        queue = prepare_queue(items, store, tagger)
    assert items[0].id not in {i.id for i in queue} and len(queue) == len(items) - 1
    assert all(i.scores is not None for i in queue)
    assert queue[0].uncertainty == max(i.uncertainty for i in queue)
