"""One pandera model per output table, and the checks that tie tables to each other."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.errors import ValidationFailed
from extract.reconcile import DISCREPANCY_KINDS, STATUSES
from extract.records import MarkKind

ID = r"^\d+\.\d+$"
PERIOD = r"^\d{4}Q[1-4]$"
CONCLUSION = r"^\d+\([a-i]\)$"
BBOX = r"^-?\d+\.\d(,-?\d+\.\d){3}$"
PAGE_BOXES = r"^\d+:-?\d+\.\d(,-?\d+\.\d){3}(;\d+:-?\d+\.\d(,-?\d+\.\d){3})*$"
MARK_KINDS = [kind.value for kind in MarkKind]
DOCS = ["annex_i", "gb328"]
NOTE_KINDS = [
    "area_filled",
    "area_unmatched",
    "continuation_joined",
    "front_matter_unread",
    "furniture_dropped",
    "line_skipped",
    "mark_repeated",
    "list_numbers_irregular",
    "merge_candidates",
    "out_of_frame_mark",
    "page_skipped",
    "timing_interpreted",
    "timing_unreadable",
    "unnumbered_list_split",
    "unnumbered_row",
]
TIMING_KINDS = ["range", "point", "recurring", "milestones", "unspecified"]
AREAS = [1, 2, 3, 4, 5]
_KIND = "(" + "|".join(DISCREPANCY_KINDS) + ")"


class _Table(pa.DataFrameModel):
    """Every table: no columns beyond the model's, values coerced to the model's types."""

    class Config:
        strict = True
        coerce = True


class AnnexDeliverables(_Table):
    """Annex I deliverables in document order, one row each, rows continued across page breaks joined."""

    deliverable_id: Series[str] = pa.Field(
        str_matches=ID,
        unique=True,
        description="Deliverable number printed at the end of the Annex I cell, e.g. '2.1' (it refers to the GB.328 Appendix).",
    )
    seq: Series[int] = pa.Field(
        ge=1, unique=True, description="Order of the deliverable in Annex I, from 1."
    )
    conclusion: Series[str] = pa.Field(
        str_matches=CONCLUSION,
        description="ILC 2016 conclusion the deliverable answers, from 'In response to ILC 2016 Conclusion 23 (b)'.",
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Deliverable text without the conclusion phrase and the number; markup removed, line-break hyphens repaired.",
    )
    area_no: Series[int] = pa.Field(
        isin=[1, 2, 3, 4, 5],
        description="Action area 1-5 (GB.328 numbering), from the merged area cell, filled down.",
    )
    area: Series[str] = pa.Field(description="Action area name as printed in Annex I.")
    area_printed: Series[bool] = pa.Field(
        description="Whether the area cell was printed on the row where the deliverable begins (false: filled down)."
    )
    page_first: Series[int] = pa.Field(
        ge=1, description="Page (block) where the deliverable begins."
    )
    page_last: Series[int] = pa.Field(
        ge=1,
        description="Page where it ends (later than page_first when a row continues across a page break).",
    )
    line_first: Series[int] = pa.Field(
        ge=1, description="Source line (text) or row number (PDF) where it begins."
    )
    line_last: Series[int] = pa.Field(ge=1, description="Source line or row number where it ends.")
    bbox: Series[str] = pa.Field(
        nullable=True,
        str_matches=PAGE_BOXES,
        description="For PDF input, the deliverable cell on each page it spans: 'page:x0,top,x1,bottom' joined by ';' (points, origin top-left); empty for text.",
    )

    @pa.dataframe_check
    def spans_forward(cls, df: pd.DataFrame) -> pd.Series:
        return (df.page_last >= df.page_first) & (df.line_last >= df.line_first)


class AnnexActivities(_Table):
    """Key activities of each Annex I deliverable, split by their running numbers or, where Annex I prints none, at the verbs that open them."""

    deliverable_id: Series[str] = pa.Field(
        str_matches=ID, description="Annex I deliverable the activity belongs to."
    )
    activity_no: Series[int] = pa.Field(
        ge=1, description="Position of the activity in the deliverable's list, from 1."
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Activity text without its running number."
    )
    numbered_in_source: Series[bool] = pa.Field(
        description="Whether Annex I numbers this list (false: split at the verbs that open each activity)."
    )
    page: Series[int] = pa.Field(ge=1, description="Page where the activity begins.")
    line: Series[int] = pa.Field(ge=1, description="Source line or PDF row number where it begins.")
    bbox: Series[str] = pa.Field(
        nullable=True,
        str_matches=BBOX,
        description="For PDF input, the box of the activity's printed lines 'x0,top,x1,bottom' in points (origin top-left); empty for text.",
    )

    class Config:
        unique = ["deliverable_id", "activity_no"]


class AnnexSchedule(_Table):
    """One row per quarter marked X in the Annex I time frame (2017Q1-2021Q4)."""

    deliverable_id: Series[str] = pa.Field(
        str_matches=ID, description="Annex I deliverable scheduled in the quarter."
    )
    year: Series[int] = pa.Field(
        ge=2017, le=2021, description="Year of the marked quarter (2017-2021)."
    )
    quarter: Series[int] = pa.Field(
        isin=[1, 2, 3, 4], description="Quarter 1-4 of the marked cell."
    )
    period: Series[str] = pa.Field(
        str_matches=PERIOD, description="Year and quarter as one string, e.g. '2017Q1'."
    )
    page: Series[int] = pa.Field(ge=1, description="Page of the X mark.")
    line: Series[int] = pa.Field(ge=1, description="Source line or PDF row number of the X mark.")
    column: Series[int] = pa.Field(
        ge=1, description="Cell number (from 1) of the X mark on its row."
    )
    bbox: Series[str] = pa.Field(
        nullable=True,
        str_matches=BBOX,
        description="For PDF input, the box of the quarter cell's mark 'x0,top,x1,bottom' in points (origin top-left); empty for text.",
    )
    mark: Series[str] = pa.Field(
        isin=MARK_KINDS,
        description="The evidence the quarter was read from: 'x' (an X glyph), 'check' (a check-mark glyph), 'fill' (a shaded cell) or 'drawn' (two crossing lines drawn in the cell).",
    )

    class Config:
        unique = ["deliverable_id", "year", "quarter"]

    @pa.dataframe_check
    def period_matches(cls, df: pd.DataFrame) -> pd.Series:
        return df.period == df.year.astype(str) + "Q" + df.quarter.astype(str)


class ExtractionNotes(_Table):
    """Every repair or judgement the parsers made, for a reader to audit."""

    doc: Series[str] = pa.Field(
        isin=DOCS, description="Document the note is about: 'annex_i' or 'gb328'."
    )
    page: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Page (Annex I, GB.328 matrix) where it applies; empty where the paper marks no pages.",
    )
    line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Source line where it applies."
    )
    kind: Series[str] = pa.Field(isin=NOTE_KINDS, description="What the parser did or judged.")
    deliverable_id: Series[str] = pa.Field(
        nullable=True, str_matches=ID, description="Deliverable concerned, if any."
    )
    message: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="What was done and why, for a reader to audit."
    )


class Documents(_Table):
    """The input files: checksum of the bytes read, pages and front matter."""

    doc: Series[str] = pa.Field(
        isin=DOCS, unique=True, description="Document key: 'annex_i' or 'gb328'."
    )
    path: Series[str] = pa.Field(description="Input file as given to the pipeline.")
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the input file's bytes."
    )
    pages: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="PDF input: every page of the file. Text input: page blocks found (Annex I); empty for GB.328, whose text marks no page breaks.",
    )
    organ: Series[str] = pa.Field(
        nullable=True, description="Issuing organ, e.g. 'Governing Body'."
    )
    symbol: Series[str] = pa.Field(
        nullable=True, description="Document symbol, e.g. 'GB.328/INS/5/1(Add.1)'."
    )
    session: Series[str] = pa.Field(nullable=True, description="Session, e.g. '328th Session'.")
    place: Series[str] = pa.Field(nullable=True, description="Place of the session.")
    dates: Series[str] = pa.Field(nullable=True, description="Dates of the session as printed.")
    section: Series[str] = pa.Field(
        nullable=True, description="Section of the agenda, e.g. 'Institutional Section'."
    )
    section_code: Series[str] = pa.Field(nullable=True, description="Section code, e.g. 'INS'.")
    date: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        description="Date of the document, ISO 8601.",
    )
    original_language: Series[str] = pa.Field(nullable=True, description="Original language.")
    agenda_item: Series[str] = pa.Field(nullable=True, description="Agenda item as printed.")
    title: Series[str] = pa.Field(nullable=True, description="Title.")
    label: Series[str] = pa.Field(
        nullable=True, description="Label above the title, e.g. 'Addendum' or 'Annex I'."
    )
    subtitle: Series[str] = pa.Field(nullable=True, description="Subtitle, footnote mark removed.")


class Paragraphs(_Table):
    """The numbered paragraphs 1-37 of GB.328/INS/5/1(Add.1), whole and in order."""

    para_no: Series[int] = pa.Field(ge=1, unique=True, description="Paragraph number 1-37.")
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Whole paragraph, joined across page breaks and footnotes; emphasis markers and footnote marks removed.",
    )
    section: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Heading the paragraph stands under."
    )
    area_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        isin=AREAS,
        description="Action area N for paragraphs under 'Action area N: ...'; empty otherwise.",
    )
    footnotes: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d+(,\d+)*$",
        description="Footnote marks the paragraph carries, comma-separated.",
    )
    line_first: Series[int] = pa.Field(
        ge=1, description="First source line (text) or body block number (PDF)."
    )
    line_last: Series[int] = pa.Field(
        ge=1, description="Last source line (text) or body block number (PDF)."
    )
    page_first: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="PDF page where the paragraph begins; empty for text."
    )
    page_last: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="PDF page where it ends (later than page_first when it runs over a page break); empty for text.",
    )
    bbox: Series[str] = pa.Field(
        nullable=True,
        str_matches=PAGE_BOXES,
        description="For PDF input, each printed part of the paragraph (it breaks at a page or a footnote block): 'page:x0,top,x1,bottom' joined by ';'; empty for text.",
    )

    @pa.dataframe_check
    def numbered_in_order(cls, df: pd.DataFrame) -> pd.Series:
        return df.para_no == pd.RangeIndex(1, len(df) + 1)

    @pa.dataframe_check
    def spans_forward(cls, df: pd.DataFrame) -> pd.Series:
        pages = df.page_first.isna() | (df.page_last >= df.page_first)
        return (df.line_last >= df.line_first) & pages.fillna(False).astype(bool)


class Footnotes(_Table):
    """Footnotes of both documents."""

    doc: Series[str] = pa.Field(isin=DOCS, description="Document the footnote belongs to.")
    mark: Series[str] = pa.Field(str_matches=r"^\d+$", description="Footnote mark as a number.")
    text: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Footnote text, emphasis markers removed."
    )
    line: Series[int] = pa.Field(ge=1, description="Source line of the footnote.")
    ref_line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Source line where the mark is first referenced."
    )

    class Config:
        unique = ["doc", "mark"]


class ActionAreas(_Table):
    """The five action areas of the programme, as GB.328 heads and describes them."""

    area_no: Series[int] = pa.Field(isin=AREAS, unique=True, description="Action area number 1-5.")
    name: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Name as in the heading 'Action area N: ...'."
    )
    objective: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="The area's 'Objective:' line."
    )
    aliases: Series[str] = pa.Field(
        nullable=True,
        description="Other spellings of the name used in the Appendix, '; '-separated.",
    )
    line: Series[int] = pa.Field(ge=1, description="Source line of the heading.")


class FollowUpItems(_Table):
    """The nine follow-up items of the GB.328 Appendix activity matrix."""

    item_no: Series[int] = pa.Field(
        ge=1,
        le=9,
        unique=True,
        description="Follow-up item number 1-9 of the Appendix activity matrix.",
    )
    conclusion: Series[str] = pa.Field(
        str_matches=CONCLUSION,
        unique=True,
        description="ILC 2016 conclusion the item follows up, e.g. '23(a)'.",
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Item text without its number and the trailing '(23(a))'.",
    )
    line: Series[int] = pa.Field(ge=1, description="Source line.")


class AppendixDeliverables(_Table):
    """Rows of the GB.328 Appendix activity matrix, with timing read as quarters."""

    row_no: Series[int] = pa.Field(
        ge=1, unique=True, description="Order of the row in the activity matrix, from 1."
    )
    deliverable_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number, e.g. '1.1'; empty for the row that has none.",
    )
    item_no: Series[int] = pa.Field(
        ge=1, le=9, description="Follow-up item the row stands under (carried down)."
    )
    text: Series[str] = pa.Field(
        nullable=True, description="Deliverable text without the '1.1.' prefix."
    )
    timing_raw: Series[str] = pa.Field(nullable=True, description="Timing cell as printed.")
    timing_kind: Series[str] = pa.Field(
        isin=TIMING_KINDS,
        description="How the timing reads: range, point, recurring, milestones or unspecified.",
    )
    timing_start: Series[str] = pa.Field(
        nullable=True,
        str_matches=PERIOD,
        description="First quarter of the timing, e.g. '2017Q1' (range and point only).",
    )
    timing_end: Series[str] = pa.Field(
        nullable=True,
        str_matches=PERIOD,
        description="Last quarter of the timing (range and point only).",
    )
    areas_raw: Series[str] = pa.Field(
        nullable=True, description="Area cell as printed (several names may run together)."
    )
    page: Series[int] = pa.Field(
        ge=1,
        description="PDF input: the page where the row begins. Text input: the activity matrix's page block (1-5).",
    )
    line: Series[int] = pa.Field(ge=1, description="Source line (text) or PDF row number.")
    bbox: Series[str] = pa.Field(
        nullable=True,
        str_matches=PAGE_BOXES,
        description="For PDF input, the row on each page it spans: 'page:x0,top,x1,bottom' joined by ';' (points, origin top-left); empty for text.",
    )

    @pa.dataframe_check
    def ids_unique(cls, df: pd.DataFrame) -> pd.Series:
        ids = df.deliverable_id
        return ids.isna() | ~ids.duplicated(keep=False)

    @pa.dataframe_check
    def periods_fit_kind(cls, df: pd.DataFrame) -> pd.Series:
        dated = df.timing_kind.isin(["range", "point"])
        both = df.timing_start.notna() & df.timing_end.notna()
        neither = df.timing_start.isna() & df.timing_end.isna()
        ordered = df.timing_start.fillna("") <= df.timing_end.fillna("")
        return (dated & both & ordered) | (~dated & neither)


class AppendixAreas(_Table):
    """Action areas named in each activity-matrix row (a cell may name several)."""

    row_no: Series[int] = pa.Field(ge=1, description="Activity-matrix row.")
    deliverable_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number of that row (empty for the unnumbered row).",
    )
    area_no: Series[int] = pa.Field(
        isin=AREAS, description="One action area named in the row's area cell."
    )

    class Config:
        unique = ["row_no", "area_no"]


class Reconciliation(_Table):
    """Each deliverable id in either document (and each unnumbered Appendix row): where it stands in each and, if Annex I dropped it, whether it was merged and where."""

    deliverable_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number found in either document; empty for an unnumbered Appendix row.",
    )
    appendix_row_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Activity-matrix row, where the Appendix has the deliverable.",
    )
    in_annex: Series[bool] = pa.Field(description="Whether Annex I carries this number.")
    in_appendix: Series[bool] = pa.Field(
        description="Whether the Appendix carries this number (or row)."
    )
    status: Series[str] = pa.Field(
        isin=list(STATUSES), description="matched, merged, appendix_only, annex_only or unlabelled."
    )
    merged_into: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="For status merged: the Annex I deliverable that carries it.",
    )
    similarity: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="matched: weighted word overlap of the two texts; otherwise the best Annex I candidate's share of the Appendix text's words.",
    )
    evidence: Series[str] = pa.Field(
        nullable=True,
        description="The best candidate, its scores and the words that carry the match.",
    )

    @pa.dataframe_check
    def status_fits_presence(cls, df: pd.DataFrame) -> pd.Series:
        expected = {
            "matched": (True, True),
            "merged": (False, True),
            "appendix_only": (False, True),
            "unlabelled": (False, True),
            "annex_only": (True, False),
        }
        return pd.Series(
            [
                expected.get(s) == (a, p)
                for s, a, p in zip(df.status, df.in_annex, df.in_appendix, strict=True)
            ],
            index=df.index,
        )

    @pa.dataframe_check
    def merged_names_target(cls, df: pd.DataFrame) -> pd.Series:
        return (df.status == "merged") == df.merged_into.notna()

    @pa.dataframe_check
    def ids_unique(cls, df: pd.DataFrame) -> pd.Series:
        ids = df.deliverable_id
        return ids.isna() | ~ids.duplicated(keep=False)


class Discrepancies(_Table):
    """Where Annex I and the GB.328 Appendix disagree about a deliverable."""

    deliverable_id: Series[str] = pa.Field(
        str_matches=ID, description="Annex I deliverable concerned."
    )
    kind: Series[str] = pa.Field(
        isin=list(DISCREPANCY_KINDS),
        description="conclusion_mismatch, area_mismatch, timing_outside_range, schedule_missing or text_divergent.",
    )
    annex_value: Series[str] = pa.Field(
        nullable=True,
        description="What Annex I says (conclusion, area, quarters outside the range).",
    )
    appendix_value: Series[str] = pa.Field(nullable=True, description="What the Appendix says.")
    score: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="For text_divergent: the texts' weighted word overlap.",
    )
    message: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="The finding in words."
    )

    class Config:
        unique = ["deliverable_id", "kind"]


class Programme(_Table):
    """One row per deliverable id in either document (and the unnumbered Appendix row): what Annex I and the GB.328 Appendix each say about it, side by side."""

    deliverable_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number, e.g. '2.1'; empty for the Appendix row that has none.",
    )
    status: Series[str] = pa.Field(
        isin=list(STATUSES),
        description="As in reconciliation: matched, merged, appendix_only, annex_only or unlabelled.",
    )
    merged_into: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="For status merged: the Annex I deliverable that carries it.",
    )
    annex_area_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        isin=AREAS,
        description="Annex I action area 1-5 (GB.328 numbering); empty when Annex I lacks the deliverable.",
    )
    annex_area: Series[str] = pa.Field(
        nullable=True, description="Name of the Annex I action area, as GB.328 heads it."
    )
    appendix_area_nos: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[1-5](,[1-5])*$",
        description="Action areas the Appendix row names, comma-separated in the order named, e.g. '4,1'; empty when it names none.",
    )
    appendix_areas: Series[str] = pa.Field(
        nullable=True,
        description="Names of those areas as GB.328 heads them, '; '-separated in the same order.",
    )
    annex_conclusion: Series[str] = pa.Field(
        nullable=True,
        str_matches=CONCLUSION,
        description="ILC 2016 conclusion Annex I says the deliverable answers, e.g. '23(b)'.",
    )
    appendix_item_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=9, description="Follow-up item the Appendix row stands under."
    )
    appendix_conclusion: Series[str] = pa.Field(
        nullable=True,
        str_matches=CONCLUSION,
        description="Conclusion of that follow-up item, e.g. '23(b)'.",
    )
    annex_text: Series[str] = pa.Field(nullable=True, description="Annex I deliverable text.")
    appendix_text: Series[str] = pa.Field(
        nullable=True, description="Appendix deliverable text (empty for the unnumbered row)."
    )
    scheduled: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}Q[1-4]( \d{4}Q[1-4])*$",
        description="Every quarter Annex I marks, space-separated in order, e.g. '2019Q1 2019Q2': pandas .str.contains('2020Q3'), SQL LIKE '%2020Q3%'.",
    )
    scheduled_first: Series[str] = pa.Field(
        nullable=True, str_matches=PERIOD, description="First quarter Annex I marks."
    )
    scheduled_last: Series[str] = pa.Field(
        nullable=True, str_matches=PERIOD, description="Last quarter Annex I marks."
    )
    scheduled_count: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=20,
        description="Number of quarters Annex I marks (0: none); empty when Annex I lacks the deliverable.",
    )
    appendix_timing_raw: Series[str] = pa.Field(
        nullable=True, description="Appendix timing cell as printed, e.g. '2017–21'."
    )
    appendix_timing_kind: Series[str] = pa.Field(
        nullable=True,
        isin=TIMING_KINDS,
        description="How the Appendix timing reads: range, point, recurring, milestones or unspecified.",
    )
    appendix_timing_start: Series[str] = pa.Field(
        nullable=True,
        str_matches=PERIOD,
        description="First quarter of the Appendix timing (range and point only).",
    )
    appendix_timing_end: Series[str] = pa.Field(
        nullable=True,
        str_matches=PERIOD,
        description="Last quarter of the Appendix timing (range and point only).",
    )
    activities: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Number of Annex I key activities."
    )
    discrepancies: Series[str] = pa.Field(
        nullable=True,
        str_matches=rf"^{_KIND}(; {_KIND})*$",
        description="Kinds of discrepancy found for the deliverable, '; '-separated (see the discrepancies table).",
    )
    annex_page_first: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Annex I page where the deliverable begins."
    )
    annex_page_last: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Annex I page where it ends."
    )
    appendix_row_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Activity-matrix row of the Appendix."
    )
    appendix_page: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Page of that row (PDF: the page where it begins; text: the matrix's page block).",
    )

    @pa.dataframe_check
    def ids_unique(cls, df: pd.DataFrame) -> pd.Series:
        ids = df.deliverable_id
        return ids.isna() | ~ids.duplicated(keep=False)

    @pa.dataframe_check
    def sides_fit_status(cls, df: pd.DataFrame) -> pd.Series:
        in_annex = df.status.isin(["matched", "annex_only"])
        in_appendix = df.status != "annex_only"
        return (df.annex_text.notna() == in_annex) & (df.appendix_row_no.notna() == in_appendix)

    @pa.dataframe_check
    def schedule_adds_up(cls, df: pd.DataFrame) -> pd.Series:
        quarters = df.scheduled.fillna("").str.split()
        count = quarters.map(len)
        first = quarters.map(lambda q: q[0] if q else None)
        last = quarters.map(lambda q: q[-1] if q else None)
        counted = df.scheduled_count.isna() | (df.scheduled_count == count)
        return (
            counted.astype(bool)
            & (df.scheduled_first.fillna("") == first.fillna(""))
            & (df.scheduled_last.fillna("") == last.fillna(""))
        )


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "annex_deliverables": AnnexDeliverables,
    "annex_activities": AnnexActivities,
    "annex_schedule": AnnexSchedule,
    "extraction_notes": ExtractionNotes,
    "documents": Documents,
    "paragraphs": Paragraphs,
    "footnotes": Footnotes,
    "action_areas": ActionAreas,
    "follow_up_items": FollowUpItems,
    "appendix_deliverables": AppendixDeliverables,
    "appendix_areas": AppendixAreas,
    "reconciliation": Reconciliation,
    "discrepancies": Discrepancies,
    "programme": Programme,
}

# Columns that identify a row; tables without one (notes, reconciliation) have none.
PRIMARY_KEYS: dict[str, list[str]] = {
    "annex_deliverables": ["deliverable_id"],
    "annex_activities": ["deliverable_id", "activity_no"],
    "annex_schedule": ["deliverable_id", "year", "quarter"],
    "documents": ["doc"],
    "paragraphs": ["para_no"],
    "footnotes": ["doc", "mark"],
    "action_areas": ["area_no"],
    "follow_up_items": ["item_no"],
    "appendix_deliverables": ["row_no"],
    "appendix_areas": ["row_no", "area_no"],
    "discrepancies": ["deliverable_id", "kind"],
}

# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("annex_activities", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_schedule", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_deliverables", "area_no", "action_areas", "area_no"),
    ("paragraphs", "area_no", "action_areas", "area_no"),
    ("appendix_deliverables", "item_no", "follow_up_items", "item_no"),
    ("appendix_areas", "row_no", "appendix_deliverables", "row_no"),
    ("appendix_areas", "area_no", "action_areas", "area_no"),
    ("reconciliation", "merged_into", "annex_deliverables", "deliverable_id"),
    ("reconciliation", "appendix_row_no", "appendix_deliverables", "row_no"),
    ("discrepancies", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("programme", "merged_into", "annex_deliverables", "deliverable_id"),
    ("programme", "annex_area_no", "action_areas", "area_no"),
    ("programme", "appendix_item_no", "follow_up_items", "item_no"),
    ("programme", "appendix_row_no", "appendix_deliverables", "row_no"),
]


def validate_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Validate every table lazily and every cross-table key; raise once with all failures."""
    frames = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
    failures: list[str] = []
    checked: dict[str, pd.DataFrame] = {}
    for name in sorted(set(MODELS) | set(frames)):
        if name not in MODELS:
            failures.append(f"{name}: no schema for this table")
            continue
        if name not in frames:
            failures.append(f"{name}: table is missing")
            continue
        try:
            checked[name] = MODELS[name].validate(frames[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            failures.extend(_describe(name, exc.failure_cases))
    failures.extend(_foreign_key_failures(frames))
    failures.extend(_note_key_failures(frames))
    failures.extend(_row_key_failures(frames))
    failures.extend(_paragraph_footnote_failures(frames))
    if failures:
        raise ValidationFailed(failures)
    return checked


# Each dataframe check in words: what a row that fails it gets wrong.
_ROW_CHECKS = {
    "spans_forward": "it ends before it begins (page_last/line_last before page_first/line_first)",
    "period_matches": "its period does not spell its year and quarter",
    "numbered_in_order": "the paragraphs are not numbered 1, 2, 3, ... in order",
    "ids_unique": "its deliverable number is used by another row",
    "periods_fit_kind": "its timing_start/timing_end do not fit its timing_kind",
    "status_fits_presence": "its status does not fit in_annex/in_appendix",
    "merged_names_target": "it is merged but names no deliverable it was merged into",
    "sides_fit_status": "its Annex I and Appendix columns do not fit its status",
    "schedule_adds_up": "scheduled_first/last/count do not fit its scheduled quarters",
}


def _check_in_words(check: str) -> str:
    """A pandera check name ('isin([1, 2])', 'str_matches(...)') as what the value breaks."""
    name, _, argument = check.partition("(")
    argument = argument[:-1] if argument.endswith(")") else argument
    words = {
        "isin": f"is not one of {argument}",
        "str_matches": f"does not have the form {argument}",
        "greater_than_or_equal_to": f"is below the least allowed, {argument}",
        "less_than_or_equal_to": f"is above the most allowed, {argument}",
        "str_length": "is empty or too long",
        "not_nullable": "is empty but must have a value",
        "field_uniqueness": "repeats a value that must be unique",
        "dtype": f"has the wrong type (expected {argument})",
        "column_in_dataframe": "is missing",
    }
    return words.get(name, f"breaks the check {check}")


def _describe(name: str, cases: pd.DataFrame) -> list[str]:
    lines: list[str] = []
    for case in cases.itertuples(index=False):
        row = "" if pd.isna(case.index) else f" row {int(case.index)}"
        if case.check == "column_in_schema":
            line = f"{name}: column {case.failure_case!r} is not in the schema"
        elif case.check == "column_in_dataframe":
            line = f"{name}: column {case.failure_case!r} is missing"
        elif case.schema_context == "DataFrameSchema" and row:
            reason = _ROW_CHECKS.get(case.check, f"it breaks the check {case.check}")
            line = f"{name}{row}: {reason}"
        else:
            column = "" if pd.isna(case.column) else f" column {case.column}"
            value = "" if pd.isna(case.failure_case) else f"{case.failure_case!r} "
            line = f"{name}{row}{column}: {value}{_check_in_words(str(case.check))}"
        if line not in lines:
            lines.append(line)
    return lines


def _foreign_key_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    failures = []
    for child, column, parent, key in FOREIGN_KEYS:
        if column not in tables.get(child, {}) or key not in tables.get(parent, {}):
            continue
        values = tables[child][column]
        known = values.isna() | values.isin(tables[parent][key].dropna())
        for index, value in values[~known].items():
            failures.append(
                f"{child} row {index} column {column}: {value!r} is not found in {parent}.{key}"
            )
    return failures


def _note_key_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Annex I notes must name Annex I deliverables."""
    notes = tables.get("extraction_notes")
    if notes is None or "annex_deliverables" not in tables:
        return []
    if not {"doc", "deliverable_id"} <= set(notes.columns):
        return []
    if "deliverable_id" not in tables["annex_deliverables"]:
        return []
    known = set(tables["annex_deliverables"].deliverable_id)
    bad = notes[(notes.doc == "annex_i") & notes.deliverable_id.notna()]
    return [
        f"extraction_notes row {i} column deliverable_id: {v!r} is not an annex deliverable"
        for i, v in bad.deliverable_id.items()
        if v not in known
    ]


def _row_key_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """appendix_areas must repeat the deliverable_id of the appendix row it names."""
    areas, rows = tables.get("appendix_areas"), tables.get("appendix_deliverables")
    if areas is None or rows is None:
        return []
    if not {"row_no", "deliverable_id"} <= set(areas.columns) & set(rows.columns):
        return []
    ids = dict(zip(rows.row_no, rows.deliverable_id, strict=True))
    return [
        f"appendix_areas row {i} column deliverable_id: {a!r} differs from appendix row"
        f" {r}'s {ids[r]!r}"
        for i, (r, a) in enumerate(zip(areas.row_no, areas.deliverable_id, strict=True))
        if r in ids and not (pd.isna(a) and pd.isna(ids[r])) and a != ids[r]
    ]


def _paragraph_footnote_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every footnote mark a paragraph carries is a GB.328 footnote."""
    paragraphs, footnotes = tables.get("paragraphs"), tables.get("footnotes")
    if paragraphs is None or footnotes is None or "footnotes" not in paragraphs:
        return []
    if not {"doc", "mark"} <= set(footnotes.columns):
        return []
    known = set(footnotes[footnotes.doc == "gb328"].mark.astype(str))
    return [
        f"paragraphs row {i} column footnotes: mark {mark!r} is not a gb328 footnote"
        for i, marks in paragraphs.footnotes.items()
        if pd.notna(marks)
        for mark in str(marks).split(",")
        if mark not in known
    ]
