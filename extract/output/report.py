"""normalized/report.html: the work-plan at a glance, the reconciliation, counts and checksums.

One self-contained file: inline CSS and SVG, no scripts, fonts or images from anywhere."""

from __future__ import annotations

from html import escape

import pandas as pd

from extract.cross.gantt import GanttRow, gantt_row, tables_to_gantt
from extract.cross.records import Status
from extract.programme import PROGRAMME

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

CSS = """
body{font:13px/1.4 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:16px 24px;
color:#1d2330;max-width:1240px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;border-bottom:1px solid #ccd}
p.lead{margin:0 0 8px;color:#445}
table{border-collapse:collapse;margin:4px 0 8px;width:100%}
th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef1f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:12px}.legend span{display:inline-block;margin-right:16px}
.sw{display:inline-block;width:14px;height:10px;margin-right:4px;vertical-align:middle}
.sw.band{height:4px;border-left:1px solid #445;border-right:1px solid #445}
.flag{color:#c0392b;font-weight:700}
svg.gantt{display:block;width:100%;min-width:720px;height:auto;margin:0 0 2px}
.scroll{overflow-x:auto}
svg text{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4 landscape;margin:10mm}
@media print{
body{margin:0;max-width:none;font-size:10px}
section{break-before:page}section#gantt{break-before:auto}
svg.gantt,tr{break-inside:avoid}.scroll{overflow:visible}thead{display:table-header-group}h2,h3{break-after:avoid}
}
"""


def report_html(tables: dict[str, pd.DataFrame]) -> str:
    """The whole report as one HTML string."""
    deliverables = tables["annex_deliverables"]
    found = tables["discrepancies"]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>ILO programme of action 2017-21: work-plan and reconciliation</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>ILO programme of action 2017–21 on decent work in global supply chains</h1>",
        '<p class="lead">'
        + escape(
            f"Annex I work-plan: {len(deliverables)} deliverables,"
            f" {len(tables['annex_activities'])} activities,"
            f" {len(tables['annex_schedule'])} scheduled quarters;"
            f" GB.328 Appendix: {len(tables['appendix_deliverables'])} rows;"
            f" {len(found)} discrepancies, {len(tables['extraction_notes'])} extraction notes."
        )
        + "</p>",
        '<section id="gantt"><h2>Annex I work-plan by action area</h2>',
        _legend(),
        '<div class="scroll">',
        _gantt(tables),
        "</div></section>",
        _in_full(tables),
        _reconciliation(tables),
        _discrepancies(found),
        _counts(tables),
        _inputs(tables["documents"]),
        "</body></html>",
        "",
    ]
    return "\n".join(parts)


def _legend() -> str:
    items = [
        ("", BLUE, "quarters marked X in Annex I"),
        ("", ORANGE, "marked outside the Appendix timing"),
        ("band", BAND, "Appendix timing (range or point), under the marks"),
        ("", RED, "red: Annex I and the Appendix disagree; the kinds are written at the right"),
    ]
    spans = "".join(
        f'<span><i class="sw {k}" style="background:{c}"></i>{escape(t)}</span>'
        for k, c, t in items
    )
    words = (
        "The Appendix timing column names timing without quarters (recurring, milestones,"
        ' unspecified); a row without any mark reads "no quarter marked". Long texts are cut'
        " here: hover a row, or see Deliverables in full below."
    )
    return f'<p class="legend">{spans}</p><p class="lead">{escape(words)}</p>'


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


def _gantt(tables: dict[str, pd.DataFrame]) -> str:
    """One SVG per action area, each with its own quarter header, so a page can break
    between areas and every quarter stays on the page."""
    deliverables = tables["annex_deliverables"].sort_values(["area_no", "seq"])
    in_annex = tables["programme"].annex_area_no.notna().tolist()
    view = {
        g.deliverable_id: g for g, a in zip(tables_to_gantt(tables), in_annex, strict=True) if a
    }
    kinds = tables["discrepancies"].groupby("deliverable_id").kind.apply(list).to_dict()
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    svgs = []
    for area_no, group in deliverables.groupby("area_no", sort=True):
        rows, y = [], HEAD_H
        for row in group.itertuples():
            drawn, height = _gantt_row(
                row,
                y,
                # The programme has a row for every Annex I deliverable (cross/programme.py).
                view.get(row.deliverable_id) or gantt_row(row.deliverable_id, (), *[None] * 4),
                kinds.get(row.deliverable_id, []),
            )
            rows.append(drawn)
            y += height
        heading = f"{area_no}. {names.get(area_no, '')}"
        svgs.append(_area_svg(heading, rows, y + 4))
    return "\n".join(svgs)


def _area_svg(heading: str, rows: list[str], height: int) -> str:
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img"'
        f' viewBox="0 0 {WIDTH} {height}" aria-label="{escape(heading)}: Annex I work-plan">',
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
        f'<text x="4" y="15" font-size="12" font-weight="700" fill="#1d2330">'
        f"{escape(heading)}</text>",
        f'<text x="{LABEL_W + 6}" y="33" font-size="10" fill="#556">Appendix timing</text>',
        f'<text x="{QEND + 8}" y="33" font-size="10" fill="#556">discrepancies</text>',
    ]
    for i, year in enumerate(YEARS):
        x = Q0 + i * 4 * COL_W
        head.append(
            f'<text x="{x + 2 * COL_W}" y="15" font-size="12" font-weight="700"'
            f' text-anchor="middle">{year}</text>'
            f'<line x1="{x}" y1="4" x2="{x}" y2="{height}" stroke="#aab" stroke-width="1"/>'
        )
    for i, period in enumerate(PERIODS):
        x = Q0 + i * COL_W
        head.append(
            f'<text x="{x + COL_W / 2}" y="33" font-size="10" fill="#556"'
            f' text-anchor="middle">Q{period[-1]}</text>'
        )
        if i % 4:
            head.append(
                f'<line x1="{x}" y1="{HEAD_H - 2}" x2="{x}" y2="{height}" stroke="#e3e7ee"/>'
            )
    head.append(f'<line x1="{QEND}" y1="4" x2="{QEND}" y2="{height}" stroke="#aab"/>')
    return "\n".join([*head, *rows, "</svg>"])


def _gantt_row(row, y: int, gantt: GanttRow, kinds: list[str]) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """One deliverable: label, Appendix timing in words, marks on top, the Appendix timing
    as a band below them (so neither hides the other), the discrepancy kinds in words."""
    did = row.deliverable_id
    label = _wrap(row.text, LABEL_CHARS - len(did) - 1, LABEL_LINES)
    when = _wrap(gantt.words, TIMING_CHARS)
    said = _wrap(_kind_words(kinds), KINDS_CHARS)
    height = max(MIN_ROW_H, LINE_H * max(len(label), len(when), len(said)) + 8)
    colour = RED if kinds else "#1d2330"
    tspans = "".join(
        f'<tspan x="{4 if i == 0 else 30}" dy="{0 if i == 0 else LINE_H}">'
        + (f'<tspan font-weight="700">{escape(did)}</tspan> ' if i == 0 else "")
        + f"{escape(line)}</tspan>"
        for i, line in enumerate(label)
    )
    out = [
        f'<g id="d-{escape(did)}" class="deliverable">',
        f"<title>{escape(f'{did} ({row.conclusion}): {row.text}')}</title>",
        f'<line x1="0" y1="{y + height}" x2="{WIDTH}" y2="{y + height}" stroke="#eef0f4"/>',
        f'<text x="4" y="{y + 13}" font-size="11" fill="{colour}">{tspans}</text>',
        _lines(when, LABEL_W + 6, y + 13, 'font-size="10" fill="#334" class="timing"'),
    ]
    if gantt.band is not None:
        first, last = gantt.band
        x0, x1 = Q0 + first * COL_W + 2, Q0 + (last + 1) * COL_W - 2
        out.append(
            f'<rect class="band" x="{x0}" y="{y + 16}" width="{x1 - x0}" height="4"'
            f' fill="{BAND}"><title>{escape(f"Appendix timing: {gantt.timing_raw}")}</title></rect>'
            f'<line x1="{x0}" y1="{y + 14}" x2="{x0}" y2="{y + 22}" stroke="#445"/>'
            f'<line x1="{x1}" y1="{y + 14}" x2="{x1}" y2="{y + 22}" stroke="#445"/>'
        )
    for begin, stop, inside in _runs(gantt):
        out.append(
            f'<rect class="mark" x="{Q0 + begin * COL_W + 1}" y="{y + 4}"'
            f' width="{(stop - begin + 1) * COL_W - 2}" height="9" rx="2"'
            f' fill="{BLUE if inside else ORANGE}"/>'
        )
    if not gantt.marked:
        out.append(
            f'<text class="none" x="{Q0 + 6}" y="{y + 12}" font-size="9.5" font-style="italic"'
            f' fill="#667">no quarter marked</text>'
        )
    if said:
        out.append(_lines(said, QEND + 8, y + 13, f'font-size="10" fill="{RED}" class="kinds"'))
    out.append("</g>")
    return "".join(out), height


def _lines(lines: list[str], x: int, y: int, attributes: str) -> str:
    """A text element of lines one under another, starting at baseline y."""
    if not lines:
        return ""
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE_H}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" {attributes}>{spans}</text>'


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


def _in_full(tables: dict[str, pd.DataFrame]) -> str:
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
    return "\n".join(
        [
            '<section id="deliverables"><h2>Deliverables in full</h2>',
            _table(
                ["id", "status", "text", "Annex I quarters", "Appendix timing", "discrepancies"],
                rows,
            ),
            "</section>",
        ]
    )


def _table(headers: list[str], rows: list[list[object]], numeric: set[int] = frozenset()) -> str:
    if not rows:
        return "<p>None.</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if i in numeric else ''}>{escape(_show(v))}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _show(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _reconciliation(tables: dict[str, pd.DataFrame]) -> str:
    recon = tables["reconciliation"]
    counts = recon.status.value_counts().reindex([status.value for status in Status], fill_value=0)
    merged = recon[recon.status == "merged"]
    lone = recon[recon.status.isin(["appendix_only", "annex_only", "unlabelled"])]
    return "\n".join(
        [
            '<section id="reconciliation">',
            "<h2>Reconciliation of Annex I with the GB.328 Appendix</h2>",
            "<p>" + escape(", ".join(f"{k}: {v}" for k, v in counts.items())) + ".</p>",
            "<h3>Merged into another Annex I deliverable</h3>",
            _table(
                ["Appendix deliverable", "merged into", "similarity", "evidence"],
                [
                    [r.deliverable_id, r.merged_into, r.similarity, r.evidence]
                    for r in merged.itertuples()
                ],
                {2},
            ),
            "<h3>In one document only, or without a number</h3>",
            _table(
                ["deliverable", "Appendix row", "status", "best score", "evidence"],
                [
                    [
                        _show(r.deliverable_id) or "(none)",
                        r.appendix_row_no,
                        r.status,
                        r.similarity,
                        r.evidence,
                    ]
                    for r in lone.itertuples()
                ],
                {1, 3},
            ),
            "</section>",
        ]
    )


def _discrepancies(found: pd.DataFrame) -> str:
    return "\n".join(
        [
            '<section id="discrepancies"><h2>Discrepancies</h2>',
            _table(
                ["deliverable", "kind", "Annex I", "Appendix", "score", "finding"],
                [
                    [r.deliverable_id, r.kind, r.annex_value, r.appendix_value, r.score, r.message]
                    for r in found.itertuples()
                ],
                {4},
            ),
            "</section>",
        ]
    )


def _counts(tables: dict[str, pd.DataFrame]) -> str:
    rows = [[name, len(frame)] for name, frame in sorted(tables.items())]
    notes = tables["extraction_notes"].kind.value_counts().sort_index()
    return "\n".join(
        [
            '<section id="counts"><h2>Tables</h2>',
            _table(["table", "rows"], rows, {1}),
            "<h3>Extraction notes by kind</h3>",
            _table(["kind", "notes"], [[k, v] for k, v in notes.items()], {1}),
            "</section>",
        ]
    )


def _inputs(documents: pd.DataFrame) -> str:
    return "\n".join(
        [
            '<section id="inputs"><h2>Inputs</h2>',
            _table(
                ["document", "file", "sha256", "pages"],
                [[r.doc, r.path, r.sha256, r.pages] for r in documents.itertuples()],
                {3},
            ),
            "</section>",
        ]
    )
