"""Hostile and odd inputs made in the test session: each gives one line and a non-zero exit,
and leaves what was there before as it was (issue 24)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pipeline import main
from tests.minimal_pdf import objects_to_pdf, text_pages_pdf

ROOT = Path(__file__).resolve().parent.parent
ANNEX = ROOT / "raw" / "annex_i_workplan.txt"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["run", "-q", *args])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO with no writer hung the run forever."""
    fifo = tmp_path / "annex.txt"
    os.mkfifo(fifo)
    # A writer that never comes would block the test too; a timer frees it if the bug is back.
    release = threading.Timer(10, lambda: open(fifo, "wb").close())  # noqa: SIM115
    release.start()
    try:
        code, err = _run(capsys, "--annex", str(fifo), "--out-dir", str(tmp_path / "out"))
    finally:
        release.cancel()
    assert code == 1
    assert err == [
        f"{fifo.as_posix()}: is a named pipe (FIFO), not a regular file; give the input file itself"
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_an_endless_device_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlink to /dev/zero was read until memory ran out (10.7 GB, then a traceback)."""
    link = tmp_path / "paper.txt"
    link.symlink_to("/dev/zero")
    code, err = _run(capsys, "--gb328", str(link), "--out-dir", str(tmp_path / "out"))
    assert code == 1
    assert len(err) == 1 and "is a character device, not a regular file" in err[0]


@pytest.mark.parametrize("at", ["start", "middle"])
def test_nul_bytes_in_utf8_are_damage_not_utf16(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], at: str
) -> None:
    """NULs near the start of a UTF-8 file were called UTF-16; the advice (iconv from
    UTF-16) would have garbled it. Anywhere, they are damage, named with their line."""
    data = ANNEX.read_bytes()
    cut = 50 if at == "start" else data.index(b"\n", len(data) // 2) + 1
    bad = tmp_path / "annex.txt"
    bad.write_bytes(data[:cut] + b"\x00" * 20 + data[cut:])
    code, err = _run(capsys, "--annex", str(bad), "--out-dir", str(tmp_path / "out"))
    line = data[:cut].count(b"\n") + 1
    assert code == 1
    assert err == [
        f"{bad.as_posix()}:{line}: holds the control character U+0000 (NUL), which no text"
        " export prints: the file is damaged or is no text"
    ]


def test_real_utf16_without_a_bom_is_still_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wide = tmp_path / "annex.txt"
    wide.write_bytes(ANNEX.read_text(encoding="utf-8").encode("utf-16-le"))
    code, err = _run(capsys, "--annex", str(wide), "--out-dir", str(tmp_path / "out"))
    assert code == 1 and len(err) == 1 and "this is UTF-16 text" in err[0]


def test_a_newline_in_a_file_name_stays_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The name is shown escaped, as a cell's contents are; it split the error line."""
    odd = tmp_path / "work\nplan.txt"
    odd.write_text("no table here\n", encoding="utf-8")
    code, err = _run(capsys, "--annex", str(odd), "--out-dir", str(tmp_path / "out"))
    assert code == 1
    assert len(err) == 1 and err[0].startswith(f"{tmp_path.as_posix()}/work\\nplan.txt: ")


def test_ctrl_c_while_the_libraries_load_is_one_line(tmp_path: Path) -> None:
    """Ctrl-C in the first half second (imports) printed Python's traceback. The signal is
    sent once pandas has begun loading, well before main() sets its own handlers."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-X",
            "importtime",
            "pipeline.py",
            "run",
            "--out-dir",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "pandas._libs" in line:  # pandas has begun loading; most of it is still to come
            proc.send_signal(signal.SIGINT)
            break
    rest = proc.stderr.read()
    proc.wait(timeout=60)
    printed = [
        line for line in (lines + rest.splitlines(True)) if not line.startswith("import time:")
    ]
    assert proc.returncode == 130
    assert [line.rstrip("\n") for line in printed] == ["interrupted; outputs left as they were"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("length", [250, 255])  # 255: the longest name ext4 and tmpfs take
def test_an_out_dir_with_a_long_name_is_written_and_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], length: int
) -> None:
    """A 250-character --out-dir gave a traceback: the hidden sibling written beside it
    ('.NAME.new-PID') was longer than the file system allows. Twice: the second run swaps."""
    out = tmp_path / ("d" * length)
    for _ in range(2):
        code, err = _run(capsys, "--out-dir", str(out))
        assert (code, err) == (0, [])
    assert (out / "programme.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_an_out_dir_name_over_the_limit_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from extract.output.write import name_max

    limit = name_max(tmp_path / "x")
    out = tmp_path / ("d" * (limit + 1))
    code, err = _run(capsys, "--out-dir", str(out))
    assert code == 1
    assert err == [
        f"{out.as_posix()}: a name in this path is {limit + 1} bytes long, over the file"
        f" system's limit of {limit} bytes per name: choose a shorter one"
    ]


def _one_page_pdf(content: bytes, *, compress: bool) -> bytes:
    """A minimal PDF of one page drawing `content` in Helvetica, flate-compressed or not."""
    return text_pages_pdf([(content, compress)])


_TEXT = b"".join(
    b"BT /F1 10 Tf 72 %d Td (Deliverable line %d of the work-plan) Tj ET\n" % (800 - 12 * i, i)
    for i in range(60)
)


def test_the_damage_watch_hears_nothing_on_a_whole_page() -> None:
    from extract.readers.pdf.geometry import SETTINGS
    from extract.readers.pdf.reading import pdf_to_geometries

    for compress in (False, True):
        [page] = pdf_to_geometries(_one_page_pdf(_TEXT, compress=compress), "ok.pdf", SETTINGS)
        assert len(page.words) == 60 * 6


@pytest.mark.parametrize("damage", ["flipped in a compressed stream", "operator misspelt"])
def test_a_damaged_content_stream_stops_at_its_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """pdfminer cut a corrupted stream short with only a log warning on stderr, and skipped
    an operator with a flipped byte silently: exit 0 with 28 of 29 deliverables, or 327 of
    337 marks. Now one line naming the page, and no library line on stderr."""
    if damage == "operator misspelt":
        data = _one_page_pdf(_TEXT.replace(b") Tj", b") Tk", 1), compress=False)
    else:
        data = bytearray(_one_page_pdf(_TEXT, compress=True))
        start = data.index(b"stream\n") + len(b"stream\n")
        for at in range(start + 200, start + 210):
            data[at] ^= 0x5A
        data = bytes(data)
    bad = tmp_path / "workplan.pdf"
    bad.write_bytes(data)
    code, err = _run(capsys, "--annex", str(bad), "--out-dir", str(tmp_path / "out"))
    assert code == 1
    assert len(err) == 1, err
    assert err[0].startswith(f"{bad.as_posix()}: page 1: the PDF is damaged here: ")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        (b"/F1 3 0 R", "Could not get FontBBox"),  # the page's font
        (b"/Contents 5 0 R", "Execute called on non-indirect object"),  # its content
    ],
)
def test_an_object_that_cannot_be_found_stops_at_its_page(missing: bytes, said: str) -> None:
    """A reference to an object the file does not hold: pdfminer resolves it to nothing and
    says so in a warning, which the watch hears (no word would be drawn in that font)."""
    from extract.errors import SourceError
    from extract.readers.pdf.geometry import SETTINGS
    from extract.readers.pdf.reading import pdf_to_geometries

    data = _one_page_pdf(_TEXT, compress=False)
    assert missing in data
    broken = data.replace(missing, missing.replace(b" 0 R", b"9 0 R"), 1)
    with pytest.raises(SourceError) as caught:
        pdf_to_geometries(broken, "x.pdf", SETTINGS)
    assert caught.value.page == 1 and said in str(caught.value)


LO_TABLE = ROOT / "tests" / "fixtures" / "producers" / "lo_table.pdf"


@pytest.mark.parametrize(
    ("source", "limit", "said"),
    [
        (ANNEX, "lines=50", ": has 89 lines, over the limit of 50; raise it with --limit lines=89"),
        (LO_TABLE, "pages=5", ": the PDF has 8 pages, over the limit of 5;"),
        (LO_TABLE, "page_side=600", ": page 1: the page is 842 pt on its longer side, over"),
        (LO_TABLE, "page_content=4000", ": page 1: the page's content decodes to more than the"),
        (LO_TABLE, "words=900", ": the PDF holds more than 900 words by this page"),
    ],
)
def test_each_limit_refuses_with_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: Path, limit: str, said: str
) -> None:
    """Memory had no bound (8.6 GB for 50 MB of short lines, 8.8 GB for a page of 2 million
    rects): each limit refuses what is beyond it, and names itself so a stress run can raise
    it. Here each is lowered below a real input's size."""
    code, err = _run(
        capsys, "--annex", str(source), "--limit", limit, "--out-dir", str(tmp_path / "out")
    )
    assert code == 1
    assert len(err) == 1 and said in err[0], err
    name = limit.split("=")[0]
    assert f"--limit {name}=" in err[0]


def test_default_limits_admit_a_real_pdf_and_a_limit_equal_to_the_input_admits_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from extract.readers.pdf.geometry import SETTINGS
    from extract.readers.pdf.reading import pdf_to_geometries

    pages = pdf_to_geometries(LO_TABLE.read_bytes(), "lo_table.pdf", SETTINGS)
    assert len(pages) == 8
    code, err = _run(capsys, "--limit", "lines=159", "--out-dir", str(tmp_path / "out"))
    assert (code, err) == (0, [])


@pytest.mark.parametrize(
    "bad", ["pages", "pages=0", "pages=x", "colour=3", "lines=1.5", "page_side=nan", "words=inf"]
)
def test_a_wrong_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["run", "--limit", bad])
    assert stopped.value.code == 2
    assert f"argument --limit: '{bad}'" in capsys.readouterr().err


def test_every_limit_given_applies_not_only_the_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--limit is repeatable: a low line limit given before another setting still refuses."""
    code, err = _run(
        capsys,
        "--annex",
        str(ANNEX),
        "--limit",
        "lines=50",
        "--limit",
        "workers=1",
        "--out-dir",
        str(tmp_path / "out"),
    )
    assert code == 1 and "over the limit of 50" in err[0], err


def test_a_pdf_pdfium_cannot_draw_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cross-reference table with flipped bytes: pdfminer repaired it and read the pages,
    then drawing audit.html raised pypdfium2's PdfiumError, a 34-line traceback. Stood in
    for here by the drawing raising it, as pdfium did."""
    from pypdfium2 import PdfiumError

    import extract.output.audit

    def refuse(*args: object, **kwargs: object) -> str:
        raise PdfiumError("Failed to load document (PDFium: Data format error).")

    monkeypatch.setattr(extract.output.audit, "audits_html", refuse)
    code, err = _run(capsys, "--annex", str(LO_TABLE), "--out-dir", str(tmp_path / "out"))
    assert code == 1
    assert err == [
        f"{LO_TABLE.as_posix()}: the PDF cannot be drawn for the audit view (Failed to load"
        " document (PDFium: Data format error).): it is damaged; get an undamaged copy"
    ]
    assert not (tmp_path / "out").exists()


def test_the_content_check_leaves_the_page_as_drawn() -> None:
    """The check before drawing added the page's form XObjects to its /Contents array
    (pdfminer's own list): a page with two content streams and a form it never draws read
    the form's words as page text. Now the words are those pdfplumber reads."""
    import pdfplumber

    from extract.readers.pdf.geometry import SETTINGS
    from extract.readers.pdf.reading import pdf_to_geometries

    form = b"BT /F1 10 Tf 72 600 Td (FORMTEXT) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R]"
        b" /Resources << /Font << /F1 6 0 R >> /XObject << /Fm1 7 0 R >> >> >>",
        *(
            b"<< /Length %d >>\nstream\n" % len(c) + c + b"\nendstream"
            for c in (
                b"BT /F1 10 Tf 72 800 Td (PAGE) Tj ET",
                b"BT /F1 10 Tf 72 700 Td (MORE) Tj ET",
            )
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length %d >>\nstream\n" % len(form)
        + form
        + b"\nendstream",
    ]
    data = objects_to_pdf(objects)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plain = [w["text"] for w in pdf.pages[0].extract_words()]
    assert plain == ["PAGE", "MORE"]
    [page] = pdf_to_geometries(data, "forms.pdf", SETTINGS)
    assert [w.text for w in page.words] == plain
