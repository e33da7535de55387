"""Annex I, the work-plan: deliverables, key activities and the quarterly Gantt grid."""

from __future__ import annotations

from extract.documents.annex_i import models as schemas
from extract.documents.annex_i.read import read_annex
from extract.documents.base import DocumentType, Reading
from extract.records import Doc


def _audit_boxes(reading: Reading) -> list:
    from extract.documents.annex_i.audit import workplan_boxes

    return workplan_boxes(reading.parsed)


DOCUMENT = DocumentType(
    doc=Doc.ANNEX_I,
    name="Annex I",
    default_file="annex_i_workplan.txt",
    flag="--annex",
    read=read_annex,
    models=schemas.MODELS,
    primary_keys=schemas.PRIMARY_KEYS,
    foreign_keys=schemas.FOREIGN_KEYS,
    audit_boxes=_audit_boxes,
)
