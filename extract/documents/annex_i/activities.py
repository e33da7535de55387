"""Each deliverable's key activities, split into items; unnumbered or irregular lists noted."""

from __future__ import annotations

from collections.abc import Sequence

from extract.documents.annex_i.records import Activity, Deliverable, Row
from extract.documents.annex_i.spec import DOC
from extract.readers.lists import skipped_numbers, split_list_items
from extract.records import Note, NoteKind

# Words that open an activity in lists printed without numbers: the imperative verbs of the
# work-plan (and 'Based on ...', which opens one in 5.3). A capitalised verb mid-sentence is
# rare in these lists, and the preceding-word check of readers/lists.py rules out names like
# 'the Office' or 'with Global Union Federations'.
ACTIVITY_VERBS = frozenset(
    """Adapt Analyse Analyze Appoint Assess Based Build Collect Combine Commission Compile
    Conduct Convene Coordinate Create Design Develop Disseminate Document Do Encourage Enhance
    Establish Evaluate Explore Facilitate Gather Generate Host Identify Implement Include Involve
    Launch Leverage Map Monitor Organise Organize Pilot Prepare Produce Promote Provide Publish
    Review Set Share Strengthen Support Train Undertake Update Use""".split()
)


def blocks_to_activities(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[tuple[Activity, ...], tuple[Note, ...]]:
    """Split each deliverable's key activities; unnumbered lists leave a note."""
    activities: list[Activity] = []
    notes: list[Note] = []
    for block, deliverable in zip(blocks, deliverables, strict=True):
        segments = [segment for row in block for segment in row.activity_lines if segment.text]
        items = split_list_items(segments, ACTIVITY_VERBS)
        for no, item in enumerate(items, start=1):
            activities.append(
                Activity(
                    deliverable.deliverable_id,
                    no,
                    item.text,
                    item.numbered_in_source,
                    item.page,
                    item.line,
                    item.bbox,
                )
            )
        skipped = skipped_numbers(segments)
        if skipped:
            notes.append(
                Note(
                    doc=DOC,
                    page=segments[0].page,
                    line=segments[0].line,
                    kind=NoteKind.LIST_NUMBERS_IRREGULAR,
                    deliverable_id=deliverable.deliverable_id,
                    message=(
                        f"key activities are numbered 1-{len(items)} but the text also has"
                        f" {', '.join(f'{n}.' for n in skipped)}: a number is missing or repeated,"
                        " so two activities may have been read as one"
                    ),
                )
            )
        if items and not items[0].numbered_in_source:
            openers = ", ".join(repr(item.text.split(" ", 1)[0]) for item in items)
            notes.append(
                Note(
                    doc=DOC,
                    page=segments[0].page,
                    line=segments[0].line,
                    kind=NoteKind.UNNUMBERED_LIST_SPLIT,
                    deliverable_id=deliverable.deliverable_id,
                    message=(
                        f"key activities carry no numbers; split into {len(items)} activities at"
                        f" the verbs that open them: {openers}"
                    ),
                )
            )
    return tuple(activities), tuple(notes)
