import json
from collections import Counter

import pytest

import luktheme
from luktheme.corpus import Example, data_hash, label_matrix, read_examples, write_examples
from luktheme.errors import LabelError
from luktheme.seed import read_seed
from luktheme.taxonomy import THEMES, check_themes

from .conftest import ROOT


def write(tmp_path, rows, name="rows.jsonl"):
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("row, message", [
    ({"id": "a", "text": "Kurs", "labels": ["bolys"]}, r"rows.jsonl:1: unknown theme 'bolys'"),
    ({"id": "a", "text": "  ", "labels": []}, r"rows.jsonl:1: row 'a' has no text"),
    ({"id": "a", "labels": []}, r"rows.jsonl:1: row 'a' has no text"),
    ({"text": "Kurs", "labels": []}, r"rows.jsonl:1: missing 'id'"),
    ({"id": "a", "text": "Kurs"}, r"has no 'labels'. Use \[\]"),
    ({"id": "a", "text": "Kurs", "labels": "bolyst"}, r"must be a list"),
    ({"id": "a", "text": "Kurs", "labels": [], "origin": "web"}, r"origin 'web'"),
    ("{not json", r"rows.jsonl:1: not valid JSON"),
    ("[1, 2]", r"expected a JSON object"),
], ids=["unknown-theme", "blank-text", "no-text", "no-id", "no-labels", "labels-str", "bad-origin", "json", "array"])
def test_bad_rows_name_file_and_line(tmp_path, row, message):
    with pytest.raises(LabelError, match=message):
        read_examples(write(tmp_path, [row]))


def test_duplicate_id_across_files(tmp_path):
    write(tmp_path, [{"id": "x", "text": "a", "labels": []}], "a.jsonl")
    write(tmp_path, [{"id": "x", "text": "b", "labels": []}], "b.jsonl")
    with pytest.raises(LabelError, match=r"b.jsonl:1: duplicate id 'x' \(first seen at .*a.jsonl:1\)"):
        read_examples(tmp_path)


def test_not_utf8(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes('{"id": "a", "text": "Tilflytting til bygda på Røros", "labels": []}\n'.encode("cp1252"))
    with pytest.raises(LabelError, match="not UTF-8"):
        read_examples(path)


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(LabelError, match="no such file"):
        read_examples(tmp_path / "nope.jsonl")
    with pytest.raises(LabelError, match="no \\*.jsonl"):
        read_examples(tmp_path)


def test_round_trip_keeps_order_and_provenance(tmp_path):
    rows = [Example("b", "Kurs", ("kompetanseheving",), {"origin": "written", "lang": "nn", "group": "g1"}),
            Example("a", "Ny veg", (), {"origin": "written", "lang": "nb", "group": "g1"})]
    back = read_examples(write_examples(rows, tmp_path / "out.jsonl"))
    assert [(e.id, e.labels, e.lang, e.group) for e in back] == [("b", ("kompetanseheving",), "nn", "g1"),
                                                                 ("a", (), "nb", "g1")]
    assert data_hash(back) == data_hash(rows)
    assert data_hash(back[:1]) != data_hash(rows)


def test_check_themes_orders_and_rejects_string():
    assert check_themes(["statistikk", "bolyst", "bolyst"]) == ("bolyst", "statistikk")
    with pytest.raises(LabelError, match=r"Write it as \['bolyst'\]"):
        check_themes("bolyst")


def test_label_matrix_columns_follow_taxonomy():
    Y = label_matrix([["statistikk"], [], ["bolyst", "planstrategi"]])
    assert Y.tolist() == [[0, 0, 0, 0, 1], [0, 0, 0, 0, 0], [1, 1, 0, 0, 0]]
    with pytest.raises(TypeError):
        label_matrix("bolyst")


# The shipped training set.

@pytest.fixture(scope="module")
def data():
    return read_examples(ROOT / "data")


def test_shipped_data_is_valid_and_balanced(data):
    origins = Counter(e.origin for e in data)
    units = [e for e in data if e.origin == "seed" and "parent" not in e.meta]
    assert len(units) == 99 and origins["written"] >= 300
    # The goal sentences that the document reader splits off stay inside their seed paragraph and its group.
    by_id = {e.id: e for e in units}
    sentences = [e for e in data if e.origin == "seed" and "parent" in e.meta]
    assert sentences and origins["seed"] == 99 + len(sentences)
    for e in sentences:
        parent = by_id[e.meta["parent"]]
        assert e.text in parent.text and e.meta["group"] == parent.meta["group"]
    written = [e for e in data if e.origin == "written"]
    langs = Counter(e.lang for e in written)
    assert langs["nb"] >= 0.35 * len(written) and langs["nn"] >= 0.35 * len(written)
    ours = [e for e in data if e.origin in ("seed", "written")]
    assert 0.25 <= sum(not e.labels for e in ours) / len(ours) <= 0.40
    # Blind rows were written topic-first about local development and its neighbouring subjects
    # (roads, care, schools, funding), so more of them carry no theme than in the rows written to a label.
    blind = [e for e in data if e.origin == "blind"]
    assert len(blind) >= 1500 and 0.30 <= sum(not e.labels for e in blind) / len(blind) <= 0.55
    assert sum(len(e.text.split()) <= 8 for e in blind) >= 0.15 * len(blind)
    for theme in THEMES:
        assert sum(theme in e.labels for e in data) >= 60, theme
    assert all(e.meta.get("group") and e.meta.get("source_doc") for e in data)


def test_seed_rows_match_the_parsed_document(data):
    seed = [e for e in data if e.origin == "seed"]
    assert [e.text for e in seed if "parent" not in e.meta] == [u.text for u in read_seed()]
    assert all(e.group == f"seed:{e.meta['county']}" for e in seed)


def test_both_annotation_passes_cover_every_row(data):
    ids = [e.id for e in data if e.origin != "blind"]
    for name in ("pass_a", "pass_b"):
        rows = [json.loads(line) for line in (ROOT / "data" / "annotation" / f"{name}.jsonl").open(encoding="utf-8")]
        assert sorted(r["id"] for r in rows) == sorted(ids)


def test_public_reader_is_exported():
    assert luktheme.read_examples is read_examples


def test_blind_rows_have_both_passes_and_test_writers_are_not_training_writers(data):
    blind = [e for e in data if e.origin == "blind"]
    heldout = {split: read_examples(ROOT / "data" / "heldout" / f"blind_{split}.jsonl") for split in ("dev", "test")}
    ids = [e.id for e in blind] + [e.id for rows in heldout.values() for e in rows]
    for name in ("blind_pass_a", "blind_pass_b"):
        rows = [json.loads(line) for line in (ROOT / "data" / "annotation" / f"{name}.jsonl").open(encoding="utf-8")]
        assert sorted(r["id"] for r in rows) == sorted(ids)
    writers = {split: {e.meta["writer"] for e in rows} for split, rows in heldout.items()}
    writers["train"] = {e.meta["writer"] for e in blind}
    assert not writers["test"] & (writers["train"] | writers["dev"]) and not writers["dev"] & writers["train"]
    assert len(heldout["test"]) >= 300
    genres = {e.meta["genre"] for e in blind}
    assert len(genres) >= 15 and 0.4 <= sum(e.lang == "nn" for e in blind) / len(blind) <= 0.6
