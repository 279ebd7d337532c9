"""The labeling screen: the state machine, its rendering, the terminal check, and the real screen in a pty."""

from __future__ import annotations

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
from luktheme.labeling import (Item, LabelState, LabelStore, item_from_row, prepare_queue,
                               read_items, render)
from luktheme.taxonomy import DEFINITIONS, THEMES

from ..conftest import CUT, ROOT, scored, write_tag_output


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


# --- the real screen in a pseudo-terminal ---------------------------------------

ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>78])")


class Pty:
    """A child process on a pseudo-terminal, with timeouts everywhere so a stuck screen fails, not hangs."""

    def __init__(self, args, cwd):
        import pty

        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        env.update(TERM="xterm-256color", COLUMNS="140", LINES="45", PYTHONPATH=str(ROOT),
                   LUKTHEME_ANNOTATOR="fallback")
        argv = [sys.executable, "-m", "luktheme", *args]
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
