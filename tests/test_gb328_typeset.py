"""GB.328 typeset by pdfLaTeX (tests/fixtures/typeset/gb328/make_gb328_tex.py) and in CSS
columns by Chromium (make_gb328_html_columns.py): TeX's footnote conventions and a two-column
body give the text route's tables, and the rules behind them hold on made-up pages (a
one-column page is never read as columns, a page number never opens a note)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.documents.gb328.pdf_blocks import _notes_top, _printed, note_opening
from extract.documents.gb328.pdf_columns import lines_to_gutter, straddling_line, words_to_regions
from extract.documents.gb328.pdf_settings import PAPER_SETTINGS
from extract.readers.pdf import (
    SETTINGS,
    Geometry,
    Rule,
    Word,
    pdf_to_geometries,
    words_to_lines,
)
from extract.records import Doc, NoteKind
from extract.runner import read_document
from tests import readings
from tests.variants import GB328, assert_same_content

TYPESET = Path(__file__).parent / "fixtures" / "typeset" / "gb328"
GB328_PDFS = Path(__file__).parent / "fixtures" / "gb328"
TABLES = [
    "paragraphs",
    "footnotes",
    "action_areas",
    "follow_up_items",
    "appendix_deliverables",
    "appendix_areas",
]
# Each stopped with 'footnote mark 1 ... has no footnote in the PDF' (or read two columns as
# one line) before footnotes under LaTeX's conventions and two-column bodies were read.
FAILED_BEFORE = {
    "tex_footnotes": "the raised number glued to the note's first word ('¹As')",
    "tex_hang": "a separator rule across the text width, the number in a hanging box",
    "tex_baseline_norule": "the number on the baseline, no separator: the notes at the foot",
    "tex_twocolumn": "two columns under a masthead, notes at the foot of a column",
    "tex_twocolumn_justified": "two justified columns, LaTeX's 10 pt gutter",
    "chromium_twocolumn": "CSS columns: the two columns' lines on different baselines",
    "tex_multicol": "multicol: headings across the page between runs of balanced columns",
}
ALSO_READ = {"tex_baseline": "the number on the baseline, then a gap, under the short rule"}
TWO_COLUMNS = ("tex_twocolumn", "tex_twocolumn_justified", "chromium_twocolumn", "tex_multicol")
BODY_SIZE = 10.9


@pytest.fixture(scope="module")
def truth() -> dict[str, pd.DataFrame]:
    return readings.document(Doc.GB328, GB328)


@pytest.mark.parametrize("name", sorted({**FAILED_BEFORE, **ALSO_READ}))
def test_typeset_paper_gives_the_text_routes_tables(
    name: str, truth: dict[str, pd.DataFrame]
) -> None:
    got = read_document(Doc.GB328, TYPESET / f"{name}.pdf")
    assert_same_content(got, truth, TABLES, name)
    # The front matter as read; path, sha256 and pages say where, not what.
    documents = [c for c in truth["documents"] if c not in ("path", "sha256", "pages")]
    pd.testing.assert_frame_equal(
        got["documents"][documents].reset_index(drop=True),
        truth["documents"][documents].reset_index(drop=True),
        obj=f"{name}: documents",
    )
    notes = got["extraction_notes"]
    columns = notes[notes.kind == NoteKind.COLUMNS_READ.value]
    if name in TWO_COLUMNS:
        # Every body page but the last (whose text may stand in the left column only) is
        # noted, with a gutter mid-page.
        body_pages = set(range(1, int(got["appendix_deliverables"].page.min())))
        assert set(columns.page) <= body_pages and len(columns) >= len(body_pages) - 1
        assert 1 in set(columns.page)
        gutters = columns.message.str.extract(r"x=([\d.]+)", expand=False).astype(float)
        assert gutters.between(280, 315).all(), columns.message.tolist()
    else:
        assert columns.empty, columns.message.tolist()


def test_every_typeset_fixture_is_tested() -> None:
    made = {p.stem for p in TYPESET.glob("*.pdf")}
    assert made == set(FAILED_BEFORE) | set(ALSO_READ)


# --- the rules on made-up pages ------------------------------------------------------------


def _line(text: str, x: float, top: float, size: float = BODY_SIZE) -> list[Word]:
    """A printed line of words set at 0.5 × size a character, one space between words."""
    words = []
    for token in text.split():
        width = 0.5 * size * len(token)
        words.append(Word(token, x, top, x + width, top + size, size, "Times-Roman"))
        x += width + 0.3 * size
    return words


def _column_text(x: float, top: float, lines: int, hanging: bool) -> list[Word]:
    """A column 215 pt wide: numbered paragraphs with a hanging indent, or plain text."""
    words: list[Word] = []
    for i in range(lines):
        y = top + 14 * i
        if hanging and i % 5 == 0:
            words += _line(f"{i // 5 + 1}.", x, y)
            words += _line("the programme will be reviewed", x + 22, y)
        else:
            words += _line("and adjusted as and when required", x + (22 if hanging else 0), y)
    return words


@pytest.mark.parametrize("hanging", [True, False])
def test_two_columns_read_left_then_right(hanging: bool) -> None:
    left = _column_text(70.9, 100, 30, hanging)
    right = _column_text(309.0, 100, 30, hanging)
    masthead = _line("Follow-up to the resolution concerning decent work in global", 70.9, 60)
    regions, gutter = words_to_regions([*masthead, *right, *left], BODY_SIZE)
    assert gutter is not None and max(w.x1 for w in left) < gutter < 309
    assert [sorted(map(id, r)) for r in regions] == [
        sorted(map(id, part)) for part in (masthead, left, right)
    ]


@pytest.mark.parametrize(
    "title", ["Monitoring and review of the programme of action across the page", "Monitoring"]
)
def test_a_heading_between_two_runs_of_columns(title: str) -> None:
    """Columns, a heading across the page (crossing the gutter or short, the right column
    empty beside it), columns again: each run is read left then right, the heading between."""
    top = (_column_text(70.9, 100, 12, True), _column_text(309.0, 100, 12, True))
    heading = _line(title, 70.9, 290)
    low = (_column_text(70.9, 320, 12, False), _column_text(309.0, 320, 12, False))
    regions, gutter = words_to_regions([*low[1], *heading, *top[1], *low[0], *top[0]], BODY_SIZE)
    assert gutter is not None
    assert [sorted(map(id, r)) for r in regions] == [
        sorted(map(id, part)) for part in (top[0], top[1], heading, low[0], low[1])
    ]


def test_a_line_across_the_gutter_in_no_column_is_refused() -> None:
    """A line above a full-width title, beside the gutter, whose right part starts where no
    column line starts is read whole; its parts stand closer than a printed line is cut, so
    they would be read as one line of text: that is found (the reader then stops)."""
    left = _column_text(70.9, 100, 30, True)
    right = _column_text(309.0, 100, 30, True)
    stray = [*_line("and so on and so", 195.0, 40), *_line("forth as before", 300.0, 40)]
    title = _line("Follow-up to the resolution concerning decent work in global", 70.9, 70)
    regions, gutter = words_to_regions([*stray, *title, *left, *right], BODY_SIZE)
    assert gutter is not None
    assert straddling_line(regions, gutter) == "and so on and so forth as before"
    regions, gutter = words_to_regions([*left, *right], BODY_SIZE)
    assert gutter is not None and straddling_line(regions, gutter) is None


def test_one_column_pages_are_not_columns() -> None:
    """A hanging indent's band, a front matter's left and right-aligned blocks, short lines:
    none is a gutter."""
    body = []
    for i in range(30):
        y = 200 + 14 * i
        if i % 6 == 0:
            body += _line(f"{i // 6 + 1}.", 70.9, y)
        body += _line("the programme will be reviewed and adjusted as and when", 92.7, y)
    front = []
    for i, (left, right) in enumerate(
        [
            ("Governing Body", "GB.328/INS/5/1(Add.1)"),
            ("328th Session, Geneva", "Institutional Section"),
            ("", "INS"),
            ("", "Date: 23 February 2017"),
            ("", "Original: English"),
        ]
    ):
        y = 60 + 14 * i
        front += _line(left, 70.9, y)
        right_words = _line(right, 0, y)
        shift = 524.4 - right_words[-1].x1  # right-aligned
        front += [
            Word(w.text, w.x0 + shift, w.top, w.x1 + shift, w.bottom, w.size, w.font)
            for w in right_words
        ]
    assert lines_to_gutter(words_to_lines(body), BODY_SIZE) is None
    assert lines_to_gutter(words_to_lines(front), BODY_SIZE) is None
    assert words_to_regions([*front, *body], BODY_SIZE)[1] is None


def test_committed_one_column_fixtures_have_no_gutter() -> None:
    """The Chromium and LibreOffice papers' body pages stay one column."""
    for name in ("lo_footnotes", "chromium_endnotes"):
        path = GB328_PDFS / f"{name}.pdf"
        for geo in pdf_to_geometries(path.read_bytes(), str(path), SETTINGS)[:5]:
            assert lines_to_gutter(words_to_lines(geo.words), BODY_SIZE) is None, (name, geo.no)


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("¹As requested by", "¹", "¹ As requested by"),  # LaTeX's default
        ("1   As requested by", "¹", "¹ As requested by"),  # a gap after the number
        ("1As requested by", "¹", "¹ As requested by"),
        ("12", "¹²", "12"),  # a page number
        ("3 GB.328/INS/5/1(Add.1)", "¹²", "3 GB.328/INS/5/1(Add.1)"),  # no such mark
        ("¹ As requested", "¹", "¹ As requested"),
    ],
)
def test_note_opening(text: str, marks: str, expected: str) -> None:
    assert note_opening(text, marks) == expected


def _page(rule: Rule, lines: list[list[Word]]) -> Geometry:
    words = tuple(w for line in lines for w in line)
    return Geometry(1, 595.3, 841.9, words, (rule,), (), (), (), ())


def _notes_at(rule: Rule, lines: list[list[Word]], marks: str) -> float:
    printed = [_printed(line) for line in lines]
    left = min(p.box[0] for p in printed)
    right = max(p.box[2] for p in printed)
    return _notes_top(_page(rule, lines), printed, BODY_SIZE, left, right, marks, PAPER_SETTINGS)


def test_a_full_width_rule_opens_notes_only_over_a_note() -> None:
    body = [_line("the programme will be reviewed and adjusted as and when " * 2, 70.9, 600)]
    full = Rule(700, 70.9, 524.4)
    note = [_line("1 As requested by the Governing Body at its 328th Session", 70.9, 705, 9)]
    foot = [_line("GB.328/INS/5/1(Add.1) Institutional Section", 70.9, 705, 9)]
    assert _notes_at(full, body + note, "¹") == 700
    assert _notes_at(full, body + foot, "¹") == float("inf")
    # A short rule keeps its old meaning, whatever stands below it.
    assert _notes_at(Rule(700, 70.9, 160), body + foot, "¹") == 700


def test_notes_at_a_column_foot_without_a_rule() -> None:
    body = [_line("the programme will be reviewed and adjusted as and when", 70.9, 600)]
    note = [_line("1 As requested by the Governing Body", 70.9, 640, 9)]
    away = Rule(100, 300, 500)  # a rule elsewhere on the page
    assert _notes_at(away, body + note, "¹") == 640
    assert _notes_at(away, body + note, "²") == float("inf")  # 1 is no mark of the body
