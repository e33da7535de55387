"""The CLI as a user meets it: exit codes, messages, --help, atomic and repeatable output."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from extract.output.write import MARKER_TEXT
from pipeline import main
from tests.conftest import ROOT

RAW = ROOT / "raw"


def folder_bytes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(tmp_path: Path, *extra: str) -> int:
    return main(["run", "--raw-dir", str(RAW), "--out-dir", str(tmp_path / "out"), *extra])


def test_run_writes_parquet_and_csv_for_every_table(tmp_path: Path) -> None:
    assert run(tmp_path) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    tables = sorted({n.rsplit(".", 1)[0] for n in names if n.endswith(".parquet")})
    assert "annex_deliverables" in tables
    expected = [f"{t}.{ext}" for t in tables for ext in ("csv", "parquet")]
    own = [".ilo-gsc-poa", "datapackage.json", "report.html", "programme.sqlite", "programme.xlsx"]
    assert names == sorted([*expected, *own])
    assert main(["validate", "--out-dir", str(tmp_path / "out")]) == 0


def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    assert run(tmp_path) == 0
    first = folder_bytes(tmp_path / "out")
    assert {"report.html", "programme.sqlite", "programme.xlsx"} <= set(first)
    assert run(tmp_path) == 0
    assert folder_bytes(tmp_path / "out") == first


def test_bad_input_prints_one_located_line_and_leaves_outputs_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 0
    before = folder_bytes(tmp_path / "out")
    broken = tmp_path / "broken.txt"
    text = (RAW / "annex_i_workplan.txt").read_text(encoding="utf-8").split("\n")
    text[59] = text[59].replace("\tX", "\tY", 1)
    broken.write_text("\n".join(text), encoding="utf-8")
    capsys.readouterr()
    assert run(tmp_path, "--annex", str(broken)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken.as_posix()}:60: quarter cell 2017Q1 holds 'Y'")
    assert "Traceback" not in err
    assert folder_bytes(tmp_path / "out") == before


def test_failure_while_writing_keeps_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 0
    before = folder_bytes(tmp_path / "out")
    import extract.output.write

    calls = []

    def failing(frame, folder, name):  # type: ignore[no-untyped-def]
        calls.append(name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return original(frame, folder, name)

    original = extract.output.write.write_table
    monkeypatch.setattr(extract.output.write, "write_table", failing)
    assert run(tmp_path) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert folder_bytes(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_missing_input_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "--annex", str(tmp_path / "nope.txt")) == 1
    assert "nope.txt: cannot read file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_validate_reports_every_failure_of_edited_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pandas as pd

    assert run(tmp_path) == 0
    out = tmp_path / "out"
    schedule = pd.read_parquet(out / "annex_schedule.parquet")
    schedule.loc[0, "quarter"] = 5
    schedule.loc[1, "deliverable_id"] = "99.9"
    schedule.to_parquet(out / "annex_schedule.parquet")
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "annex_schedule row 0 column quarter: 5 is not one of [1, 2, 3, 4]" in err
    assert "annex_schedule row 0: its period does not spell its year and quarter" in err
    assert "'99.9' is not found in annex_deliverables.deliverable_id" in err
    assert "failed" not in err and "is not a " not in err


def test_validate_checks_each_csv_against_its_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV edited to say quarter 7 once passed `validate`, which read the Parquet only."""
    assert run(tmp_path) == 0
    out = tmp_path / "out"
    schedule = out / "annex_schedule.csv"
    lines = schedule.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index("quarter")] = "7"
    lines[1] = ",".join(first)
    schedule.write_text("\n".join(lines), encoding="utf-8")
    (out / "footnotes.csv").unlink()
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "annex_schedule.csv row 0 column quarter: '7', where annex_schedule.parquet has" in err
    assert "footnotes.csv: missing" in err


def test_validate_checks_the_database_against_the_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schedule row deleted from both its Parquet and its CSV passed `validate`, though
    programme.sqlite (and programme.scheduled) still held its quarter."""
    import pandas as pd

    assert run(tmp_path) == 0
    out = tmp_path / "out"
    schedule = pd.read_parquet(out / "annex_schedule.parquet").iloc[1:]
    schedule.to_parquet(out / "annex_schedule.parquet", index=False)
    schedule.to_csv(out / "annex_schedule.csv", index=False, lineterminator="\n")
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "programme.sqlite: annex_schedule has 337 rows, annex_schedule.parquet 336" in err


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("programme.sqlite", "programme.sqlite: "),
        ("programme.xlsx", "programme.xlsx: not a readable workbook (BadZipFile"),
    ],
)
def test_validate_refuses_a_truncated_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    assert run(tmp_path) == 0
    written = tmp_path / "out" / name
    written.write_bytes(written.read_bytes()[: written.stat().st_size // 2])
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err


def _rewrite_zip(path: Path, part: str, edit: Callable[[str], str]) -> None:
    import zipfile

    with zipfile.ZipFile(path) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            if info.filename == part:
                edited = edit(data.decode()).encode()
                assert edited != data, f"the edit changed nothing in {part}"
                data = edited
            book.writestr(info, data)


def _validate_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], part: str, edit: Callable[[str], str]
) -> str:
    """programme.xlsx of a run with one part edited: what `validate` says (it must fail)."""
    _rewrite_zip(tmp_path / "out" / "programme.xlsx", part, edit)
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(tmp_path / "out")]) == 1
    return capsys.readouterr().err


ACTION_AREAS = "xl/worksheets/sheet4.xml"  # after README, programme and Gantt
E2_EDITED = ('<c r="E2"><v>50</v></c>', '<c r="E2"><v>51</v></c>')


def test_validate_checks_the_workbook_cell_by_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edited programme.xlsx passed `validate`, which never opened it: a number changed
    and a number turned into text are each named by sheet and cell."""
    assert run(tmp_path) == 0

    def edit(xml: str) -> str:
        assert E2_EDITED[0] in xml and '<c r="A3"><v>2</v></c>' in xml
        xml = xml.replace(*E2_EDITED)
        return xml.replace('<c r="A3"><v>2</v></c>', '<c r="A3" t="str"><v>2</v></c>')

    err = _validate_edited(tmp_path, capsys, ACTION_AREAS, edit)
    assert "programme.xlsx: sheet action_areas cell E2: '51' (number), where the tables" in err
    assert "give '50' (number)" in err
    assert "programme.xlsx: sheet action_areas cell A3: '2' (text), where the tables" in err
    assert "Traceback" not in err


def test_validate_names_the_writer_of_a_workbook_written_by_another_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same cells in other bytes because another XlsxWriter wrote them: validate says so
    and how to mend it, instead of a bare 'other formatting'."""
    assert run(tmp_path) == 0

    def older(xml: str) -> str:
        assert "<dc:description>XlsxWriter " in xml
        return re.sub(r"XlsxWriter [\d.]+", "XlsxWriter 3.2.0", xml)

    err = _validate_edited(tmp_path, capsys, "docProps/core.xml", older)
    assert "programme.xlsx: same cells as the tables give, written by XlsxWriter 3.2.0" in err
    assert "run the pipeline again to rewrite it" in err


def test_validate_names_a_changed_cell_before_the_writer_and_keeps_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook edited elsewhere: its cells are compared first (a changed cell is named,
    whoever wrote the file), and a description of several lines is said on one."""
    assert run(tmp_path) == 0
    edited = partial(re.sub, r"XlsxWriter [\d.]+", "Edited\nin a spreadsheet")
    err = _validate_edited(tmp_path, capsys, "docProps/core.xml", edited)
    assert "written by Edited in a spreadsheet where this install" in err
    err = _validate_edited(tmp_path, capsys, ACTION_AREAS, lambda xml: xml.replace(*E2_EDITED))
    assert "sheet action_areas cell E2: '51' (number), where the tables give '50'" in err
    assert "written by" not in err


def test_validate_shows_a_long_text_by_its_start() -> None:
    from extract.output.verify_xlsx import _shown

    assert _shown(("text", "short")) == "'short' (text)"
    long = _shown(("text", "w" * 500))
    assert long.startswith("'" + "w" * 77 + "'...") and "(500 characters, text)" in long


def test_validate_checks_the_data_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert run(tmp_path) == 0
    package_path = tmp_path / "out" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "documents"]
    package["resources"][0]["schema"]["fields"].pop()
    package_path.write_text(json.dumps(package), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "datapackage.json: does not describe the table documents" in err
    assert "datapackage.json: action_areas has the columns" in err


@pytest.mark.parametrize("command", [[], ["run"], ["validate"], ["docs"]])
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_pipeline_script_runs_from_a_fresh_folder(tmp_path: Path) -> None:
    """`python pipeline.py run` with default paths, as the README shows it."""
    import subprocess
    import sys

    for name in ("pipeline.py", "schemas.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "extract", tmp_path / "extract")
    shutil.copytree(RAW, tmp_path / "raw")
    done = subprocess.run(
        [sys.executable, "pipeline.py", "run"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "normalized" / "annex_schedule.parquet").exists()


def _zipped(name: str) -> bytes:
    """A zip holding one member: what a .docx, .xlsx or plain archive starts like."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # A fixed date: the bytes go into the test ids, which every xdist worker must agree on.
        archive.writestr(zipfile.ZipInfo(name, date_time=(2016, 6, 10, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("--annex", b"", "the file is empty"),
        ("--gb328", b" \n\n", "the file holds only white space"),
        ("--annex", b"\xef\xbb\xbfAnnex I\r\n", "no work-plan table found"),
        ("--gb328", b"caf\xe9", "not UTF-8: byte 0xe9 at offset 3; it reads as Latin-1"),
        ("--annex", _zipped("word/document.xml"), "this is a Word document (.docx, a zip)"),
        ("--gb328", _zipped("xl/workbook.xml"), "this is an Excel workbook (.xlsx, a zip)"),
        ("--annex", _zipped("notes.txt"), "this is a zip archive, not the text export"),
        ("--annex", b"\x89PNG\r\n\x1a\n" + bytes(40), "this is a PNG image"),
        ("--gb328", "Annex I\tX\n".encode("utf-16"), "this is UTF-16 text; save it as UTF-8"),
        ("--annex", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), "old Word or Excel"),
    ],
)
def test_empty_or_foreign_files_are_rejected_before_anything_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    option: str,
    content: bytes,
    message: str,
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert run(tmp_path, option, str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith(bad.as_posix()) and message in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("given", "message"), [("", "the path is empty"), ("raw", "is a folder")])
def test_an_empty_path_or_a_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str, message: str
) -> None:
    assert run(tmp_path, "--annex", str(ROOT / given) if given else "") == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("limit", ["0", "-5"])
def test_max_bytes_must_be_positive(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["run", "--max-bytes", limit])
    assert caught.value.code == 2
    assert "--max-bytes: must be a positive number of bytes" in capsys.readouterr().err


def test_out_dir_with_foreign_files_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "out"
    precious.mkdir()
    (precious / "notes.txt").write_text("mine")
    assert run(tmp_path) == 1
    assert "did not write (notes.txt)" in capsys.readouterr().err
    assert sorted(p.name for p in precious.iterdir()) == ["notes.txt"]


def test_out_dir_that_is_a_file_is_refused_without_debris(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").write_text("a file")
    assert run(tmp_path) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_analyst_folder_of_csv_files_is_refused_and_kept_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "out"
    mine.mkdir()
    (mine / "budget.csv").write_bytes(b"year,usd\n2017,1000\n")
    (mine / "survey.csv").write_bytes(b"id,answer\n1,yes\n")
    before = folder_bytes(mine)
    assert run(tmp_path) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"{mine.as_posix()}: holds 2 entries this pipeline did not write")
    assert "budget.csv, survey.csv" in err and "choose another --out-dir or empty it" in err
    assert folder_bytes(mine) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_copy_of_the_goldens_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    golden = tmp_path / "golden"
    shutil.copytree(ROOT / "tests" / "golden", golden)
    before = folder_bytes(golden)
    count = len(list(golden.iterdir()))  # entries the swap would replace, folders included
    assert main(["run", "--raw-dir", str(RAW), "--out-dir", str(golden)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"holds {count} entries this pipeline did not write (" in err
    assert f"and {count - 5} more" in err and "no .ilo-gsc-poa marker" in err
    assert folder_bytes(golden) == before


def test_marker_does_not_cover_foreign_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 0
    out = tmp_path / "out"
    (out / "notes.txt").write_text("mine")
    before = folder_bytes(out)
    capsys.readouterr()
    assert run(tmp_path) == 1
    err = capsys.readouterr().err
    assert "holds 1 entry this pipeline did not write (notes.txt)" in err
    assert "no .ilo-gsc-poa marker" not in err
    assert folder_bytes(out) == before


def test_marker_does_not_cover_subfolders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 0
    out = tmp_path / "out"
    (out / "drafts").mkdir()
    (out / "drafts" / "a.csv").write_text("x\n1\n")
    before = folder_bytes(out)
    capsys.readouterr()
    assert run(tmp_path) == 1
    assert "did not write (drafts/)" in capsys.readouterr().err
    assert folder_bytes(out) == before


def test_empty_out_dir_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert run(tmp_path) == 0
    assert (tmp_path / "out" / "annex_schedule.parquet").exists()
    assert main(["validate", "--out-dir", str(tmp_path / "out")]) == 0


def test_marker_is_written_and_identical_across_runs(tmp_path: Path) -> None:
    marker = tmp_path / "out" / ".ilo-gsc-poa"
    assert run(tmp_path) == 0
    first = marker.read_bytes()
    assert b"ilo-gsc-poa" in first and b"replaces the whole folder" in first
    assert run(tmp_path) == 0
    assert marker.read_bytes() == first


def test_docs_out_on_a_folder_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["docs", "--raw-dir", str(RAW), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == f"{tmp_path.as_posix()}: is a folder; --out takes a file path\n"
    assert list(tmp_path.iterdir()) == []


def test_docs_out_over_a_foreign_file_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "tables.md"
    notes.write_bytes(b"# Tables of my own\n\nkeep me\n")
    docs = ["docs", "--raw-dir", str(RAW), "--out", str(notes)]
    assert main(docs) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"{notes.as_posix()}: ")
    assert "--force" in err
    assert notes.read_bytes() == b"# Tables of my own\n\nkeep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables.md"]
    assert main([*docs, "--force"]) == 0
    assert notes.read_bytes().startswith(b"# Tables\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables.md"]


def test_docs_twice_to_the_same_path(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "tables.md"
    docs = ["docs", "--raw-dir", str(RAW), "--out", str(out)]
    assert main(docs) == 0
    first = out.read_bytes()
    assert first.startswith(b"# Tables\n")
    assert main(docs) == 0
    assert out.read_bytes() == first
    assert sorted(p.name for p in out.parent.iterdir()) == ["tables.md"]


def test_docs_failed_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    out = tmp_path / "tables.md"
    docs = ["docs", "--raw-dir", str(RAW), "--out", str(out)]
    assert main(docs) == 0
    before = out.read_bytes()
    out.write_bytes(before + b"\nolder run\n")
    kept = out.read_bytes()

    def failing(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing)
    capsys.readouterr()
    assert main(docs) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert out.read_bytes() == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables.md"]


def test_version_and_own_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"], prog="ilo-gsc-poa")
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("ilo-gsc-poa ")
    with pytest.raises(SystemExit):
        main(["run", "--help"], prog="ilo-gsc-poa")
    helped = capsys.readouterr().out
    assert "usage: ilo-gsc-poa run" in helped
    assert "examples:" in helped and "--annex FILE" in helped and "--out-dir DIR" in helped
    assert "(default 50 MB)" in helped


def test_python_dash_m_names_itself() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m pipeline")


def test_missing_default_input_says_which_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("raw/annex_i_workplan.txt: not found")
    assert "--raw-dir DIR or --annex FILE" in err


def test_summary_is_a_few_short_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path) == 0
    out = (tmp_path / "out").as_posix()
    lines = capsys.readouterr().out.replace(out, "normalized").splitlines()
    assert 3 <= len(lines) <= 7 and all(len(line) <= 80 for line in lines), lines


def test_verbose_times_each_stage_and_reads_pdf_pages_aloud(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = ROOT / "tests" / "fixtures" / "gb328" / "lo_small.pdf"
    assert run(tmp_path, "-v", "--gb328", str(pdf)) == 0
    err = capsys.readouterr().err.splitlines()
    pages = [line for line in err if ": page " in line]
    assert len(pages) == 9 and pages[0].startswith(f"{pdf.as_posix()}: page 1/9: ")
    stages = [line.split(":")[0] for line in err if line not in pages]
    assert stages == ["annex_i", "annex_i", "gb328", "reconcile", "validate", "write"]
    assert all(re.search(r"\(\d+\.\d\d s\)$", line) for line in err), err


@pytest.mark.parametrize(
    "added",
    [
        ("my_budget.csv",),
        ("my_budget.csv", "survey.parquet"),
        ("my_budget.csv", "notes.txt"),  # once only notes.txt was listed, and the CSV lost
    ],
)
def test_a_users_csv_or_parquet_in_a_written_folder_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], added: tuple[str, ...]
) -> None:
    assert run(tmp_path) == 0
    out = tmp_path / "out"
    for name in added:
        (out / name).write_bytes(b"year,usd\n2017,1000\n")
    before = folder_bytes(out)
    capsys.readouterr()
    assert run(tmp_path) == 1
    err = capsys.readouterr().err
    count = f"{len(added)} {'entry' if len(added) == 1 else 'entries'}"
    assert f"holds {count} this pipeline did not write ({', '.join(sorted(added))})" in err
    assert folder_bytes(out) == before


def test_a_marker_from_before_the_file_list_still_guards_a_users_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 0
    out = tmp_path / "out"
    (out / ".ilo-gsc-poa").write_text(MARKER_TEXT, encoding="utf-8")  # an older run's marker
    (out / "my_budget.csv").write_bytes(b"year,usd\n2017,1000\n")
    capsys.readouterr()
    assert run(tmp_path) == 1
    assert "holds 1 entry this pipeline did not write (my_budget.csv)" in capsys.readouterr().err
    (out / "my_budget.csv").unlink()
    assert run(tmp_path) == 0  # the older marker's tables are the pipeline's own
    assert "my_budget.csv" not in (out / ".ilo-gsc-poa").read_text(encoding="utf-8")
