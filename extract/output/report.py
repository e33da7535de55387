"""normalized/report.html: the work-plan at a glance, the reconciliation, counts and checksums.

One self-contained file: inline CSS and SVG, no scripts, fonts or images from anywhere."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from extract.cross.gantt import GanttRow, gantt_row, tables_to_gantt
from extract.cross.records import Status
from extract.output.templating import render
from extract.programme_constants import PROGRAMME

YEARS = PROGRAMME.years
PERIODS = list(PROGRAMME.periods)
# Gantt geometry in SVG user units; the SVG scales to the page, so only proportions matter.
LABEL_W, TIMING_W, COL_W, KINDS_W = 330, 112, 30, 178
Q0 = LABEL_W + TIMING_W  # left edge of 2017 Q1
QEND = Q0 + COL_W * len(PERIODS)  # right edge of 2021 Q4
WIDTH = QEND + KINDS_W
HEAD_H, LINE_H, MIN_ROW_H = 40, 13, 24
LABEL_CHARS, TIMING_CHARS, KINDS_CHARS, LABEL_LINES = 52, 20, 32, 2
BLUE, ORANGE, BAND, RED = "#2f5d9e", "#e67e22", "#8fa8cc", "#c0392b"


def report_html(tables: dict[str, pd.DataFrame]) -> str:
    """The whole report as one HTML string (templates/report.html.j2 holds the markup)."""
    deliverables = tables["annex_deliverables"]
    found = tables["discrepancies"]
    lead = (
        f"Annex I work-plan: {len(deliverables)} deliverables,"
        f" {len(tables['annex_activities'])} activities,"
        f" {len(tables['annex_schedule'])} scheduled quarters;"
        f" GB.328 Appendix: {len(tables['appendix_deliverables'])} rows;"
        f" {len(found)} discrepancies, {len(tables['extraction_notes'])} extraction notes."
    )
    return render(
        "report.html.j2",
        g=GEOMETRY,
        lead=lead,
        legend=LEGEND,
        legend_words=LEGEND_WORDS,
        areas=_gantt(tables),
        in_full=_in_full(tables),
        **_reconciliation(tables),
        discrepancies=_shown(
            [r.deliverable_id, r.kind, r.annex_value, r.appendix_value, r.score, r.message]
            for r in found.itertuples()
        ),
        counts=_shown([name, len(frame)] for name, frame in sorted(tables.items())),
        notes=_shown(
            [k, v] for k, v in tables["extraction_notes"].kind.value_counts().sort_index().items()
        ),
        inputs=_shown([r.doc, r.path, r.sha256, r.pages] for r in tables["documents"].itertuples()),
    )


# The SVG header's fixed parts, for every area's chart alike.
GEOMETRY = {
    "width": WIDTH,
    "label_w": LABEL_W,
    "q0": Q0,
    "qend": QEND,
    "head_h": HEAD_H,
    "line_h": LINE_H,
    "band": BAND,
    "red": RED,
    "years": [
        {"x": Q0 + i * 4 * COL_W, "mid": Q0 + i * 4 * COL_W + 2 * COL_W, "year": year}
        for i, year in enumerate(YEARS)
    ],
    "quarters": [
        {"x": Q0 + i * COL_W, "mid": Q0 + i * COL_W + COL_W / 2, "quarter": p[-1], "divider": i % 4}
        for i, p in enumerate(PERIODS)
    ],
}
LEGEND = [
    {"kind": "", "colour": BLUE, "text": "quarters marked X in Annex I"},
    {"kind": "", "colour": ORANGE, "text": "marked outside the Appendix timing"},
    {"kind": "band", "colour": BAND, "text": "Appendix timing (range or point), under the marks"},
    {
        "kind": "",
        "colour": RED,
        "text": "red: Annex I and the Appendix disagree; the kinds are written at the right",
    },
]
LEGEND_WORDS = (
    "The Appendix timing column names timing without quarters (recurring, milestones,"
    ' unspecified); a row without any mark reads "no quarter marked". Long texts are cut'
    " here: hover a row, or see Deliverables in full below."
)


def _wrap(text: str, width: int, lines: int | None = None) -> list[str]:
    """Words into lines of at most width characters; the last kept line ends in '…' when
    the text goes on."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if lines is not None and len(out) > lines:
        last = out[lines - 1]
        out = out[: lines - 1] + [(last if len(last) < width else last[: width - 1]) + "…"]
    return out


def _kind_words(kinds: list[str]) -> str:
    return ", ".join(kind.replace("_", " ") for kind in kinds)


def _gantt(tables: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    """One SVG per action area, each with its own quarter header, so a page can break
    between areas and every quarter stays on the page."""
    deliverables = tables["annex_deliverables"].sort_values(["area_no", "seq"])
    in_annex = tables["programme"].annex_area_no.notna().tolist()
    view = {
        g.deliverable_id: g for g, a in zip(tables_to_gantt(tables), in_annex, strict=True) if a
    }
    kinds = tables["discrepancies"].groupby("deliverable_id").kind.apply(list).to_dict()
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    areas = []
    for area_no, group in deliverables.groupby("area_no", sort=True):
        rows, y = [], HEAD_H
        for row in group.itertuples():
            drawn = _gantt_row(
                row,
                y,
                # The programme has a row for every Annex I deliverable (cross/programme_table.py).
                view.get(row.deliverable_id) or gantt_row(row.deliverable_id, (), *[None] * 4),
                kinds.get(row.deliverable_id, []),
            )
            rows.append(drawn)
            y += drawn["height"]
        heading = f"{area_no}. {names.get(area_no, '')}"
        areas.append({"heading": heading, "rows": rows, "height": y + 4})
    return areas


def _gantt_row(row, y: int, gantt: GanttRow, kinds: list[str]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One deliverable: label, Appendix timing in words, marks on top, the Appendix timing
    as a band below them (so neither hides the other), the discrepancy kinds in words."""
    did = row.deliverable_id
    label = _wrap(row.text, LABEL_CHARS - len(did) - 1, LABEL_LINES)
    when = _wrap(gantt.words, TIMING_CHARS)
    said = _wrap(_kind_words(kinds), KINDS_CHARS)
    band = None
    if gantt.band is not None:
        first, last = gantt.band
        band = (Q0 + first * COL_W + 2, Q0 + (last + 1) * COL_W - 2)
    return {
        "did": did,
        "title": f"{did} ({row.conclusion}): {row.text}",
        "y": y,
        "height": max(MIN_ROW_H, LINE_H * max(len(label), len(when), len(said)) + 8),
        "colour": RED if kinds else "#1d2330",
        "label": label,
        "when": when,
        "said": said,
        "band": band,
        "raw": gantt.timing_raw,
        "marks": [
            {
                "x": Q0 + begin * COL_W + 1,
                "width": (stop - begin + 1) * COL_W - 2,
                "fill": BLUE if inside else ORANGE,
            }
            for begin, stop, inside in _runs(gantt)
        ],
        "none": not gantt.marked,
    }


def _runs(gantt: GanttRow) -> list[tuple[int, int, bool]]:
    """Runs of consecutive marked quarters, split where they leave the Appendix timing;
    without a dated timing every mark counts as inside."""
    runs: list[tuple[int, int, bool]] = []
    for i, quarter in enumerate(gantt.quarters):
        if not quarter.marked:
            continue
        inside = not quarter.outside
        if runs and runs[-1][1] == i - 1 and runs[-1][2] == inside:
            runs[-1] = (runs[-1][0], i, inside)
        else:
            runs.append((i, i, inside))
    return runs


def _in_full(tables: dict[str, pd.DataFrame]) -> list[list[str]]:
    """Every deliverable's whole text beside its schedule, for print and for reading."""
    programme = tables["programme"]
    rows = []
    for r, gantt in zip(programme.itertuples(), tables_to_gantt(tables), strict=True):
        text = r.annex_text if isinstance(r.annex_text, str) else r.appendix_text
        where = "Annex I" if isinstance(r.annex_text, str) else "Appendix"
        marks = (
            f"{r.scheduled_first}–{r.scheduled_last} ({r.scheduled_count})"
            if isinstance(r.scheduled_first, str)
            else ("none" if pd.notna(r.scheduled_count) else "")
        )
        kinds = r.discrepancies.split("; ") if isinstance(r.discrepancies, str) else []
        rows.append(
            [
                _show(r.deliverable_id) or "(none)",
                r.status if r.status != "merged" else f"merged into {r.merged_into}",
                f"{where}: {text}" if isinstance(text, str) else "",
                marks,
                gantt.words,
                _kind_words(kinds),
            ]
        )
    return _shown(rows)


def _shown(rows: Iterable[list[object]]) -> list[list[str]]:
    """A table's cells as the report prints them."""
    return [[_show(v) for v in row] for row in rows]


def _show(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _reconciliation(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    recon = tables["reconciliation"]
    counts = recon.status.value_counts().reindex([status.value for status in Status], fill_value=0)
    merged = recon[recon.status == "merged"]
    lone = recon[recon.status.isin(["appendix_only", "annex_only", "unlabelled"])]
    return {
        "status_counts": ", ".join(f"{k}: {v}" for k, v in counts.items()),
        "merged": _shown(
            [r.deliverable_id, r.merged_into, r.similarity, r.evidence] for r in merged.itertuples()
        ),
        "lone": _shown(
            [
                _show(r.deliverable_id) or "(none)",
                r.appendix_row_no,
                r.status,
                r.similarity,
                r.evidence,
            ]
            for r in lone.itertuples()
        ),
    }
