"""The terminal labeling screen: a pure state machine, its rendering, and the terminal loop.

:class:`LabelState` knows nothing about terminals: it takes key names
(``"1"`` … ``"5"``, ``"0"``, ``"enter"``, ``"s"``, ``"u"``, ``"q"``, ``"?"``)
and records decisions in a store, so tests drive it directly. :func:`render`
draws a state with ``rich``; :func:`run` reads keys from the terminal and
loops until the user quits.

Keys
----
``1``–``5``
    toggle a theme (the model's suggestion is selected when a text appears)
``Enter``
    save the selected themes and go on
``0``
    save "no theme" and go on
``s`` or space
    skip: leave the text unlabeled for now (it comes back in the next session)
``u`` or Backspace
    undo the last save or skip, also one from an earlier session
``?``
    show or hide the help: keys, definitions and cue stems
``q``
    quit; Ctrl-C quits too, and loses nothing
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import LukthemeError
from ..taxonomy import COLOURS, DEFINITIONS, THEMES
from .items import Item
from .store import LabelStore

KEY_LINES = (
    ("1–5", "toggle a theme (the model's suggestion is selected when a text appears)"),
    ("Enter", "save the selected themes and go on"),
    ("0", "save 'no theme' and go on"),
    ("s, space", "skip: leave the text for now (it comes back in the next session)"),
    ("u, Backspace", "undo the last save or skip, also one from an earlier session"),
    ("?", "show or hide this help"),
    ("q", "quit (Ctrl-C too): every saved label is already on disk"),
)
KEYS_HELP = "1–5 toggle · Enter save · 0 no theme · s skip · u undo · ? help · q quit"


@dataclass(frozen=True)
class Entry:
    """One step in the undo history: a save (``labels`` is a tuple) or a skip (``labels`` is None)."""

    item: Item
    labels: tuple[str, ...] | None
    selection: frozenset[str]


class LabelState:
    """The labeling session as a state machine: keys in, decisions to the store.

    Parameters
    ----------
    queue : sequence of Item
        The items to label, in order (see :func:`luktheme.labeling.prepare_queue`).
    store : LabelStore
        Receives each decision before the screen moves on, so what is shown as
        done is on disk.
    history : iterable of (Item, labels), optional
        Decisions of earlier sessions, oldest first, so that undo reaches back
        into them.
    blind : bool
        Hide the model's scores and start each text with nothing selected, so
        an annotator is not anchored by the model (use it for agreement studies).
    limit : int, optional
        End the session after this many saves.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from luktheme.labeling import Item, LabelStore
    >>> store = LabelStore(pathlib.Path(tempfile.mkdtemp()) / "labels.jsonl")
    >>> state = LabelState([Item("a", "Kurs i planstrategi", "plan.txt"),
    ...                     Item("b", "Asfaltere vegen", "plan.txt")], store)
    >>> for key in ["2", "4", "enter", "0"]:
    ...     state.press(key)
    >>> store.decided
    {'a': ('planstrategi', 'kompetanseheving'), 'b': ()}
    >>> state.at_end
    True
    >>> store.close()
    """

    def __init__(self, queue: Sequence[Item], store: LabelStore, *, history: Iterable = (),
                 blind: bool = False, limit: int | None = None):
        if limit is not None and (not isinstance(limit, int) or limit < 1):
            raise ValueError(f"limit must be a positive int or None, got {limit!r}.")
        self.pending: deque[Item] = deque(queue)
        self.store = store
        self.blind = blind
        self.limit = limit
        self.history: list[Entry] = [Entry(item, tuple(labels), frozenset(labels)) for item, labels in history]
        self.saved = 0
        self.skipped = 0
        self.quit = False
        self.show_help = False
        self.message = ""
        self.selection: set[str] = set()
        self._fresh()

    # -- what the screen shows -------------------------------------------------
    @property
    def current(self) -> Item | None:
        """The item on screen, or None at the end."""
        return None if self.at_end else self.pending[0]

    @property
    def at_end(self) -> bool:
        """No item left, or the session's limit reached."""
        return not self.pending or (self.limit is not None and self.saved >= self.limit)

    @property
    def finished(self) -> bool:
        """The user has quit."""
        return self.quit

    @property
    def remaining(self) -> int:
        """Items left in the queue, the current one included."""
        return len(self.pending)

    def _fresh(self, selection: Iterable[str] | None = None) -> None:
        if selection is not None:
            self.selection = set(selection)
        elif self.pending and not self.blind:
            self.selection = set(self.pending[0].suggested)
        else:
            self.selection = set()

    # -- keys ------------------------------------------------------------------
    def press(self, key: str) -> None:
        """Apply one key (see the module docstring for the keys)."""
        if self.quit:
            return
        if key in ("q", "ctrl-d"):
            self.quit = True
        elif key in ("u", "backspace"):
            self._undo()
        elif key == "?":
            self.show_help = not self.show_help
        elif self.at_end:
            # At the end only undo and quit mean anything; Enter leaves.
            if key == "enter":
                self.quit = True
            else:
                self.message = "All done here: u undoes the last decision, q or Enter quits."
        elif key in ("1", "2", "3", "4", "5"):
            theme = THEMES[int(key) - 1]
            self.selection ^= {theme}
            self.message = ""
        elif key == "enter":
            self._save(tuple(t for t in THEMES if t in self.selection))
        elif key == "0":
            self._save(())
        elif key in ("s", " "):
            item = self.pending.popleft()
            self.history.append(Entry(item, None, frozenset(self.selection)))
            self.skipped += 1
            self.message = f"skipped {item.id}"
            self._fresh()
        else:
            self.message = f"unknown key {key!r}: {KEYS_HELP}"

    def _save(self, labels: tuple[str, ...]) -> None:
        item = self.pending[0]
        # The store writes (and fsyncs) first; only then does the screen move
        # on, so nothing is shown as saved that is not on disk.
        self.store.record(item, labels)
        self.pending.popleft()
        self.history.append(Entry(item, labels, frozenset(labels)))
        self.saved += 1
        self.message = f"saved {item.id}: {', '.join(labels) or 'no theme'}"
        self._fresh()

    def _undo(self) -> None:
        if not self.history:
            self.message = "nothing to undo"
            return
        entry = self.history[-1]
        if entry.labels is not None:
            self.store.retract(entry.item.id)
            self.saved -= 1
            what = f"undid the save of {entry.item.id}"
        else:
            self.skipped -= 1
            what = f"undid the skip of {entry.item.id}"
        self.history.pop()
        self.pending.appendleft(entry.item)
        self._fresh(entry.selection)
        self.message = what


# ---------------------------------------------------------------------------
# Rendering


def _bar(score: float, threshold: float, width: int = 20) -> str:
    filled = round(score * width)
    cut = min(round(threshold * width), width - 1)
    cells = ["█" if i < filled else "·" for i in range(width)]
    cells[cut] = "│"
    return "".join(cells)


def render(state: LabelState, *, title: str = "luktheme label"):
    """The screen for ``state`` as a ``rich`` renderable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from rich.console import Console
    >>> from luktheme.labeling import Item, LabelStore
    >>> store = LabelStore(pathlib.Path(tempfile.mkdtemp()) / "labels.jsonl")
    >>> import io
    >>> console = Console(width=100, record=True, file=io.StringIO())
    >>> console.print(render(LabelState([Item("a", "Nytt torg i sentrum", "plan.txt")], store)))
    >>> "Nytt torg i sentrum" in console.export_text()
    True
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    done = len(state.store)
    status = (f"{done} labeled in {state.store.path.name} · {state.saved} this session · "
              f"{state.skipped} skipped · {state.remaining} left")
    if state.limit is not None:
        status += f" · limit {state.limit}"
    header = Text.assemble((title, "bold"), "  ", (status, "dim"))
    parts = [header]

    item = state.current
    if item is None:
        end = "Nothing left to label." if not state.pending else f"Limit of {state.limit} reached."
        parts.append(Panel(Text(f"{end} {state.saved} saved this session, {state.skipped} skipped; "
                                f"{done} rows in {state.store.path}.\n"
                                "u undoes the last decision; q or Enter quits.")))
    else:
        where = [item.source]
        for key in ("page", "heading"):
            if item.meta.get(key) not in (None, ""):
                where.append(f"{key} {item.meta[key]}")
        parts.append(Text(" · ".join(map(str, where)) + f"   id {item.id}", style="dim"))
        parts.append(Panel(Text(item.text), padding=(1, 2)))
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("key", justify="right")
        table.add_column("")
        table.add_column("theme")
        show_scores = not state.blind and item.scores is not None
        if show_scores:
            table.add_column("score")
            table.add_column("")
        table.add_column("means")
        for k, theme in enumerate(THEMES, start=1):
            on = theme in state.selection
            mark = Text("[x]" if on else "[ ]", style="bold" if on else "dim")
            name = Text(theme, style=f"bold {COLOURS[theme]}" if on else COLOURS[theme])
            row = [str(k), mark, name]
            if show_scores:
                score, cut = item.scores[theme], item.thresholds[theme]
                suggested = score >= cut
                row += [Text(f"{score:.2f}", style="bold" if suggested else ""),
                        Text(_bar(score, cut), style=COLOURS[theme] if suggested else "dim")]
            row.append(Text(DEFINITIONS[theme], style="dim"))
            table.add_row(*row)
        parts.append(table)
        if show_scores:
            suggestion = ", ".join(item.suggested) or "no theme"
            parts.append(Text(f"model suggests: {suggestion}   (│ marks each theme's threshold)", style="dim"))
        elif state.blind:
            parts.append(Text("blind mode: the model's suggestion is hidden", style="dim"))
    if state.show_help:
        parts.append(Panel(Text(_help_text()), title="keys and themes"))
    parts.append(Text(KEYS_HELP, style="bold"))
    if state.message:
        parts.append(Text(state.message, style="yellow"))
    return Group(*parts)


def _help_text() -> str:
    from ..taxonomy import CUES

    lines = [f"{key:>11}  {what}" for key, what in KEY_LINES] + [""]
    for k, theme in enumerate(THEMES, start=1):
        lines.append(f"{k} {theme}: {DEFINITIONS[theme]}; cue stems: {', '.join(CUES[theme][:8])}, …")
    lines.append("")
    lines.append("A text gets every theme it is substantially about: zero, one or several.")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The terminal


class NoTerminalError(LukthemeError, OSError):
    """``luktheme label`` was started without an interactive terminal."""


def require_terminal(stream=None) -> None:
    """Raise :class:`NoTerminalError` unless ``stream`` (default: standard input) is a terminal."""
    stream = stream if stream is not None else sys.stdin
    try:
        ok = stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        ok = False
    if not ok:
        raise NoTerminalError("luktheme label needs an interactive terminal, but standard input is not one. "
                              "Run it in a terminal window (not in a pipe or a CI job); to tag texts "
                              "without labeling use `luktheme tag`.")


_NAMED = {"\r": "enter", "\n": "enter", "\x7f": "backspace", "\x08": "backspace", "\x04": "ctrl-d"}


class TerminalKeys:
    """Read single key presses from the terminal on standard input (a context manager).

    The terminal is put in cbreak mode (no line buffering, no echo) and
    restored on exit, also after Ctrl-C, which still raises
    ``KeyboardInterrupt``. Escape sequences (arrow keys) are read whole and
    ignored.
    """

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stdin
        self._saved = None
        self._fd = None

    def __enter__(self) -> TerminalKeys:
        require_terminal(self.stream)
        if os.name == "posix":
            import termios
            import tty

            self._fd = self.stream.fileno()
            self._saved = termios.tcgetattr(self._fd)
            tty.setcbreak(self._fd)
        return self

    def __exit__(self, *exc) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
            self._saved = None

    def read(self) -> str:
        """Wait for one key and return its name (``"enter"``, ``"backspace"``, or the character)."""
        if os.name != "posix":
            import msvcrt

            ch = msvcrt.getwch()
            if ch == "\x03":
                raise KeyboardInterrupt
            if ch in ("\x00", "\xe0"):
                msvcrt.getwch()
                return ""
            return _NAMED.get(ch, ch)
        import select

        data = os.read(self._fd, 1)
        if not data:
            return "ctrl-d"
        if data == b"\x1b":
            # Swallow the rest of an escape sequence (arrow keys and the like).
            while select.select([self._fd], [], [], 0.03)[0]:
                os.read(self._fd, 16)
            return ""
        if data[0] >= 0x80:
            # The rest of a multi-byte UTF-8 character (e.g. "æ"): not a key.
            need = 1 if data[0] < 0xE0 else 2 if data[0] < 0xF0 else 3
            data += os.read(self._fd, need)
        ch = data.decode("utf-8", errors="replace")
        return _NAMED.get(ch, ch)


def run(state: LabelState, *, console=None, keys: TerminalKeys | None = None,
        title: str = "luktheme label") -> LabelState:
    """Show the screen and apply key presses until the user quits.

    Ctrl-C propagates as ``KeyboardInterrupt`` after the terminal is restored;
    every decision made until then is already in the store.

    Raises
    ------
    NoTerminalError
        If standard input is not a terminal.
    """
    from rich.console import Console

    keys = keys if keys is not None else TerminalKeys()
    console = console if console is not None else Console(highlight=False)
    with keys:
        with console.screen(hide_cursor=True):
            while not state.finished:
                console.clear()
                console.print(render(state, title=title))
                state.press(keys.read())
    return state
