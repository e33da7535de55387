"""Rows grouped into one block per deliverable, across page breaks."""

from __future__ import annotations

from collections.abc import Sequence

from extract.documents.annex_i.records import Row
from extract.documents.annex_i.spec import ANNEX_SPEC, closes_deliverable, opens_deliverable
from extract.errors import SourceError
from extract.readers.grid import missing_header
from extract.readers.text import join_pieces


def rows_to_deliverable_blocks(rows: Sequence[Row]) -> tuple[tuple[Row, ...], ...]:
    """Group rows by deliverable: a page's first row continues the last deliverable unless it
    opens a new one ('In response to ...'), or the last one is closed by its number and the
    row has deliverable text of its own."""
    blocks: list[list[Row]] = []
    text = ""  # the last block's deliverable text so far
    for row in rows:
        # The opening phrase alone would glue a row whose phrase is misspelt ('In reponse
        # to') into a closed deliverable before it: a lost deliverable read as a merged one.
        continues = (
            blocks
            and row.first_on_page
            and not opens_deliverable(row.deliverable)
            and not (row.deliverable and closes_deliverable(text))
        )
        if blocks and not continues and not row.first_on_page and not row.bbox:
            _check_not_headless(blocks[-1][-1], row)
        if continues:
            blocks[-1].append(row)
            text = join_pieces([text, row.deliverable])
        else:
            blocks.append([row])
            text = row.deliverable
    return tuple(tuple(block) for block in blocks)


def _check_not_headless(before: Row, row: Row) -> None:
    """A row continuing a deliverable stands first on a page; one that follows other lines
    (a page break) inside a page block means that page lost its whole header."""
    if row.line > before.line + 1 and not opens_deliverable(row.deliverable):
        raise SourceError(
            f"{missing_header(row.page + 1, row.line - 1, ANNEX_SPEC)}: the row here continues"
            f" a deliverable, which only a page's first row does",
            line=row.line,
            page=row.page + 1,
        )
