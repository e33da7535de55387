"""Pages drawn on several cores give what one process reading in order gives: the same
geometries, and the same first page refused when pages are damaged."""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from extract.errors import SourceError
from extract.limits import LIMITS
from extract.readers.pdf.geometry import SETTINGS
from extract.readers.pdf.parallel import workers_for
from extract.readers.pdf.reading import pdf_to_geometries
from tests.minimal_pdf import text_pages_pdf

FIXTURES = Path(__file__).parent / "fixtures"
ONE, TWO = replace(LIMITS, workers=1), replace(LIMITS, workers=2)


def _text(page: int) -> bytes:
    line = b"BT /F1 10 Tf 72 %d Td (Page %d line %d of the work-plan) Tj ET\n"
    return b"".join(line % (800 - 12 * i, page, i) for i in range(40))


def _flipped(content: bytes) -> bytes:
    """Compressed, with bytes flipped inside the compressed stream."""
    data = bytearray(zlib.compress(content))
    for at in range(40, 50):
        data[at] ^= 0x5A
    return bytes(data)


@pytest.mark.parametrize("name", ["producers/lo_table.pdf", "annex_pages.pdf"])
def test_pages_read_side_by_side_equal_pages_read_in_order(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    alone = pdf_to_geometries(data, name, SETTINGS, limits=ONE)
    assert workers_for(len(alone), 2, SETTINGS.pages_per_worker) == 2
    assert pdf_to_geometries(data, name, SETTINGS, limits=TWO) == alone


@pytest.mark.parametrize("workers", [ONE, TWO])
@pytest.mark.parametrize(
    ("misspelt", "cut", "page"),
    # (None, 7, 7) and (9, 7, 7): a cut late enough that the pages before it fill two
    # workers, so the pool reads them (the others leave too few pages for a second process).
    [(7, None, 7), (4, 8, 4), (None, 6, 6), (8, 3, 3), (None, 7, 7), (9, 7, 7)],
)
def test_the_first_damaged_page_is_the_one_named(
    workers: object, misspelt: int | None, cut: int | None, page: int
) -> None:
    """An operator misspelt (heard while drawing) and a stream cut (seen before drawing) on
    different pages: the lower page is named, however many processes read."""
    contents = []
    for no in range(1, 10):
        text = _text(no)
        if no == misspelt:
            contents.append((text.replace(b") Tj", b") Tk", 1), False))
        elif no == cut:
            contents.append((text, True))
        else:
            contents.append((text, no % 2 == 0))
    data = text_pages_pdf(contents)
    if cut is not None:
        # Replace the cut page's stream by a damaged one of the same length.
        good = zlib.compress(_text(cut))
        assert good in data
        data = data.replace(good, _flipped(_text(cut))[: len(good)].ljust(len(good), b"\0"), 1)
    with pytest.raises(SourceError) as caught:
        pdf_to_geometries(data, "damaged.pdf", SETTINGS, limits=workers)
    assert caught.value.page == page
    assert "the PDF is damaged here" in str(caught.value)


def test_a_heavy_page_is_drawn_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages drawn side by side share the content budget: a page whose content is over its
    share is drawn by the parent alone, after the pool; the result is still the same."""
    from extract.readers.pdf import reading

    contents = [(_text(no) * (3 if no == 5 else 1), True) for no in range(1, 10)]
    data = text_pages_pdf(contents)
    size = len(_text(1))
    tight = replace(LIMITS, workers=2, page_content=4 * size)  # a share is 2 pages' content
    pooled: list[int] = []

    def recorded(data: bytes, nos: list[int], settings: object, jobs: int, words: int) -> dict:
        pooled.extend(nos)
        return read_in_pool(data, nos, settings, jobs, words)

    read_in_pool = reading.read_in_pool
    monkeypatch.setattr(reading, "read_in_pool", recorded)
    together = pdf_to_geometries(data, "x.pdf", SETTINGS, limits=tight)
    assert pooled == [1, 2, 3, 4, 6, 7, 8, 9]
    assert together == pdf_to_geometries(data, "x.pdf", SETTINGS, limits=ONE)


def test_audit_images_drawn_side_by_side_equal_those_drawn_in_order() -> None:
    import pypdfium2

    from extract.output.audit import page_images

    data = (FIXTURES / "producers" / "lo_table.pdf").read_bytes()
    count = len(pypdfium2.PdfDocument(data))
    alone = page_images(data, count, 30, workers=1)
    assert len(alone) == count and all(i.png.startswith("data:image/png") for i in alone)
    assert page_images(data, count, 30, workers=2) == alone


def _killed_on_odd_share(data: bytes, nos: list[int]) -> list[int]:
    import os
    import signal

    if nos[0] % 2:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    return list(nos)


def test_a_killed_worker_is_an_error_not_a_wait() -> None:
    """multiprocessing.Pool waited for ever on a worker killed mid-page (seen when a run's
    workers were killed); the pool now hears the worker's end and says so."""
    import signal

    from extract.readers.pdf.parallel import WorkerLost, pages_in_pool

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("waited for a dead worker")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        with pytest.raises(WorkerLost, match="ended without its pages"):
            pages_in_pool(b"", [1, 2, 3, 4], _killed_on_odd_share, 2)
        assert pages_in_pool(b"", [2, 4, 6, 8], _killed_on_odd_share, 2) == [2, 4, 6, 8]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_killed_worker_is_one_line_naming_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.readers.pdf import reading

    def killed(data: bytes, nos: list[int], **_: object) -> list[int]:
        return _killed_on_odd_share(data, [1])

    monkeypatch.setattr(reading, "_read_share", killed)
    data = (FIXTURES / "producers" / "lo_table.pdf").read_bytes()
    with pytest.raises(SourceError) as caught:
        pdf_to_geometries(data, "lo_table.pdf", SETTINGS, limits=TWO)
    said = str(caught.value)
    assert said.startswith("lo_table.pdf: a page worker ended without its pages (exit -9;")
    assert said.endswith("--limit workers=1 reads the pages in one process")


def test_workers_is_a_limit_that_may_be_zero() -> None:
    from extract.limits import limit_setting, limits_with

    assert limits_with(LIMITS, [limit_setting("workers=0")]).workers == 0
    assert limits_with(LIMITS, [limit_setting("workers=3")]).workers == 3
    with pytest.raises(ValueError, match="workers is 0"):
        limit_setting("workers=-1")
    with pytest.raises(ValueError, match="must be positive"):
        limit_setting("pages=0")


def test_a_process_takes_at_least_its_share_of_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """On 4 cores with no setting (the suite sets one), 3 pages a process: 5 pages are read
    by one process, 6 by two, 12 by four. Asked for 0 under the suite's own setting of 1,
    this always said 1 and could not fail."""
    import os

    from extract.readers.pdf.parallel import WORKERS_VARIABLE

    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert [workers_for(n, 0, 3) for n in (2, 5, 6, 12, 40)] == [1, 1, 2, 4, 4]
    assert workers_for(40, 3, 3) == 3


def test_the_words_limit_stops_the_page_workers_not_only_the_parent() -> None:
    """The words limit bounds memory: checked only in the parent, every pooled page was drawn
    and sent before it refused (30 of 30 pages for words=600). The workers now count the
    words together and stop; the page named is the one a single process names."""
    from extract.readers.pdf.reading import read_in_pool

    data = text_pages_pdf([(_text(no), True) for no in range(1, 10)])  # 280 words a page
    reads = read_in_pool(data, list(range(1, 10)), SETTINGS, 2, 600)
    assert 3 <= len(reads) <= 5  # 3 pages pass 600; a worker may start one more each
    low = {w: replace(LIMITS, workers=w, words=600) for w in (1, 2)}
    said = []
    for limits in low.values():
        with pytest.raises(SourceError) as caught:
            pdf_to_geometries(data, "x.pdf", SETTINGS, limits=limits)
        said.append(str(caught.value))
    assert said[0] == said[1] and "page 3: the PDF holds more than 600 words" in said[0]


def _raises_on_odd_share(data: bytes, nos: list[int]) -> list[int]:
    if nos[0] % 2:
        raise ArithmeticError(f"page {nos[0]} cannot be drawn")
    return list(nos)


def test_what_a_worker_raises_is_raised_as_one_process_would() -> None:
    """A worker's exception came back as WorkerLost, so a page pdfium refused was 'damaged'
    with one process and 'a worker failed; use --limit workers=1' with two."""
    from extract.readers.pdf.parallel import pages_in_pool

    with pytest.raises(ArithmeticError, match="page 1 cannot be drawn"):
        pages_in_pool(b"", [1, 2, 3, 4], _raises_on_odd_share, 2)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_audit_view_draws_the_pages_the_reading_read(workers: int) -> None:
    """A page tree whose /Count says 6 of its 9 pages: the reading (pdfminer) read 9, the
    audit view counted 6 with pdfium and left pages 7-9 out, exit 0. It now draws the pages
    read, and pdfium's refusal of page 7 is the error the run reports as a damaged file."""
    from pypdfium2 import PdfiumError

    from extract.output.audit import AuditPart, audits_html

    data = text_pages_pdf([(_text(no), True) for no in range(1, 10)])
    assert data.count(b"/Count 9") == 1
    data = data.replace(b"/Count 9", b"/Count 6")
    assert len(pdf_to_geometries(data, "x.pdf", SETTINGS, limits=ONE)) == 9
    with pytest.raises(PdfiumError):
        audits_html([AuditPart("", data, (), 9)], "t", 30, workers)
