"""A PDF file into page geometries: the file's structure and every page's size and content
checked first, then the pages drawn (on every core where worth it) and checked in page
order, so the first page that cannot be read is the one named."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from extract.errors import SourceError, located
from extract.limits import LIMITS, Limits
from extract.readers.pdf.geometry import Geometry, check_glyphs_mapped, page_to_geometry
from extract.readers.pdf.parallel import ONE_PROCESS, WorkerLost, pages_in_pool, workers_for
from extract.readers.pdf.settings import PdfSettings


@dataclass(frozen=True)
class PageRead:
    """One page as a process read it: its geometry, what the library reported while drawing
    it, or the error that stopped the reading (as words: exceptions do not travel well)."""

    no: int
    geometry: Geometry | None = None
    heard: tuple[str, ...] = ()
    failure: str | None = None  # "unreadable PDF: <kind>: <detail>"


def read_page(page: Any, no: int, settings: PdfSettings, heard: list[str]) -> PageRead:
    """One page drawn, with what the library said while drawing it."""
    before = len(heard)
    try:
        geo = page_to_geometry(page, no, settings)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        detail = str(exc) or " ".join(str(a) for a in exc.args) or "no detail"
        return PageRead(no, failure=f"unreadable PDF: {type(exc).__name__}: {detail}")
    finally:
        page.close()
    return PageRead(no, geo, tuple(heard[before:]))


def _read_share(
    data: bytes,
    nos: Sequence[int],
    settings: PdfSettings,
    first_failure: Any,
    words: Any,
    most_words: int,
) -> list[PageRead]:
    """A worker's pages in order, stopping at the first that cannot be read, before a page
    past the lowest one any worker could not read (`first_failure`), or once the workers
    together hold more than `most_words` words (`words`: both shared by them). The parent
    names the page where the limit is passed, reading any page a worker left."""
    import pdfplumber

    from extract.readers.pdf.damage import library_watched

    out = []
    with library_watched() as heard, pdfplumber.open(io.BytesIO(data)) as pdf:
        for no in nos:
            if no > first_failure.value or words.value > most_words:
                break
            read = read_page(pdf.pages[no - 1], no, settings, heard)
            out.append(read)
            if read.geometry is not None:
                with words.get_lock():
                    words.value += len(read.geometry.words)
            if read.failure or read.heard:
                with first_failure.get_lock():
                    first_failure.value = min(first_failure.value, no)
                break
    return out


def read_in_pool(
    data: bytes, nos: Sequence[int], settings: PdfSettings, jobs: int, most_words: int
) -> dict[int, PageRead]:
    """Pages `nos` drawn by `jobs` forked processes, by page number. Each process stops at
    its first failing page, and at any page past the lowest failing page found so far, so
    the lowest failing page is the one a single process reading in order would have stopped
    at, found as soon as one process reaches it."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    first_failure, words = context.Value("l", 2**31 - 1), context.Value("q", 0)
    task = partial(
        _read_share,
        settings=settings,
        first_failure=first_failure,
        words=words,
        most_words=most_words,
    )
    return {read.no: read for read in pages_in_pool(data, nos, task, jobs)}


def pdf_to_geometries(
    data: bytes,
    path: str,
    settings: PdfSettings,
    log: Callable[[str], None] | None = None,
    limits: Limits = LIMITS,
) -> list[Geometry]:
    """Every page's geometry; `log` hears one line per page (the CLI's -v). Pages are drawn
    on every core where the file is long enough to pay for it (readers/pdf/parallel.py)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from extract.readers.pdf.damage import heard_to_message, library_watched, page_over_limits

    try:
        with library_watched() as heard, pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise SourceError("PDF has no pages", file=path)
            if heard:  # the file's structure, before any page: a repaired cross-reference
                raise SourceError(heard_to_message(heard), file=path)
            if len(pdf.pages) > limits.pages:
                raise SourceError(
                    f"the PDF has {len(pdf.pages)} pages, over the limit of {limits.pages};"
                    f" raise it with --limit pages={len(pdf.pages)} for a stress run",
                    file=path,
                )
            # Every page's size and content checked before any is drawn: a page refused here
            # is reported after the pages before it are read, as one reading in order would.
            admitted: list[tuple[int, int]] = []  # (page, bytes its content decodes to)
            refused: SourceError | None = None
            for no, page in enumerate(pdf.pages, start=1):
                over, size = page_over_limits(page, limits)
                if over is None and heard:
                    over = heard_to_message(heard)
                if over is not None:
                    refused = SourceError(over, file=path, page=no)
                    break
                admitted.append((no, size))
            jobs = workers_for(len(admitted), limits.workers, settings.pages_per_worker)
            # Pages drawn side by side never hold more decoded content between them than
            # one page may alone: a page over its share is drawn alone, after the pool.
            share = limits.page_content // jobs
            pooled = [no for no, size in admitted if jobs > 1 and size <= share]
            jobs = min(jobs, len(pooled))  # no process for a share of no pages
            reads = read_in_pool(data, pooled, settings, jobs, limits.words) if jobs > 1 else {}
            geometries = []
            kept = 0
            for no, _ in admitted:
                read = reads.get(no) or read_page(pdf.pages[no - 1], no, settings, heard)
                if read.failure is not None:
                    raise SourceError(read.failure, file=path)
                geo = read.geometry
                assert geo is not None
                kept += len(geo.words)
                if kept > limits.words:
                    raise SourceError(
                        f"the PDF holds more than {limits.words} words by this page, over the"
                        " limit; raise it with --limit words=N for a stress run",
                        file=path,
                        page=no,
                    )
                if read.heard:
                    raise SourceError(heard_to_message(list(read.heard)), file=path, page=no)
                with located(path):
                    check_glyphs_mapped(geo)  # a word's letters lost to the font's map
                geometries.append(geo)
                if log is not None:
                    log(
                        f"{path}: page {no}/{len(pdf.pages)}: {len(geo.words)} words,"
                        f" {len(geo.hrules) + len(geo.vrules)} rules, {len(geo.fills)} fills"
                    )
            if refused is not None:
                raise refused
            scanned = [g.no for g in geometries if g.images and not g.words]
            if scanned and not any(g.words for g in geometries):
                # Said before any document looks for its header or matrix in no words at all.
                raise SourceError(
                    "no text layer (scanned?); OCR it first", file=path, page=scanned[0]
                )
            return geometries
    except SourceError:
        raise
    except WorkerLost as exc:
        raise SourceError(f"{exc.message}; {ONE_PROCESS}", file=path) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        # pdfplumber wraps pdfminer's errors: look inside for the password one.
        causes = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
            raise SourceError(
                "the PDF is encrypted; save an unprotected copy (e.g. qpdf --decrypt) and give"
                " that",
                file=path,
            ) from None
        detail = str(exc) or " ".join(str(a) for a in exc.args) or "no detail"
        raise SourceError(f"unreadable PDF: {type(exc).__name__}: {detail}", file=path) from None
