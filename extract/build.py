"""The whole extraction: input files in, validated tables (and their description) out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from extract.annex import ANNEX_SPEC, grid_to_workplan
from extract.annex import DOC as ANNEX_DOC
from extract.errors import SourceError
from extract.gb328 import DOC as GB328_DOC
from extract.gb328 import body_and_grid_to_paper, source_to_paper
from extract.grid import Grid, TableSpec, lines_to_grid
from extract.paper_pdf import PaperPdf, check_marks_answered, pdf_to_paper_parts
from extract.pdf import is_pdf, pdf_to_grid, sha256
from extract.programme import programme_table
from extract.reconcile import reconcile
from extract.records import Note, Paper, SourceDocument, Workplan
from extract.tables import (
    documents_table,
    footnotes_table,
    notes_table,
    paper_tables,
    reconciliation_tables,
    workplan_tables,
)
from extract.text import DEFAULT_MAX_BYTES, read_bytes, text_source
from schemas import validate_tables

ANNEX_FILE = "annex_i_workplan.txt"
GB328_FILE = "gb328_ins_5_1_add1.txt"

Log = Callable[[str], None]


def _quiet(message: str) -> None:
    """Say nothing."""


def build_tables(
    annex_path: Path,
    gb328_path: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    log: Log = _quiet,
) -> dict[str, pd.DataFrame]:
    """Read both documents, run every stage and return the validated tables."""
    return build(annex_path, gb328_path, max_bytes, log).tables


@dataclass(frozen=True)
class Built:
    """The validated tables, and the audit view's inputs when a document was read from PDF."""

    tables: dict[str, pd.DataFrame]
    annex_pdf: bytes | None
    plan: Workplan
    gb328_pdf: bytes | None = None
    paper: Paper | None = None
    paper_parts: PaperPdf | None = None


def build(
    annex_path: Path,
    gb328_path: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    log: Log = _quiet,
) -> Built:
    """Read both documents, run every stage, validate; keep what the audit view needs."""
    annex, grid, annex_pdf = read_table_document(annex_path, ANNEX_DOC, ANNEX_SPEC, max_bytes, log)
    kind = "PDF" if grid.is_pdf else "text"
    log(f"annex_i: read {annex.path} as {kind}, {len(grid.pages)} table pages")
    plan = grid_to_workplan(grid)
    log(
        f"annex_i: {len(plan.pages)} pages -> {len(plan.deliverables)} deliverables,"
        f" {len(plan.activities)} activities, {len(plan.schedule)} scheduled quarters,"
        f" {len(plan.notes)} notes"
    )
    gb328, paper, gb328_pdf, parts = read_paper(gb328_path, max_bytes, log)
    read_as = f"PDF, {paper.page_count} pages" if gb328_pdf else f"text, {len(gb328.lines)} lines"
    log(
        f"gb328: read {gb328.path} as {read_as} -> {len(paper.paragraphs)}"
        f" paragraphs, {len(paper.footnotes)} footnotes, {len(paper.areas)} action areas,"
        f" {len(paper.items)} follow-up items, {len(paper.rows)} matrix rows on"
        f" {paper.matrix_pages} pages"
    )
    headed = {area.area_no for area in paper.areas}
    for deliverable in plan.deliverables:
        if deliverable.area_no not in headed:
            raise SourceError(
                f"no heading 'Action area {deliverable.area_no}: ...' for the area of Annex I"
                f" deliverable {deliverable.deliverable_id} ({annex.path}:"
                f"{deliverable.line_first})",
                file=gb328.path,
            )
    reconciled, discrepancies, merge_notes = reconcile(plan, paper.rows, paper.items)
    statuses = Counter(r.status for r in reconciled)
    log(
        "reconcile: "
        + ", ".join(f"{statuses[s]} {s}" for s in sorted(statuses))
        + f"; {len(discrepancies)} discrepancies"
    )
    tables = {
        **workplan_tables(plan),
        **paper_tables(paper),
        **reconciliation_tables(reconciled, discrepancies),
        "footnotes": footnotes_table([*plan.footnotes, *paper.footnotes]),
        "extraction_notes": notes_table([*plan.notes, *paper.notes, *merge_notes]),
        "documents": documents_table(
            [
                (annex, grid.page_count or len(grid.pages), plan.front),
                (gb328, paper.page_count, paper.front),
            ]
        ),
    }
    tables["programme"] = programme_table(tables)
    checked = validate_tables(tables)
    log(f"validate: {len(checked)} tables pass schemas.py, keys between tables included")
    return Built(checked, annex_pdf, plan, gb328_pdf, paper, parts)


def read_table_document(
    path: Path, doc: str, spec: TableSpec, max_bytes: int = DEFAULT_MAX_BYTES, log: Log = _quiet
) -> tuple[SourceDocument, Grid, bytes | None]:
    """A document's table as the typed grid, from text or, if the bytes say so, from a PDF."""
    data = read_bytes(path, max_bytes)
    shown = path.as_posix()
    if is_pdf(data):
        source = SourceDocument(doc, shown, sha256(data), ())
        return source, pdf_to_grid(data, shown, spec, log=log), data
    source = text_source(data, shown, doc)
    return source, lines_to_grid(source.lines, spec, shown), None


def read_paper(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, log: Log = _quiet
) -> tuple[SourceDocument, Paper, bytes | None, PaperPdf | None]:
    """The GB.328 paper from its text export or, if the bytes say so, from its PDF."""
    data = read_bytes(path, max_bytes)
    shown = path.as_posix()
    if not is_pdf(data):
        source = text_source(data, shown, GB328_DOC)
        return source, source_to_paper(source), None, None
    parts = pdf_to_paper_parts(data, shown, log=log)
    check_marks_answered(parts.body, shown)
    paper = body_and_grid_to_paper(parts.body, parts.grid)
    reader_notes = [
        Note(GB328_DOC, note.page, note.line, note.kind, None, note.message)
        for note in (*parts.notes, *parts.grid.notes)
    ]
    paper = replace(paper, notes=(*reader_notes, *paper.notes))
    return SourceDocument(GB328_DOC, shown, sha256(data), ()), paper, data, parts


AUDIT_RESOLUTION = 90  # dpi: small print in a cell stays legible on screen


def output_files(tables: dict[str, pd.DataFrame], built: Built | None = None) -> dict[str, bytes]:
    """The files written beside the tables: the data package, the report and, when a document
    was read from PDF, the audit view of that reading."""
    from extract.package import datapackage_json
    from extract.report import report_html
    from extract.sqlite import sqlite_bytes
    from extract.xlsx import xlsx_bytes

    files = {
        "datapackage.json": datapackage_json(tables),
        "report.html": report_html(tables).encode("utf-8"),
        "programme.sqlite": sqlite_bytes(tables),
        "programme.xlsx": xlsx_bytes(tables),
    }
    if built is not None and (built.annex_pdf is not None or built.gb328_pdf is not None):
        from extract.audit import AuditPart, audits_html, paper_boxes, workplan_boxes

        documents = built.tables["documents"]
        paths = dict(zip(documents.doc, documents.path, strict=True))
        parts = []
        if built.annex_pdf is not None:
            boxes = tuple(workplan_boxes(built.plan))
            parts.append(AuditPart("Annex I", built.annex_pdf, boxes))
        if built.gb328_pdf is not None and built.paper and built.paper_parts:
            boxes = tuple(paper_boxes(built.paper, built.paper_parts))
            parts.append(AuditPart("GB.328", built.gb328_pdf, boxes))
        read = " and ".join(
            f"{name} read from {paths[doc]}"
            for name, doc, pdf in (
                ("Annex I", ANNEX_DOC, built.annex_pdf),
                ("GB.328", GB328_DOC, built.gb328_pdf),
            )
            if pdf is not None
        )
        if len(parts) == 1:
            parts = [AuditPart("", parts[0].pdf, parts[0].boxes)]
        page = audits_html(parts, read, AUDIT_RESOLUTION)
        files["audit.html"] = page.encode("utf-8")
    return files
