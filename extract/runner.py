"""The whole extraction as a library: `run(inputs)` reads every registered document, runs the
cross-document stage and validates; `publish(result, out_dir)` writes the files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from extract.cross.programme_table import programme_table
from extract.cross.step import readings_to_crossed
from extract.documents import DOCUMENTS
from extract.documents.base import Log, Reading, quiet
from extract.errors import OutputError, SourceError
from extract.limits import LIMITS, Limits
from extract.output.validate import validate_tables
from extract.readers.text import DEFAULT_MAX_BYTES
from extract.records import Doc, Note
from extract.shared_frames import documents_table, footnotes_table, notes_table

ANNEX_FILE = DOCUMENTS[0].default_file
GB328_FILE = DOCUMENTS[1].default_file
AUDIT_RESOLUTION = 90  # dpi: small print in a cell stays legible on screen


@dataclass(frozen=True)
class Inputs:
    """Where each document is read from, and the largest file accepted."""

    paths: Mapping[Doc, Path]
    max_bytes: int = DEFAULT_MAX_BYTES
    limits: Limits = LIMITS

    @classmethod
    def from_raw_dir(
        cls,
        raw_dir: Path,
        max_bytes: int = DEFAULT_MAX_BYTES,
        limits: Limits = LIMITS,
        **given: Path,
    ):
        """Each document's default file under raw_dir unless given by its doc key."""
        paths = {d.doc: given.get(d.doc.value) or raw_dir / d.default_file for d in DOCUMENTS}
        return cls(paths, max_bytes, limits)


@dataclass(frozen=True)
class Result:
    """The validated tables and each document as read (for the audit view)."""

    tables: dict[str, pd.DataFrame]
    readings: Mapping[Doc, Reading] = field(default_factory=dict)
    limits: Limits = LIMITS  # the reading's, for the audit view's drawing (workers)


def run(inputs: Inputs, log: Log = quiet) -> Result:
    """Read every registered document, run every stage, validate every table."""
    readings: dict[Doc, Reading] = {}
    for document in DOCUMENTS:
        reading = document.read(inputs.paths[document.doc], inputs.max_bytes, log, inputs.limits)
        log(reading.summary)
        readings[document.doc] = reading
    crossed = readings_to_crossed(readings)
    log(crossed.summary)
    shown = list(readings.values())
    tables = {**readings_to_tables(shown, crossed.notes), **crossed.tables}
    # Both documents on one row per deliverable, from the tables above.
    tables["programme"] = programme_table(tables)
    read_from = {name: r.source.path for r in shown for name in r.tables}
    checked = validate_tables(tables, read_from)
    log(f"validate: {len(checked)} tables pass their schemas, keys between tables included")
    return Result(checked, readings, inputs.limits)


def readings_to_tables(
    readings: Sequence[Reading], notes: Sequence[Note] = ()
) -> dict[str, pd.DataFrame]:
    """Each reading's own tables, and the tables they share: footnotes, extraction notes (with
    `notes` from later stages) and one documents row each."""
    return {
        **{name: frame for r in readings for name, frame in r.tables.items()},
        "footnotes": footnotes_table([f for r in readings for f in r.footnotes]),
        "extraction_notes": notes_table([*(n for r in readings for n in r.notes), *notes]),
        "documents": documents_table([(r.source, r.pages, r.front) for r in readings]),
    }


def read_document(
    doc: Doc,
    path: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    log: Log = quiet,
    limits: Limits = LIMITS,
) -> dict[str, pd.DataFrame]:
    """One document read alone: its own tables with its footnotes, notes and documents row,
    validated; nothing across documents (no reconciliation, no completeness across them)."""
    document = next(d for d in DOCUMENTS if d.doc == doc)
    reading = document.read(path, max_bytes, log, limits)
    tables = readings_to_tables([reading])
    sources = dict.fromkeys(reading.tables, reading.source.path)
    return validate_tables(tables, sources, only=tables)


def publish(result: Result, out_dir: Path) -> dict[str, bytes]:
    """Write the tables and every file beside them into out_dir, replacing it in one step;
    returns the files written beside the tables."""
    from extract.output.write import write_tables

    files = output_files(result.tables, result)
    write_tables(result.tables, out_dir, files)
    return files


def output_files(tables: dict[str, pd.DataFrame], result: Result | None = None) -> dict[str, bytes]:
    """The files written beside the tables: the data package, the report and, when a document
    was read from PDF, the audit view of that reading."""
    from extract.output.package import datapackage_json
    from extract.output.report import report_html
    from extract.output.sqlite import sqlite_bytes
    from extract.output.xlsx import xlsx_bytes

    files = {
        "datapackage.json": datapackage_json(tables),
        "report.html": report_html(tables).encode("utf-8"),
        "programme.sqlite": sqlite_bytes(tables),
        "programme.xlsx": xlsx_bytes(tables),
    }
    read = [d for d in DOCUMENTS if result and d.doc in result.readings]
    from_pdf = [(d, result.readings[d.doc]) for d in read if result.readings[d.doc].pdf]
    if from_pdf:
        from pypdfium2 import PdfiumError

        from extract.output.audit import AuditPart, audits_html
        from extract.readers.pdf.parallel import ONE_PROCESS, WorkerLost

        parts = [
            AuditPart(d.name, r.pdf, tuple(d.audit_boxes(r)), r.pages or 0) for d, r in from_pdf
        ]
        title = " and ".join(f"{d.name} read from {r.source.path}" for d, r in from_pdf)
        if len(parts) == 1:
            parts = [replace(parts[0], name="")]
        try:
            html = audits_html(parts, title, AUDIT_RESOLUTION, result.limits.workers)
            files["audit.html"] = html.encode("utf-8")
        except WorkerLost as exc:
            raise OutputError(
                f"the audit view: {exc.message}; {ONE_PROCESS}",
                file=" and ".join(r.source.path for _, r in from_pdf),
            ) from None
        except PdfiumError as exc:  # pdfminer read past a repaired file pdfium refuses to draw
            raise SourceError(
                f"the PDF cannot be drawn for the audit view ({exc}): it is damaged; get an"
                " undamaged copy",
                file=" and ".join(r.source.path for _, r in from_pdf),
            ) from None
    return files


# Two-document shorthands kept for scripts and tests that name the files directly.


def build(
    annex_path: Path, gb328_path: Path, max_bytes: int = DEFAULT_MAX_BYTES, log: Log = quiet
) -> Result:
    """run() on the two documents' files."""
    return run(Inputs({Doc.ANNEX_I: annex_path, Doc.GB328: gb328_path}, max_bytes), log)


def build_tables(
    annex_path: Path, gb328_path: Path, max_bytes: int = DEFAULT_MAX_BYTES, log: Log = quiet
) -> dict[str, pd.DataFrame]:
    """The validated tables of the two documents' files."""
    return build(annex_path, gb328_path, max_bytes, log).tables
