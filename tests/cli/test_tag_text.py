"""``luktheme tag-text``: JSON lines for texts given as arguments."""

from __future__ import annotations

import json

from luktheme.cli import main


def test_tag_text_prints_json_lines(capsys):
    assert main(["tag-text", "Utvikle regionsenteret Otta", "Asfaltere fylkesvegen"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["themes"] for line in lines] == [["stedsutvikling"], []]
