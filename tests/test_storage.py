"""Model folders: --force replaces only luktheme's own; damaged files are a ModelError."""

from __future__ import annotations

import shutil

import pytest

import luktheme
from luktheme.cli import main
from luktheme.errors import ModelError
from luktheme.storage import check_replaceable


def test_force_refuses_a_folder_that_is_not_a_model(labels, tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(labels, data / "labels.jsonl")
    assert main(["train", str(labels), "-o", str(data), "-F", "--no-evaluate", "-q"]) == 2
    err = capsys.readouterr().err
    assert "is not a luktheme model folder" in err and "labels.jsonl" in err and "--force" not in err.split(".")[-1]
    assert (data / "labels.jsonl").read_bytes() == labels.read_bytes()


def test_force_refuses_a_model_folder_holding_user_files(labels, model_copy, capsys):
    (model_copy / "my_notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["train", str(labels), "-o", str(model_copy), "-F", "--no-evaluate", "-q"]) == 2
    assert "my_notes.txt" in capsys.readouterr().err
    assert (model_copy / "my_notes.txt").read_text(encoding="utf-8") == "keep me"


def test_force_replaces_a_model_folder(labels, model_copy):
    before = (model_copy / "weights.npz").read_bytes()
    assert main(["train", str(labels), "-o", str(model_copy), "-F", "--no-evaluate", "-q"]) == 0
    assert (model_copy / "weights.npz").read_bytes() != before
    assert luktheme.load(model_copy)("Nytt torg i sentrum").themes == ("stedsutvikling",)


def test_check_replaceable_refuses_a_file(tmp_path):
    f = tmp_path / "out.csv"
    f.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not a folder"):
        check_replaceable(f)


def test_no_model_error_suggests_overwriting_its_input(labels, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(labels, data / "labels.jsonl")
    with pytest.raises(ModelError) as err:
        luktheme.load(data)
    message = str(err.value)
    assert "--force" not in message and f"-o {data}" not in message and "NEW_FOLDER" in message


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_damaged_weights_are_a_model_error(model_copy, damage):
    weights = model_copy / "weights.npz"
    data = weights.read_bytes()
    weights.write_bytes({"truncate": data[: len(data) // 2], "garbage": b"\x00" * 500, "empty": b""}[damage])
    with pytest.raises(ModelError, match="damaged model files"):
        luktheme.load(model_copy)


@pytest.mark.parametrize("content", ["[1, 2]", "{broken", ""])
def test_damaged_meta_is_a_model_error(model_copy, content):
    (model_copy / "meta.json").write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match="meta.json"):
        luktheme.load(model_copy)


def test_damaged_vocabulary_is_a_model_error(model_copy):
    (model_copy / "vectorizer.json").write_text('{"words": 3}', encoding="utf-8")
    with pytest.raises(ModelError, match="damaged"):
        luktheme.load(model_copy)
