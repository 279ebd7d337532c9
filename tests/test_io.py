"""Writing files: one permission rule and atomic replacement for every file the library writes."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pytest

from luktheme._io import JsonlError, atomic_path, file_mode, iter_jsonl, refuse_existing
from luktheme.audit import write_audit
from luktheme.corpus import Example, write_examples
from luktheme.errors import LabelError
from luktheme.labeling import Item, LabelStore
from luktheme.tables import write_table


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_every_written_file_gets_the_mode_of_the_umask(tmp_path, umask_027):
    rows = tmp_path / "rows.jsonl"
    write_examples([Example("a", "Kurs i planstrategi", ("planstrategi",))], rows)
    audit = write_audit([{"id": "a", "theme": "bolyst", "text": "x"}], tmp_path / "audit.csv")
    table = write_table(pd.DataFrame({"file": ["a.txt"], "text": ["x"]}), tmp_path / "tags.csv")
    store = LabelStore(tmp_path / "labels.jsonl")
    store.record(Item("i1", "Kurs", "a.txt"), ["kompetanseheving"])
    store.record(Item("i2", "Torg", "a.txt"), ["stedsutvikling"])
    store.retract("i2")  # rewrites the file
    store.close()
    modes = {p.name: _mode(p) for p in (rows, audit, table, store.path)}
    assert set(modes.values()) == {0o640}, modes
    assert file_mode() == 0o640


def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("gammel", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_path(target) as tmp:
            tmp.write_text("ny", encoding="utf-8")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_refuse_existing_names_the_file_and_the_flag(tmp_path):
    (tmp_path / "a.csv").write_text("x")
    with pytest.raises(FileExistsError, match=r"a\.csv exists\. To replace it, set the --force or -F flag"):
        refuse_existing(tmp_path / "a.csv", force=False)
    refuse_existing(tmp_path / "a.csv", force=True)
    refuse_existing(tmp_path / "b.csv", force=False)


def test_jsonl_reading_names_file_and_line_and_skips_only_a_torn_end(tmp_path):
    p = tmp_path / "rows.jsonl"
    p.write_text('{"id": "a"}\n\n{"id": "b"', encoding="utf-8")
    with pytest.raises(JsonlError, match=r"rows\.jsonl:3: not valid JSON"):
        list(iter_jsonl(p))
    assert [w.rsplit(":", 1)[1] for w, _ in iter_jsonl(p, skip_torn_end=True)] == ["1"]
    p.write_text('{"id": "a"}\n"b"\n', encoding="utf-8")
    with pytest.raises(LabelError, match=r"rows\.jsonl:2: expected a label row, got str"):
        list(iter_jsonl(p, error=LabelError, expected="a label row"))


def test_a_saved_model_folder_gets_the_mode_of_the_umask(tmp_path, umask_027):
    import luktheme

    out = luktheme.load().save(tmp_path / "model")
    assert _mode(out) == 0o750
    assert {_mode(f) for f in out.iterdir()} == {0o640}
