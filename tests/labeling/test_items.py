"""Reading the texts to label from text, JSONL, CSV, XLSX and Parquet files; stable ids; uncertainty."""

from __future__ import annotations

import json

import pytest

from luktheme.errors import LabelError
from luktheme.labeling import read_items, text_id, uncertainty
from luktheme.taxonomy import THEMES

from ..conftest import CUT, TAG_ROWS, write_tag_output


def test_read_items_from_text_file_dedups_and_derives_stable_ids(tmp_path):
    path = tmp_path / "tiltak.txt"
    path.write_text("\ufeffKurs i planstrategi\n\n  Nytt torg i sentrum  \nKurs  i planstrategi\n", encoding="utf-8")
    items = read_items(path)
    assert [i.text for i in items] == ["Kurs i planstrategi", "Nytt torg i sentrum"]
    assert [i.id for i in items] == [text_id("Kurs i planstrategi"), text_id("Nytt torg i sentrum")]
    assert {i.source for i in items} == {"tiltak.txt"}


@pytest.mark.parametrize("name, delimiter", [("tags.csv", ","), ("tags.csv", ";"), ("tags.tsv", "\t"),
                                             ("tags.jsonl", None)])
def test_read_items_from_tag_output(tmp_path, name, delimiter):
    items = read_items(write_tag_output(tmp_path / name, delimiter=delimiter or ","))
    assert [i.text for i in items] == [row[4] for row in TAG_ROWS]
    assert [i.source for i in items] == [row[0] for row in TAG_ROWS]
    assert str(items[1].meta["page"]) == "3" and items[3].meta["heading"] == "Mål"
    # Ids come from the text, so CSV, JSONL and a re-extraction all line up.
    assert items[0].id == text_id(TAG_ROWS[0][4])


def test_read_items_from_xlsx_and_parquet_tag_output(tmp_path):
    import pandas as pd

    frame = pd.read_csv(write_tag_output(tmp_path / "tags.csv"))
    frame.to_excel(tmp_path / "tags.xlsx", index=False)
    frame.to_parquet(tmp_path / "tags.parquet")
    for name in ("tags.xlsx", "tags.parquet"):
        items = read_items(tmp_path / name)
        assert [i.source for i in items] == [row[0] for row in TAG_ROWS]
        assert items[2].meta["index"] == 2 and items[2].text == TAG_ROWS[2][4]


def test_read_items_keeps_ids_of_a_label_file_and_drops_its_origin(tmp_path):
    path = tmp_path / "written.jsonl"
    path.write_text(json.dumps({"id": "w-1", "text": "Nytt torg", "labels": ["stedsutvikling"], "origin": "written",
                                "group": "written:x", "lang": "nn", "source_doc": "Plan X"}) + "\n", encoding="utf-8")
    [item] = read_items(path)
    assert (item.id, item.source, item.meta) == ("w-1", "Plan X", {"group": "written:x", "lang": "nn"})


def test_read_items_errors_name_the_input_and_the_fix(tmp_path):
    with pytest.raises(LabelError, match=r"nope\.txt: no such file"):
        read_items(tmp_path / "nope.txt")
    table = tmp_path / "t.csv"
    table.write_text("tiltak,side\nKurs i planstrategi,3\n", encoding="utf-8")
    with pytest.raises(LabelError, match=r"t\.csv:2: no 'text' or 'tekst' column \(found: tiltak, side\)\. "
                                         r"Pass --text-column NAME"):
        read_items(table)
    assert read_items(table, text_column="Tiltak")[0].text == "Kurs i planstrategi"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(LabelError, match=r"bad\.jsonl:2: not valid JSON"):
        read_items(bad)
    clash = tmp_path / "clash.jsonl"
    clash.write_text('{"id": "a", "text": "Kurs"}\n{"id": "a", "text": "Torg"}\n', encoding="utf-8")
    with pytest.raises(LabelError, match=r"clash\.jsonl:2: id 'a' was already used for another text"):
        read_items(clash)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(LabelError, match="no texts to label"):
        read_items(empty)


def test_uncertainty_is_closeness_of_the_least_certain_theme_to_its_threshold():
    cut = {**CUT, "bolyst": 0.2}
    sure = dict.fromkeys(THEMES, 0.0)
    assert uncertainty(sure, cut) == 0.0
    assert uncertainty({**sure, "bolyst": 0.2}, cut) == 1.0
    # Distances are relative to the room on each side of the threshold.
    assert uncertainty({**sure, "bolyst": 0.6}, cut) == pytest.approx(0.5)
    assert uncertainty({**sure, "bolyst": 0.1}, cut) == pytest.approx(0.5)


def test_items_from_a_tag_table_keep_section_and_role(tmp_path):
    import pandas as pd

    from luktheme.labeling import read_items

    path = tmp_path / "tags.csv"
    pd.DataFrame([{"file": "plan.pdf", "page": 2, "section": "Handlingsdel > Innsatsområde 1", "heading": "Tiltak",
                   "index": 0, "kind": "row", "role": "tiltak", "text": "Etablere eit sentrumsforum"}]).to_csv(path)
    item = read_items(path)[0]
    assert (item.meta["section"], item.meta["role"]) == ("Handlingsdel > Innsatsområde 1", "tiltak")
