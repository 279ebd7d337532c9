"""The label file: valid training rows, undo, repair after a crash, one session at a time; agreement of two."""

from __future__ import annotations

import json
import re

import pytest

import luktheme
from luktheme.errors import LabelError
from luktheme.labeling import Item, LabelStore
from luktheme.taxonomy import THEMES

from ..conftest import CUT


def test_store_rows_are_valid_training_rows_with_provenance(tmp_path):
    path = tmp_path / "out" / "labels.jsonl"
    item = Item("m1", "Kurs i planstrategi", "plan-a.pdf", {"page": 3, "index": 0},
                scores={**dict.fromkeys(THEMES, 0.1), "planstrategi": 0.9}, thresholds=CUT)
    with LabelStore(path, annotator="kari") as store:
        store.record(item, ["kompetanseheving", "planstrategi"])
        store.record(Item("m2", "Asfaltere vegen", "plan-a.pdf"), [])
        with pytest.raises(LabelError, match="'m1' is already labeled. Undo that decision first"):
            store.record(item, [])
        with pytest.raises(LabelError, match="unknown theme 'kurs'"):
            store.record(Item("m3", "x", "f"), ["kurs"])
    [first, second] = luktheme.read_examples(path)
    assert first.labels == ("planstrategi", "kompetanseheving") and second.labels == ()
    assert first.meta["source"] == "plan-a.pdf" and first.group == "plan-a.pdf"
    assert first.meta["annotator"] == "kari" and re.match(r"\d{4}-\d\d-\d\dT", first.meta["labeled_at"])
    assert first.meta["suggested"] == ["planstrategi"] and first.meta["page"] == 3
    assert "origin" not in first.meta
    assert LabelStore(path).decided == {"m1": ("planstrategi", "kompetanseheving"), "m2": ()}


def test_store_retract_rewrites_the_file_and_only_undoes_the_last_row(tmp_path):
    path = tmp_path / "labels.jsonl"
    with LabelStore(path) as store:
        for name in ("a", "b", "c"):
            store.record(Item(name, f"text {name}", "f"), ["bolyst"])
        with pytest.raises(LabelError, match=r"only the last row \('c'\) can be undone"):
            store.retract("a")
        assert store.retract("c")["id"] == "c"
        store.record(Item("d", "text d", "f"), [])
    assert [e.id for e in luktheme.read_examples(path)] == ["a", "b", "d"]
    assert not list(tmp_path.glob(".labels.jsonl.*"))


def test_store_drops_a_line_cut_short_by_a_crash(tmp_path):
    path = tmp_path / "labels.jsonl"
    good = json.dumps({"id": "a", "text": "Kurs", "labels": ["kompetanseheving"]})
    path.write_text(good + "\n" + '{"id": "b", "text": "Tor', encoding="utf-8")
    before = path.read_bytes()
    store = LabelStore(path)
    assert store.repaired == 1 and list(store.decided) == ["a"]
    assert path.read_bytes() == before  # reading alone changes nothing
    store.record(Item("b", "Torg", "f"), ["stedsutvikling"])
    store.close()
    assert [e.id for e in luktheme.read_examples(path)] == ["a", "b"]
    # A complete last row without its newline is kept, and the next row starts on a line of its own.
    path.write_text(good, encoding="utf-8")
    with LabelStore(path) as store:
        assert store.repaired == 0
        store.record(Item("c", "Analyse", "f"), ["statistikk"])
    assert [e.id for e in luktheme.read_examples(path)] == ["a", "c"]


def test_store_rejects_damaged_files_and_a_second_session(tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"id": "a", "text": "x", "labels": []}\nnot json\n{"id": "b", "labels": []}\n', encoding="utf-8")
    with pytest.raises(LabelError, match=r"labels\.jsonl:2: not valid JSON .* choose another -o file"):
        LabelStore(path)
    path.write_text('{"id": "a", "labels": []}\n{"id": "a", "labels": ["bolyst"]}\n', encoding="utf-8")
    with pytest.raises(LabelError, match=r"labels\.jsonl:2: duplicate id 'a' \(first at line 1\)"):
        LabelStore(path)
    other = tmp_path / "shared.jsonl"
    first = LabelStore(other)
    first.record(Item("a", "x", "f"), [])
    with pytest.raises(LabelError, match="another labeling session is writing this file"):
        LabelStore(other).open()
    with pytest.raises(LabelError, match="another labeling session is writing this file"):
        LabelStore(other).record(Item("b", "y", "f"), [])
    first.close()
    with LabelStore(other).open() as second:
        assert list(second.decided) == ["a"]
