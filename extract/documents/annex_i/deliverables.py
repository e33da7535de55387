"""One deliverable per block: its conclusion and number parsed off its text, its area resolved."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.areas import area_no
from extract.documents.annex_i.areas import rows_to_areas
from extract.documents.annex_i.records import Deliverable, Row
from extract.documents.annex_i.rows import row_line
from extract.documents.annex_i.spec import ID_AT_END
from extract.errors import SourceError
from extract.programme_constants import PROGRAMME
from extract.readers.text import join_pieces

_CONCLUSION = regex.compile(
    r"In\s+response\s+to\s+(?:the\s+)?ILC\s+\d{4}\s+Conclusions?\s*(\d{1,3})\s*\(\s*([A-Za-z])\s*\)\s*",
    flags=regex.IGNORECASE,
)

_CITATION = regex.compile(
    r"\bILC\s+\d{4}\s+Conclusions?\s*\d{1,3}\s*\(\s*[A-Za-z]\s*\)", flags=regex.IGNORECASE
)

_SECOND_ID = regex.compile(r"\(\s*(\d+\.\d+)\s*\)(?=\s+\p{Lu})")


def blocks_to_deliverables(blocks: Sequence[Sequence[Row]]) -> tuple[Deliverable, ...]:
    """One deliverable per block: conclusion and number parsed off, area resolved."""
    rows = [row for block in blocks for row in block]
    areas = dict(zip((id(row) for row in rows), rows_to_areas(rows), strict=True))
    deliverables: list[Deliverable] = []
    first_line: dict[str, int] = {}
    for seq, block in enumerate(blocks, start=1):
        opening = block[0]
        area = areas[id(opening)]
        conclusion, deliverable_id, text = _parse_deliverable(block, seq == len(blocks))
        if deliverable_id in first_line:
            raise SourceError(
                f"deliverable number {deliverable_id} is used again"
                f" (first at line {first_line[deliverable_id]})",
                line=row_line(opening),
                page=opening.page,
            )
        first_line[deliverable_id] = opening.line
        deliverables.append(
            Deliverable(
                deliverable_id=deliverable_id,
                seq=seq,
                conclusion=conclusion,
                text=text,
                area=area,
                area_no=area_no(area) or 0,
                area_printed=opening.area_printed,
                page_first=opening.page,
                page_last=block[-1].page,
                line_first=opening.line,
                line_last=block[-1].line,
                boxes=tuple(
                    (row.page, row.deliverable_box) for row in block if row.deliverable_box
                ),
            )
        )
    return tuple(deliverables)


def _parse_deliverable(block: Sequence[Row], last: bool = False) -> tuple[str, str, str]:
    opening = block[0]
    text = join_pieces([row.deliverable for row in block])
    conclusion = _CONCLUSION.match(text)
    if not conclusion:
        raise SourceError(
            "deliverable does not begin with 'In response to ILC 2016 Conclusion 23 (x)'"
            f": {text[:60]!r}",
            line=row_line(opening),
            page=opening.page,
        )
    letter = conclusion.group(2).lower()
    if letter not in PROGRAMME.conclusion_letters:
        raise SourceError(
            f"conclusion letter {conclusion.group(2)!r} is outside a-i",
            line=row_line(opening),
            page=opening.page,
        )
    body = text[conclusion.end() :]
    # A number inside the text followed by a new sentence ends a deliverable; one followed by
    # more of the sentence or another number is a reference ('based on (4.1) (2.1)').
    inner = [m.group(1) for m in _SECOND_ID.finditer(body) if m.end() < len(body.rstrip())]
    # A second opening is known by its citation even where its phrase is misspelt.
    second = _CONCLUSION.search(body) or _CITATION.search(body)
    if second or (inner and ID_AT_END.search(body[-80:])):
        numbers = ", ".join([*inner, *(m.group(1) for m in [ID_AT_END.search(body)] if m)])
        where = (
            "one deliverable cell holds"
            if len(block) == 1
            else f"the deliverable text joined across the page break (line {block[-1].line}) holds"
        )
        raise SourceError(
            f"{where} two deliverables"
            + (f" (numbers {numbers})" if inner else " (a second 'In response to ...')")
            + "; a row rule or an opening phrase is missing between them",
            line=row_line(opening),
            page=opening.page,
        )
    # The number ends the text: look only at the tail, so a huge cell costs no more.
    tail_at = max(len(body) - 80, 0)
    number = ID_AT_END.search(body, tail_at)
    if not number:
        raise SourceError(
            f"deliverable has no number like '(2.1)' at the end of its text: ...{body[-50:]!r}"
            # The last row of a whole table closes its deliverable; one left open is a cut.
            + ("; the table ends here, inside it: is the document cut short?" if last else ""),
            line=row_line(block[-1]),
            page=block[-1].page,
        )
    return f"{conclusion.group(1)}({letter})", number.group(1), body[: number.start()].strip()
