"""Property tests: rows split anywhere across a page break parse the same; mutated files
either parse into valid tables or raise the project's own error, never anything else."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extract.errors import SourceError
from extract.records import Doc
from tests import readings
from tests.variants import ANNEX, GB328, build_from_text, own_content, read_from_text

RAW_ANNEX = ANNEX.read_text(encoding="utf-8")
RAW_GB328 = GB328.read_text(encoding="utf-8")
ANNEX_LINES = RAW_ANNEX.split("\n")
GB328_LINES = RAW_GB328.split("\n")
DATA_ROWS = [
    i
    for i, line in enumerate(ANNEX_LINES)
    if "\t" in line
    and not line.startswith("Area of action\t")
    and any(cell.strip() for cell in line.split("\t")[1:3])
]
PARA_LINES = [
    i
    for i, line in enumerate(GB328_LINES)
    if "\t" not in line and regex.match(r"(?:- )?\d{1,2}\.(?:\*\*)? ", line)
]
PROFILE = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def annex_original() -> dict[str, list[list[object]]]:
    """Annex I's own tables as read from the real file; the split tests compare a
    document's own tables (reconciliation is built from them, so it cannot differ
    where they do not)."""
    return own_content(readings.document(Doc.ANNEX_I, ANNEX))


@pytest.fixture(scope="module")
def gb328_original() -> dict[str, list[list[object]]]:
    return own_content(readings.document(Doc.GB328, GB328))


@contextmanager
def hang_guard(seconds: int = 30) -> Iterator[None]:
    """Fail instead of hanging; a guard against runaway parsing, not a performance test."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"parsing took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _cut(cell: str, fraction: float, keep_start: bool) -> tuple[str, str]:
    """Split a cell at a space chosen by fraction; keep_start leaves text on top."""
    spaces = [i for i, c in enumerate(cell) if c == " " and (not keep_start or cell[:i].strip())]
    points = spaces if keep_start else [0, *spaces, len(cell)]
    if not points:
        return cell, ""
    at = points[min(int(fraction * len(points)), len(points) - 1)]
    return cell[:at], cell[at + 1 :] if at < len(cell) and cell[at] == " " else cell[at:]


def split_annex_row(index: int, f_text: float, f_acts: float, f_marks: float) -> str:
    """The row at index split across a new page break at the given points."""
    lines = list(ANNEX_LINES)
    cells = lines[index].split("\t")
    header_at = max(i for i in range(index) if lines[i].startswith("Area of action\t"))
    area = next(
        line.split("\t")[0]
        for line in reversed(lines[: index + 1])
        if "\t" in line and line.split("\t")[0] and not line.startswith("Area of action\t")
    )
    text_top, text_bottom = _cut(cells[1], f_text, keep_start=True)
    acts_top, acts_bottom = _cut(cells[2], f_acts, keep_start=False)
    marks = cells[3:]
    m = int(f_marks * (len(marks) + 1))
    top = [cells[0], text_top, acts_top, *marks[:m], *[""] * (len(marks) - m)]
    bottom = [area, text_bottom, acts_bottom, *[""] * m, *marks[m:]]
    lines[index : index + 1] = [
        "\t".join(top),
        "",
        *lines[header_at : header_at + 3],
        "\t".join(bottom),
    ]
    return "\n".join(lines)


@PROFILE
@given(
    index=st.sampled_from(DATA_ROWS),
    f_text=st.floats(0, 1),
    f_acts=st.floats(0, 1),
    f_marks=st.floats(0, 1),
)
def test_annex_row_split_anywhere_across_a_page_break(
    annex_original: dict[str, list[list[object]]],
    tmp_path: Path,
    index: int,
    f_text: float,
    f_acts: float,
    f_marks: float,
) -> None:
    changed = split_annex_row(index, f_text, f_acts, f_marks)
    tables = read_from_text(tmp_path, Doc.ANNEX_I, changed)
    assert own_content(tables) == annex_original


@PROFILE
@given(index=st.sampled_from(PARA_LINES), fraction=st.floats(0, 1))
def test_paragraph_split_anywhere_across_a_page_break(
    gb328_original: dict[str, list[list[object]]], tmp_path: Path, index: int, fraction: float
) -> None:
    lines = list(GB328_LINES)
    number = regex.match(r"(?:- )?\d{1,2}\.(?:\*\*)? ", lines[index]).end()
    spaces = [i for i, c in enumerate(lines[index]) if c == " " and i > number]
    at = spaces[min(int(fraction * len(spaces)), len(spaces) - 1)]
    top, bottom = lines[index][:at], lines[index][at + 1 :]
    assume(not regex.match(r"\d{1,3}\.\s", bottom))  # a new paragraph's number, not a split
    lines[index : index + 1] = [top, "", bottom]
    tables = read_from_text(tmp_path, Doc.GB328, "\n".join(lines))
    assert own_content(tables) == gb328_original


def _mutate(lines: list[str], data: st.DataObject) -> str | bytes:
    kinds = ["delete", "duplicate", "swap", "truncate", "cut_bytes", "insert", "long"]
    kind = data.draw(st.sampled_from(kinds))
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    lines = list(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        text = "\n".join(lines)
        return text[: data.draw(st.integers(0, len(text)))]
    elif kind == "cut_bytes":
        raw = "\n".join(lines).encode("utf-8")
        return raw[: data.draw(st.integers(0, len(raw)))]
    elif kind == "insert":
        junk = data.draw(st.text(min_size=1, max_size=40))
        at = data.draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + junk + lines[i][at:]
    else:
        lines[i] = lines[i] + " " + "long word " * data.draw(st.integers(1_000, 20_000))
    return "\n".join(lines)


def _run_or_own_error(tmp_path: Path, **texts: str | bytes) -> dict[str, pd.DataFrame] | None:
    """Valid tables, or a SourceError that names the input file: a broken input must be
    caught by the parsers, not first by the schemas (ValidationFailed fails the test)."""
    try:
        with hang_guard():
            return build_from_text(tmp_path, **texts)
    except SourceError as exc:
        assert exc.file and exc.file.endswith((".txt",)), str(exc)
        return None


@PROFILE
@given(data=st.data())
def test_mutated_annex_parses_or_raises_own_error(tmp_path: Path, data: st.DataObject) -> None:
    _run_or_own_error(tmp_path, annex=_mutate(ANNEX_LINES, data))


@PROFILE
@given(data=st.data())
def test_mutated_gb328_parses_or_raises_own_error(tmp_path: Path, data: st.DataObject) -> None:
    _run_or_own_error(tmp_path, gb328=_mutate(GB328_LINES, data))


@pytest.mark.parametrize("where", ["activities", "deliverable", "paragraph", "no_tabs"])
def test_one_megabyte_line_runs_through(tmp_path: Path, where: str) -> None:
    big = "decent work in GSCs (2.1) 3. x " * 33_000
    if where == "activities":
        annex = RAW_ANNEX.replace("1. Compile and analyze", "1. " + big, 1)
        tables = _run_or_own_error(tmp_path, annex=annex)
    elif where == "deliverable":
        annex = RAW_ANNEX.replace("An evidence-based body", big, 1)
        tables = _run_or_own_error(tmp_path, annex=annex)
    elif where == "paragraph":
        tables = _run_or_own_error(
            tmp_path, gb328=RAW_GB328.replace("1. The conclusions", "1. " + big, 1)
        )
    else:
        tables = _run_or_own_error(tmp_path, annex=big.replace("\t", " ") + "\n" + RAW_ANNEX)
    assert len(big) > 1_000_000
    assert tables is None or len(tables["annex_deliverables"]) == 29
