"""GB.328/INS/5/1(Add.1): front matter, paragraphs, footnotes, action areas and the
Appendix activity matrix."""

from __future__ import annotations

from extract.documents.base import DocumentType, Reading
from extract.documents.gb328 import models as schemas
from extract.documents.gb328.read import read_gb328
from extract.records import Doc


def _audit_boxes(reading: Reading) -> list:
    from extract.documents.gb328.audit import paper_boxes

    return paper_boxes(reading.parsed, reading.evidence)


DOCUMENT = DocumentType(
    doc=Doc.GB328,
    name="GB.328",
    default_file="gb328_ins_5_1_add1.txt",
    flag="--gb328",
    read=read_gb328,
    models=schemas.MODELS,
    primary_keys=schemas.PRIMARY_KEYS,
    foreign_keys=schemas.FOREIGN_KEYS,
    audit_boxes=_audit_boxes,
)
