"""``luktheme tag-text``: JSON lines for texts given as arguments."""

from __future__ import annotations

import json

from luktheme.cli import main


def test_tag_text_prints_json_lines(capsys):
    assert main(["tag-text", "Utvikle regionsenteret Otta", "Asfaltere fylkesvegen"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["themes"] for line in lines] == [["stedsutvikling"], []]


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
