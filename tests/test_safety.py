"""What the user owns survives every flag; damaged or foreign input gets a clear error."""

from __future__ import annotations

import json
import shutil

import pytest

import luktheme
from luktheme.cli import main
from luktheme.errors import ModelError
from luktheme.storage import DEFAULT_MODEL, check_replaceable
from luktheme._paths import models_dir



@pytest.fixture
def model_copy(tmp_path):
    dst = tmp_path / "model"
    shutil.copytree(models_dir() / DEFAULT_MODEL, dst)
    return dst


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


# --------------------------------------------------------------------------- tagging documents

def _plan(folder, name="plan.md", line="Kartlegge boligbehovet i kommunen"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"# Tiltak\n\n- {line}\n", encoding="utf-8")
    return path


def test_interrupt_never_overwrites_an_existing_partial_file(tmp_path, monkeypatch, capsys):
    import luktheme.documents as documents

    a, b = _plan(tmp_path / "in", "a.md"), _plan(tmp_path / "in", "b.md")
    real = documents.tag_file

    def interrupt_b(file, tagger, **kw):
        if str(file).endswith("b.md"):
            raise KeyboardInterrupt
        return real(file, tagger, **kw)

    monkeypatch.setattr(documents, "tag_file", interrupt_b)
    mine = tmp_path / "out.partial.csv"
    mine.write_text("my own file\n", encoding="utf-8")
    assert main(["tag", str(a), str(b), "-o", str(tmp_path / "out.csv")]) == 130
    assert mine.read_text(encoding="utf-8") == "my own file\n"
    assert "out.partial-2.csv" in capsys.readouterr().err
    assert "Kartlegge" in (tmp_path / "out.partial-2.csv").read_text(encoding="utf-8")


def test_interrupt_during_the_final_write_keeps_every_measure(tmp_path, monkeypatch, capsys):
    import luktheme.cli.tag as tag_command

    a = _plan(tmp_path / "in", "a.md")
    real = tag_command.write_table
    calls = []

    def interrupted_once(df, path, **kw):
        calls.append(path)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(df, path, **kw)

    monkeypatch.setattr(tag_command, "write_table", interrupted_once)
    assert main(["tag", str(a), "-o", str(tmp_path / "out.xlsx")]) == 130
    assert not (tmp_path / "out.xlsx").exists()
    kept = tmp_path / "out.partial.csv"
    assert "Kartlegge boligbehovet" in kept.read_text(encoding="utf-8")
    assert str(kept) in capsys.readouterr().err


def test_a_self_looping_link_is_a_listed_failure(tmp_path, capsys):
    from luktheme.readers import find_documents

    root = tmp_path / "in"
    _plan(root, "a.md")
    (root / "loop.md").symlink_to(root / "loop.md")
    files, problems, _ = find_documents([root])
    assert [f.name for f in files] == ["a.md"]
    assert "symbolic link" in dict(problems)[str(root / "loop.md")]
    assert main(["tag", str(root), "-o", str(tmp_path / "out.csv")]) == 1
    assert "loop.md" in capsys.readouterr().err
    assert "Kartlegge" in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    import os

    from luktheme.readers import find_documents

    root = tmp_path / "in"
    _plan(root / "sub", "b.md")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):  # a folder whose listing fails, as for another user's folder
        onerror(PermissionError(13, "Permission denied", str(root / "sub")))
        return real_walk(top, onerror=onerror, **kw)

    monkeypatch.setattr(os, "walk", walk)
    _, problems, _ = find_documents([root])
    assert dict(problems)[str(root / "sub")].startswith("folder cannot be read (Permission denied)")


@pytest.mark.parametrize("where", ["parent_is_file", "proc", "existing_folder"])
def test_output_path_is_checked_before_any_document_is_read(tmp_path, monkeypatch, capsys, where):
    import luktheme.documents as documents

    a = _plan(tmp_path / "in", "a.md")
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    (tmp_path / "folder.csv").mkdir()
    out = {"parent_is_file": blocker / "out.csv", "proc": "/proc/out.csv", "existing_folder": tmp_path / "folder.csv"}
    monkeypatch.setattr(documents, "tag_file", lambda *a, **k: pytest.fail("a document was read"))
    assert main(["tag", str(a), "-o", str(out[where]), "-F"]) == 2
    assert "Cannot write" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "x" and (tmp_path / "folder.csv").is_dir()


@pytest.mark.parametrize("name", ["missing.pdf", "notes.odt"])
def test_missing_or_unsupported_inputs_are_refused_up_front(tmp_path, capsys, name):
    a = _plan(tmp_path / "in", "a.md")
    if name.endswith(".odt"):
        (tmp_path / name).write_bytes(b"PK")
    out = tmp_path / "out.csv"
    assert main(["tag", str(a), str(tmp_path / name), "-o", str(out)]) == 2
    assert name in capsys.readouterr().err and not out.exists()


# --------------------------------------------------------------------------- odd texts and files

@pytest.mark.parametrize("texts", [["x"], ["中文 文本"], ["Привет мир"], ["•"], ["Kurs i planstrategi", "x"]])
def test_texts_without_a_known_ngram_are_tagged(tagger, texts):
    out = list(tagger.pipe(texts))
    assert out[-1].themes == () and len(out) == len(texts)
    assert tagger(texts[-1]).themes == ()


def test_a_very_long_text_is_tagged_not_refused(tagger):
    assert tagger("x" * 1_000_000).themes == ()
    prose = " ".join(["Kommunen skal kartlegge boligbehovet i regionen."] * 25_000)  # 1.2 M characters
    assert "statistikk" in tagger(prose).themes


def test_a_five_megabyte_line_is_read(tmp_path):
    from luktheme.segments import read_document

    f = tmp_path / "one-line.txt"
    f.write_text(" ".join(["Kommunen skal kartlegge boligbehovet i regionen."] * 110_000), encoding="utf-8")
    assert f.stat().st_size > 5_000_000
    measures = read_document(f)
    assert len(measures) == 110_000 and measures[-1].text == "Kommunen skal kartlegge boligbehovet i regionen."


def test_characters_that_are_not_text_are_replaced_with_one_warning(tagger):
    from luktheme.errors import TextCleanedWarning

    with pytest.warns(TextCleanedWarning, match="2 character"):
        t = tagger("\x00\ud800 Kurs i planstrategi for kommunane")
    assert t.text == "\ufffd\ufffd Kurs i planstrategi for kommunane" and "planstrategi" in t.themes
    json.dumps(t.text).encode("utf-8")  # the result can be written out


def test_tag_text_takes_stdin_that_is_not_utf8(monkeypatch, capsys):
    import io

    class Stdin:
        buffer = io.BytesIO("Kurs i planstrategi for kommunane på Hadeland\nKartlegge\x00 boligbehovet\n"
                            .encode("latin-1"))

    monkeypatch.setattr("sys.stdin", Stdin)
    assert main(["tag-text"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2 and "planstrategi" in rows[0]["themes"]
    assert "not UTF-8" in err and err.count("U+FFFD") == 2


def test_tag_text_takes_an_argument_that_is_not_utf8(capsys):
    arg = b"Kurs i planstrategi \xff".decode("utf-8", "surrogateescape")  # what Python makes of such argv
    assert main(["tag-text", arg]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["text"] == "Kurs i planstrategi \ufffd" and "U+FFFD" in err


def test_a_docx_decompression_bomb_is_refused_without_reading_it(tmp_path):
    import zipfile

    from luktheme.errors import DocumentError
    from luktheme.readers.docx import MAX_DOCX_UNPACKED
    from luktheme.segments import read_document

    bomb = tmp_path / "bomb.docx"
    chunk = b"<w:t>" + b"a" * (2**20 - 5)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for _ in range(MAX_DOCX_UNPACKED // 2**20 + 10):
                fh.write(chunk)
    assert bomb.stat().st_size < 2 * 2**20
    with pytest.raises(DocumentError, match="too large: it unpacks to 210 MB"):
        read_document(bomb)


@pytest.mark.parametrize("content, what", [(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20, "a program"),
                                           (b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image"),
                                           (bytes(range(256)) * 40, "a binary file")])
def test_a_binary_file_named_txt_is_reported_as_not_text(tmp_path, content, what):
    from luktheme.errors import DocumentError
    from luktheme.segments import read_document

    f = tmp_path / "plan.txt"
    f.write_bytes(content)
    with pytest.raises(DocumentError, match=f"not a text file: it looks like {what}"):
        read_document(f)


def test_latin1_and_utf8_text_files_are_still_read(tmp_path):
    from luktheme.segments import read_document

    for enc in ("utf-8", "cp1252"):
        f = tmp_path / f"plan-{enc}.txt"
        f.write_bytes("Tiltak\n\n- Kartlegge behovet for bustader i Bø og Førde\n".encode(enc))
        assert [m.text for m in read_document(f)] == ["Kartlegge behovet for bustader i Bø og Førde"]


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, time, pathlib
        import luktheme, luktheme.documents as documents
        def slow(file):
            with open({str(pids)!r}, "a") as fh:
                fh.write(f"{{os.getpid()}}\\n")
            time.sleep(300)
        documents._work = slow
        files = []
        for i in range(4):
            p = pathlib.Path({str(tmp_path)!r}) / f"{{i}}.md"
            p.write_text("- Kartlegge boligbehovet i kommunen\\n", encoding="utf-8")
            files.append(p)
        list(documents.iter_results(files, luktheme.load(), jobs=2))
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while (not pids.exists() or len(pids.read_text().split()) < 2) and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = [int(p) for p in pids.read_text().split()]
        assert len(workers) == 2
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A zombie waits for its (new) parent to reap it: it is gone for our purpose.
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().split(") ")[1][0] != "Z"
        except OSError:
            return True

    deadline = time.monotonic() + 10
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(p) for p in workers)


# --------------------------------------------------------------------------- first use

def test_every_option_of_every_command_has_help_and_the_description_is_for_users():
    import argparse

    from luktheme.cli import build_parser

    parser = build_parser()
    assert "thin wrappers" not in parser.description and "tiltak" in parser.description
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                missing += [f"{name} {a.option_strings or a.dest}" for a in sub._actions
                            if not a.help and not isinstance(a, argparse._HelpAction)]
    assert missing == []


def test_evaluate_and_audit_default_to_the_project_data_from_any_folder(tmp_path, monkeypatch):
    from luktheme._paths import data_dir
    from luktheme.cli import build_parser

    monkeypatch.chdir(tmp_path)
    args = build_parser().parse_args(["evaluate"])
    assert args.data == [] and (data_dir() / "seed.jsonl").is_file()
    assert str(data_dir()) in build_parser()._subparsers._group_actions[0].choices["audit"].format_help()


def test_evaluate_reports_progress_with_time_left(capsys):
    from luktheme.baselines import KeywordRules
    from luktheme.corpus import Example
    from luktheme.evaluation import evaluate

    rows = [Example(str(i), t, l, {"group": str(i % 5)}) for i, (t, l) in enumerate(
        [("Kurs for nye tilsette", ("kompetanseheving",)), ("Ny veg", ())] * 5)]
    lines = []
    evaluate(rows, {"rules": KeywordRules}, n_repeats=1, curve=False, n_jobs=1, progress=lines.append)
    assert len(lines) == 5 and lines[-1].startswith("5x1 CV: fit 5/5 done (rules, repeat 1, fold 5)")
    assert "min so far" in lines[0] and "min left" in lines[0]
    evaluate(rows, {"rules": KeywordRules}, n_repeats=1, curve=False, n_jobs=1)
    assert "fit 5/5 done" in capsys.readouterr().err


def test_parallel_evaluation_gives_the_same_figures(toy):
    from luktheme.corpus import Example
    from luktheme.evaluation import evaluate
    from luktheme.model import ThemeClassifier

    texts, labels = toy
    rows = [Example(str(i), t, tuple(l), {"group": str(i % 6)}) for i, (t, l) in enumerate(zip(texts, labels))]
    models = {"luktheme": lambda: ThemeClassifier(threshold_folds=0)}
    one = evaluate(rows, models, n_splits=3, n_repeats=1, curve=True, n_jobs=1, progress=False)
    two = evaluate(rows, models, n_splits=3, n_repeats=1, curve=True, n_jobs=2, progress=False)
    assert (one.predictions["luktheme"] == two.predictions["luktheme"]).all()
    assert one.curves == two.curves


def test_parquet_without_pyarrow_is_a_clear_error_before_any_work(tmp_path, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    a = _plan(tmp_path / "in", "a.md")
    assert main(["tag", str(a), "-o", str(tmp_path / "out.parquet")]) == 2
    assert "pip install 'luktheme[parquet]'" in capsys.readouterr().err
    assert not (tmp_path / "out.parquet").exists()
    assert main(["tag", str(a), "-o", str(tmp_path / "out.csv")]) == 0  # the other formats need nothing more


def test_agreement_fills_the_texts_of_the_shipped_pass_files(tmp_path, capsys):
    from luktheme._paths import data_dir
    from luktheme.labeling import read_items

    out = tmp_path / "dis.jsonl"
    passes = data_dir() / "annotation"
    assert main(["agreement", str(passes / "pass_a.jsonl"), str(passes / "pass_b.jsonl"),
                 "--disagreements", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["text"] for r in rows)
    err = capsys.readouterr().err
    suggested = err.split("`luktheme label ")[1].split("`")[0].split()
    assert suggested[0] == str(out) and suggested[-1] != str(out)  # never labels over its own input
    assert [i.id for i in read_items(out)] == [r["id"] for r in rows]  # the suggested command can read it


def test_agreement_says_how_to_fill_missing_texts(tmp_path, capsys):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"id": "x1", "labels": ["bolyst"]}\n', encoding="utf-8")
    b.write_text('{"id": "x1", "labels": []}\n', encoding="utf-8")
    assert main(["agreement", str(a), str(b), "--disagreements", str(tmp_path / "d.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "--texts" in err and "luktheme label" not in err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl", ".parquet"])
def test_force_replaces_only_tables_luktheme_wrote(tmp_path, suffix):
    import pandas as pd

    from luktheme.documents import frame
    from luktheme.tables import is_own_output, write_table

    ours = write_table(frame([]), tmp_path / f"ours{suffix}")
    assert is_own_output(ours)
    theirs = tmp_path / f"theirs{suffix}"
    table = pd.DataFrame({"navn": ["Kari"], "telefon": [99]})
    {".csv": lambda: table.to_csv(theirs, index=False), ".xlsx": lambda: table.to_excel(theirs, index=False),
     ".jsonl": lambda: table.to_json(theirs, orient="records", lines=True),
     ".parquet": lambda: table.to_parquet(theirs)}[suffix]()
    before = theirs.read_bytes()
    assert not is_own_output(theirs)
    with pytest.raises(FileExistsError, match="was not written by luktheme"):
        write_table(frame([]), theirs, force=True)
    assert theirs.read_bytes() == before
    write_table(frame([]), ours, force=True)


def test_audit_and_disagreements_never_replace_a_user_file(tmp_path, labels, capsys):
    mine = tmp_path / "mine.csv"
    mine.write_text("notat\nmitt\n", encoding="utf-8")
    assert main(["audit", str(labels), "-o", str(mine), "-F", "-q"]) == 2
    a = tmp_path / "a.jsonl"
    a.write_text('{"id": "x1", "labels": ["bolyst"]}\n', encoding="utf-8")
    assert main(["agreement", str(a), str(a), "--disagreements", str(mine), "-F"]) == 2
    assert mine.read_text(encoding="utf-8") == "notat\nmitt\n"
    assert capsys.readouterr().err.count("was not written by luktheme") == 2
