"""The tables `luktheme tag` writes, byte for byte, for the seed document and a small zoo of documents.

The expected files under ``tests/outputs/`` were written by the same commands. A change that alters
them on purpose rewrites them with ``LUKTHEME_WRITE_OUTPUTS=1 python -m pytest tests/test_outputs.py``
and shows the difference in review; any other change must leave them as they are.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import luktheme
from luktheme.cli import main
from tests.conftest import SEED, seed_blocks, write_docx, write_html, write_lines_pdf, write_pdf

EXPECTED = Path(__file__).resolve().parent / "outputs"
WRITE = os.environ.get("LUKTHEME_WRITE_OUTPUTS") == "1"

MARKDOWN = """# Handlingsprogram for lokalsamfunnsutvikling

## Innsatsområde 1: Attraktive tettsteder

- Lage en velkomstpakke for nye innbyggere
- Opprusting av torget og parken i sentrum av tettstedet
- Etablere et nettverk for planleggere i regionen med årlige fagsamlinger

| Nr | Tiltak | Ansvar |
|----|--------|--------|
| 1 | Utarbeide kommunal planstrategi for perioden | Kommunen |
| 2 | Kartlegge folketallsutvikling og flyttemønster | Fylkeskommunen |

Kommunen skal bli et godt sted å bo for alle.
"""

TABLE_PDF = [
    ["Tiltak i planperioden", "",
     "1. Kurs i kommuneplanens samfunnsdel for",
     "   politikere og administrasjon",
     "2. Samle statistikk om pendling og bosetting",
     "3. Stedsutviklingsprosjekt i Vinstra sentrum", "",
     "Fylkeskommunen følger opp tiltakene årlig."],
    ["Oppfølging", "", "- Årlig rapport om folketall til fylkestinget",
     "- Tilskudd til trivselstiltak for ungdom i bygdene"],
]


@pytest.fixture(scope="module")
def zoo(tmp_path_factory):
    root = tmp_path_factory.mktemp("zoo")
    blocks = seed_blocks()
    shutil.copy(SEED, root / "a-seed.txt")
    write_docx(root / "b-seed.docx", blocks)
    write_html(root / "c-seed.html", blocks)
    write_pdf(root / "d-seed.pdf", blocks)
    (root / "e-handlingsprogram.md").write_text(MARKDOWN, encoding="utf-8")
    write_lines_pdf(root / "f-tiltak.pdf", TABLE_PDF, header="Regional plan 2024–2028")
    return root


def _tag(zoo: Path, name: str, *options: str) -> bytes:
    cwd = Path.cwd()
    os.chdir(zoo)
    try:
        out = zoo / name
        if out.exists():
            out.unlink()
        assert main(["tag", ".", "-o", name, "-q", *options]) == 0
        return out.read_bytes()
    finally:
        os.chdir(cwd)


def _check(name: str, got: bytes) -> None:
    path = EXPECTED / name
    if WRITE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(got)
    assert path.exists(), f"{path} missing: write it with LUKTHEME_WRITE_OUTPUTS=1"
    assert got == path.read_bytes(), f"{name} differs from {path}"


@pytest.mark.parametrize("name", ["tags.jsonl", "tags.csv"])
def test_tag_writes_the_expected_table(zoo, name):
    _check(name, _tag(zoo, name))


def test_tag_with_evidence_writes_the_expected_table(zoo):
    _check("tags-explain.jsonl", _tag(zoo, "tags-explain.jsonl", "--explain"))


def test_the_library_call_gives_the_same_table_as_the_command(zoo):
    cwd = Path.cwd()
    os.chdir(zoo)
    try:
        table = luktheme.tag_documents(["."], on_error="raise")
        table.to_csv(zoo / "api.csv", index=False)
    finally:
        os.chdir(cwd)
    import pandas as pd

    expected = pd.read_csv(EXPECTED / "tags.csv", keep_default_na=False)
    got = pd.read_csv(zoo / "api.csv", keep_default_na=False)
    assert list(got.columns) == list(expected.columns)
    assert got.astype(str).equals(expected.astype(str))
