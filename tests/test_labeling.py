from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import signal
import sys
import time

import pytest

import luktheme
from luktheme.cli_label import main
from luktheme.errors import LabelError
from luktheme.labeling import (Item, LabelState, LabelStore, NoTerminalError, item_from_row, order_queue,
                               prepare_queue, read_items, render, require_terminal, text_id, uncertainty)
from luktheme.taxonomy import DEFINITIONS, THEMES

from .conftest import ROOT

CUT = dict.fromkeys(THEMES, 0.5)

# Rows as `luktheme tag` writes them: one per measure found in a plan document.
TAG_ROWS = [
    ("plan-a.pdf", 3, "Tiltak", 0, "Kurs i planstrategi, arealdel og samfunnsdel for kommunane"),
    ("plan-a.pdf", 3, "Tiltak", 1, "Nytt torg og møteplass i sentrum"),
    ("plan-a.pdf", 4, "Tiltak", 2, "Asfaltere fylkesvegen forbi skolen"),
    ("plan-b.docx", 1, "Mål", 0, "Analyse av tilflytting og fraflytting i regionen"),
    ("plan-b.docx", 2, "Mål", 1, "Velkomstpakke til nye innbyggjarar"),
    ("plan-b.docx", 2, "Mål", 2, "Fagsamling for saksbehandlere i kommunene"),
]


def write_tag_output(path, rows=TAG_ROWS, delimiter=","):
    columns = ["file", "page", "heading", "index", "text", "themes", *THEMES, *(f"score_{t}" for t in THEMES)]
    records = [dict(zip(columns[:5], row), themes="", **dict.fromkeys(THEMES, 0),
                    **{f"score_{t}": 0.1 for t in THEMES}) for row in rows]
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, columns, delimiter=delimiter)
            writer.writeheader()
            writer.writerows(records)
    return path


def scored(item_id, source="doc", **scores):
    return Item(item_id, f"text {item_id}", source, scores={**dict.fromkeys(THEMES, 0.0), **scores},
                thresholds=CUT)


# --- reading input ----------------------------------------------------------


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


# --- the queue ----------------------------------------------------------------


def test_uncertainty_is_closeness_of_the_least_certain_theme_to_its_threshold():
    cut = {**CUT, "bolyst": 0.2}
    sure = dict.fromkeys(THEMES, 0.0)
    assert uncertainty(sure, cut) == 0.0
    assert uncertainty({**sure, "bolyst": 0.2}, cut) == 1.0
    # Distances are relative to the room on each side of the threshold.
    assert uncertainty({**sure, "bolyst": 0.6}, cut) == pytest.approx(0.5)
    assert uncertainty({**sure, "bolyst": 0.1}, cut) == pytest.approx(0.5)


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


# --- the store ----------------------------------------------------------------


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


# --- the state machine --------------------------------------------------------


@pytest.fixture
def make_state(tmp_path):
    stores = []

    def make(items, **kwargs):
        store = LabelStore(tmp_path / "labels.jsonl", annotator="test")
        stores.append(store)
        return LabelState(items, store, **kwargs), store

    yield make
    for store in stores:
        store.close()


def test_keys_toggle_save_skip_and_mark_no_theme(make_state):
    items = [scored("a", bolyst=0.9), scored("b", statistikk=0.8), scored("c"), scored("d")]
    state, store = make_state(items)
    assert state.selection == {"bolyst"}  # the model's suggestion is preselected
    for key in ["1", "2", "4", "enter"]:
        state.press(key)
    assert store.decided == {"a": ("planstrategi", "kompetanseheving")}
    assert state.current.id == "b" and state.selection == {"statistikk"}
    state.press("0")
    state.press("s")
    state.press("x")
    assert "unknown key 'x'" in state.message
    state.press("enter")
    assert store.decided == {"a": ("planstrategi", "kompetanseheving"), "b": (), "d": ()}
    assert (state.saved, state.skipped, state.at_end, state.finished) == (3, 1, True, False)
    state.press("enter")
    assert state.finished


def test_undo_reverses_saves_and_skips_in_order(make_state):
    items = [scored("a", bolyst=0.9), scored("b"), scored("c")]
    state, store = make_state(items)
    state.press("3")
    state.press("enter")           # a: bolyst + stedsutvikling
    state.press("s")               # skip b
    state.press("u")               # undo the skip
    assert state.current.id == "b" and state.skipped == 0
    state.press("u")               # undo the save of a: its selection comes back
    assert state.current.id == "a" and state.selection == {"bolyst", "stedsutvikling"}
    assert store.decided == {} and luktheme.read_examples(store.path) == []
    state.press("3")
    state.press("enter")
    state.press("backspace")
    state.press("u")
    assert "nothing to undo" in state.message
    assert store.decided == {}


def test_undo_reaches_into_an_earlier_session(make_state):
    items = [scored("a", bolyst=0.9), scored("b"), scored("c")]
    state, store = make_state(items)
    state.press("enter")
    state.press("0")
    state.press("q")
    store.close()
    store = LabelStore(store.path)
    queue = prepare_queue(items, store)
    history = [(item_from_row(row), tuple(row["labels"])) for row in store.rows]
    state = LabelState(queue, store, history=history)
    assert state.current.id == "c"
    state.press("u")
    assert state.current.id == "b" and store.decided == {"a": ("bolyst",)}
    state.press("5")
    state.press("enter")
    assert store.decided == {"a": ("bolyst",), "b": ("statistikk",)}
    assert luktheme.read_examples(store.path)[1].text == "text b"
    store.close()


def test_limit_and_blind_mode(make_state):
    items = [scored("a", bolyst=0.9), scored("b"), scored("c")]
    state, store = make_state(items, blind=True, limit=1)
    assert state.selection == set()
    state.press("enter")
    assert state.at_end and state.current is None
    state.press("1")
    assert "All done here" in state.message and store.decided == {"a": ()}
    state.press("u")
    assert state.current.id == "a" and not state.at_end
    with pytest.raises(ValueError, match="limit must be a positive int"):
        LabelState(items, store, limit=0)


def test_render_shows_text_scores_and_definitions(make_state):
    from rich.console import Console

    item = Item("a", "Nytt torg og møteplass i sentrum", "plan-a.pdf", {"page": 3},
                scores={**dict.fromkeys(THEMES, 0.05), "stedsutvikling": 0.91}, thresholds=CUT)
    for blind in (False, True):
        state, store = make_state([item], blind=blind)
        console = Console(width=160, record=True, file=io.StringIO())
        console.print(render(state))
        screen = console.export_text()
        assert item.text in screen and "plan-a.pdf · page 3" in screen
        assert all(DEFINITIONS[t][:40] in screen for t in THEMES)
        assert ("0.91" in screen) is (not blind)
        assert bool(re.search(r"\[x\]\s+stedsutvikling", screen)) is (not blind)
        store.close()


# --- commands -----------------------------------------------------------------


def test_label_command_without_a_terminal_fails_fast(tmp_path, capsys, monkeypatch):
    source = write_tag_output(tmp_path / "tags.csv")
    # As in CI: no terminal on standard input (also when pytest runs with -s in one).
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    with pytest.raises(NoTerminalError):
        require_terminal(io.StringIO())
    assert main(["label", str(source), "-o", str(tmp_path / "labels.jsonl")]) == 2
    assert "needs an interactive terminal" in capsys.readouterr().err
    assert not (tmp_path / "labels.jsonl").exists()
    assert main(["label", str(source), "-o", str(source)]) == 2
    assert "the output is also an input" in capsys.readouterr().err


def test_agreement_command_reports_kappa_alpha_and_disagreements(tmp_path, capsys):
    items = [Item(f"m{k}", text, "plan") for k, text in enumerate(["Kurs i planstrategi", "Nytt torg", "Analyse",
                                                                     "Asfaltere vegen"])]
    a_labels = [["planstrategi", "kompetanseheving"], ["stedsutvikling"], ["statistikk"], []]
    b_labels = [["planstrategi"], ["stedsutvikling"], ["statistikk"], []]
    for name, labels in (("kari.jsonl", a_labels), ("ola.jsonl", b_labels)):
        with LabelStore(tmp_path / name, annotator=name[:-6]) as store:
            for item, labs in zip(items, labels):
                store.record(item, labs)
    a, b = str(tmp_path / "kari.jsonl"), str(tmp_path / "ola.jsonl")
    out = tmp_path / "disagreements.jsonl"
    assert main(["agreement", a, b, "--disagreements", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| kompetanseheving | 1 | 0 | 0.750 | 0.000 | 0.000 |" in printed
    assert "| planstrategi | 1 | 1 | 1.000 | 1.000 | 1.000 |" in printed
    assert "- m0  A: planstrategi, kompetanseheving  B: planstrategi\n    Kurs i planstrategi" in printed
    # The disagreements are input for an adjudication session.
    assert [i.id for i in read_items(out)] == ["m0"]
    assert main(["agreement", a, b, "--disagreements", str(out)]) == 2
    assert "--force or -F" in capsys.readouterr().err
    assert main(["agreement", a, b, "--json", "--names", "kari", "ola"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["themes"]["planstrategi"]["kappa"] == 1.0 and result["disagreements"][0]["a"][1] == "kompetanseheving"
    assert main(["agreement", a, str(tmp_path / "missing.jsonl")]) == 2
    assert "missing.jsonl: no such label file" in capsys.readouterr().err


# --- the real screen in a pseudo-terminal ---------------------------------------

ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>78])")


class Pty:
    """A child process on a pseudo-terminal, with timeouts everywhere so a stuck screen fails, not hangs."""

    def __init__(self, args, cwd):
        import pty

        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        env.update(TERM="xterm-256color", COLUMNS="140", LINES="45", PYTHONPATH=str(ROOT),
                   LUKTHEME_ANNOTATOR="fallback")
        argv = [sys.executable, "-m", "luktheme.cli_label", *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal, so Ctrl-C becomes SIGINT
            try:
                os.chdir(cwd)
                os.execve(sys.executable, argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out, self.mark, self.status = pid, fd, b"", 0, None

    def _pump(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                data = b""
            self.out += data
            return bool(data)
        return True

    def screen(self, start=0):
        return ANSI.sub("", self.out[start:].decode("utf-8", errors="replace"))

    def expect(self, needle, timeout=20.0):
        """Wait until a whole screen showing ``needle`` has been drawn (the key line comes last)."""
        deadline = time.monotonic() + timeout
        while "q quit" not in self.screen(self.mark).partition(needle)[2]:
            if time.monotonic() > deadline or not self._pump(min(0.2, deadline - time.monotonic())):
                raise AssertionError(f"{needle!r} did not appear; the screen ended with:\n{self.screen()[-2000:]}")
        self.mark = len(self.out)

    def send(self, keys):
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.05)

    def wait(self, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._pump(0.1)
        raise AssertionError(f"the screen did not exit; it showed:\n{self.screen()[-2000:]}")

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


def wait_for_rows(path, n, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and len(path.read_text(encoding="utf-8").splitlines()) == n:
            return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        time.sleep(0.05)
    raise AssertionError(f"{path} did not reach {n} rows")


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
def test_screen_in_a_pseudo_terminal_survives_ctrl_c_and_a_kill_and_resumes(tmp_path, tagger):
    source = write_tag_output(tmp_path / "tags.csv")
    out = tmp_path / "labels.jsonl"
    items = read_items(source)
    queue = prepare_queue(items, LabelStore(tmp_path / "unused.jsonl"), tagger)
    a, b, c, d, e = queue[:5]

    def flip(item, *themes):
        return [t for t in THEMES if (t in item.suggested) != (t in themes)]

    session = Pty(["label", str(source), "-o", str(out), "--annotator", "kari"], tmp_path)
    try:
        session.expect(a.text, timeout=90)  # the first start loads the model
        assert DEFINITIONS["bolyst"] in session.screen() and "kari" in session.screen()
        session.send(["\r"])             # a: accept the suggestion
        session.expect(b.text)
        session.send(["0"])              # b: no theme
        session.expect(c.text)
        session.send(["s"])              # c: skip
        session.expect(d.text)
        session.send(["2", "5", "\r"])   # d: flip two themes, save
        session.expect(e.text)
        session.send(["u"])              # undo d: it comes back with its selection
        session.expect(d.text)
        session.send(["4", "\r"])        # d again, with one more flip
        session.expect(e.text)
        rows = wait_for_rows(out, 3)
        session.send(["\x03"])           # Ctrl-C
        assert session.wait() == 130
        assert "Nothing was lost" in session.screen()
    finally:
        session.close()
    assert [r["id"] for r in rows] == [a.id, b.id, d.id]
    assert [r["labels"] for r in rows] == [list(a.suggested), [], flip(d, "planstrategi", "statistikk",
                                                                       "kompetanseheving")]
    assert {r["annotator"] for r in rows} == {"kari"} and rows[0]["source"] == a.source

    # The rerun resumes with the texts not yet labeled (the skipped one among them);
    # undo reaches the last save of the first session.
    rest = prepare_queue(items, LabelStore(out), tagger)
    assert c.id in {i.id for i in rest} and len(rest) == len(items) - 3
    first, second = rest[:2]
    session = Pty(["label", str(source), "-o", str(out), "--annotator", "kari"], tmp_path)
    try:
        session.expect(first.text, timeout=90)
        session.send(["u"])
        session.expect(d.text)
        session.send(["\r"])             # d saved again as it was
        session.expect(first.text)
        session.send(["3", "\r"])
        session.expect(second.text)
        wait_for_rows(out, 4)
        os.kill(session.pid, signal.SIGKILL)  # a crash: nothing confirmed on screen may be lost
        session.wait()
    finally:
        session.close()
    examples = luktheme.read_examples(out)
    assert [x.id for x in examples] == [a.id, b.id, d.id, first.id]
    assert examples[2].labels == tuple(rows[2]["labels"])
    assert examples[3].labels == tuple(flip(first, "stedsutvikling"))
    assert {x.meta["annotator"] for x in examples} == {"kari"}
