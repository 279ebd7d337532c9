"""The text rules every reader shares: list markers and the joining of lines."""

from __future__ import annotations

from luktheme.readers.lines import join_lines, strip_marker


def test_marker_and_line_joining_rules():
    assert strip_marker("\uf0b7 Arrangere kurs") == (True, "Arrangere kurs")  # Word's Symbol bullet
    assert strip_marker("a) Kartlegge") == (True, "Kartlegge")
    assert strip_marker("2024 blir et viktig år") == (False, "2024 blir et viktig år")
    assert join_lines(["bygge ny E6-", "trasé"]) == "bygge ny E6-trasé"
    assert join_lines(["kultur-", "eller idrettsanlegg"]) == "kultur- eller idrettsanlegg"
