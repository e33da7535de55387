"""The typeset fixtures (tests/fixtures/typeset: pdfLaTeX, WeasyPrint, Ghostscript and cairo
re-distills) are PDFs that still print the whole document: every deliverable number of Annex I,
every paragraph number of GB.328. Whether the project reads them right is tested elsewhere."""

from __future__ import annotations

import csv
from pathlib import Path

import pypdfium2
import pytest

from tests.conftest import ROOT

TYPESET = Path(__file__).parent / "fixtures" / "typeset"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = sorted(TYPESET.glob("*.pdf"))


def golden(name: str, column: str) -> list[str]:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def pdf_words(path: Path) -> list[str]:
    """The words pdfium's text layer gives (the reader's own route is tested elsewhere;
    this checks what the generator printed, 50 times faster than pdfplumber)."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        words = []
        for page in pdf:
            text = page.get_textpage()
            words += text.get_text_range().split()
            text.close()
            page.close()
        return words
    finally:
        pdf.close()


def is_annex(path: Path) -> bool:
    return "_annex_" in path.stem


def test_there_are_fixtures_of_both_documents() -> None:
    assert sum(map(is_annex, FIXTURES)) >= 4
    assert sum(not is_annex(p) for p in FIXTURES) >= 4


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_prints_every_number(path: Path) -> None:
    assert path.read_bytes().startswith(b"%PDF-")
    assert path.with_suffix(".txt").exists(), "pdftotext -layout reading missing"
    words = pdf_words(path)
    if is_annex(path):
        text = " ".join(words)
        wanted = [f"({d})" for d in golden("annex_deliverables.csv", "deliverable_id")]
        missing = [n for n in wanted if n not in text]
    else:
        wanted = [f"{n}." for n in golden("paragraphs.csv", "para_no")]
        missing = [n for n in wanted if n not in set(words)]
    assert len(wanted) > 20
    assert not missing, f"{path.name} lacks {missing}"
