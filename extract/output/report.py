"""normalized/report.html: the work-plan at a glance, the reconciliation, counts and checksums.

One self-contained file: inline CSS and SVG, no scripts, fonts or images from anywhere."""

from __future__ import annotations

from html import escape

import pandas as pd

from extract.cross.records import Status
from extract.programme import PROGRAMME

YEARS = PROGRAMME.years
PERIODS = list(PROGRAMME.periods)
LABEL_W, COL_W, ROW_H, GROUP_H, HEAD_H = 470, 34, 17, 20, 34

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
svg text{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
"""


def report_html(tables: dict[str, pd.DataFrame]) -> str:
    """The whole report as one HTML string."""
    deliverables = tables["annex_deliverables"]
    found = tables["discrepancies"]
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
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
        _gantt(tables),
        "</section>",
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
        ("#2f5d9e", "quarter marked X in Annex I"),
        ("#dfe7f3", "Appendix timing range"),
        ("#c0392b", "discrepancy (hover the mark for the kinds)"),
    ]
    spans = "".join(
        f'<span><i class="sw" style="background:{c}"></i>{escape(t)}</span>' for c, t in items
    )
    return (
        f'<p class="legend">{spans}<span>rows without any mark read "no quarter marked"</span></p>'
    )


def _gantt(tables: dict[str, pd.DataFrame]) -> str:
    deliverables = tables["annex_deliverables"].sort_values(["area_no", "seq"])
    schedule = tables["annex_schedule"]
    marked = schedule.groupby("deliverable_id").period.apply(set).to_dict()
    appendix = tables["appendix_deliverables"].dropna(subset=["deliverable_id"])
    timing = {
        r.deliverable_id: (r.timing_start, r.timing_end, r.timing_raw)
        for r in appendix.itertuples()
    }
    kinds = tables["discrepancies"].groupby("deliverable_id").kind.apply(list).to_dict()
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    width = LABEL_W + COL_W * len(PERIODS) + 24
    body: list[str] = []
    y = HEAD_H
    for area_no, group in deliverables.groupby("area_no", sort=True):
        heading = escape(f"{area_no}. {names.get(area_no, '')}")
        body.append(
            f'<text x="4" y="{y + 14}" font-size="12" font-weight="700" fill="#1d2330">'
            f"{heading}</text>"
        )
        y += GROUP_H
        for row in group.itertuples():
            body.append(
                _gantt_row(
                    row,
                    y,
                    marked.get(row.deliverable_id, set()),
                    timing.get(row.deliverable_id),
                    kinds.get(row.deliverable_id),
                )
            )
            y += ROW_H
    height = y + 6
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" aria-label="Gantt chart of the Annex I work-plan">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    for i, year in enumerate(YEARS):
        x = LABEL_W + i * 4 * COL_W
        head.append(
            f'<text x="{x + 2 * COL_W}" y="13" font-size="12" font-weight="700"'
            f' text-anchor="middle">{year}</text>'
            f'<line x1="{x}" y1="2" x2="{x}" y2="{height}" stroke="#aab" stroke-width="1"/>'
        )
    for i, period in enumerate(PERIODS):
        x = LABEL_W + i * COL_W
        head.append(
            f'<text x="{x + COL_W / 2}" y="29" font-size="10" fill="#556"'
            f' text-anchor="middle">Q{period[-1]}</text>'
        )
    end = LABEL_W + len(PERIODS) * COL_W
    head.append(f'<line x1="{end}" y1="2" x2="{end}" y2="{height}" stroke="#aab"/>')
    return "\n".join([*head, *body, "</svg>"])


def _gantt_row(row, y: int, marked: set[str], timing, kinds) -> str:  # type: ignore[no-untyped-def]
    did = row.deliverable_id
    text = row.text if len(row.text) <= 64 else row.text[:61] + "..."
    colour = "#c0392b" if kinds else "#1d2330"
    out = [
        f'<g id="d-{escape(did)}" class="deliverable">',
        f"<title>{escape(f'{did} ({row.conclusion}): {row.text}')}</title>",
        f'<text x="14" y="{y + 12}" font-size="11" fill="{colour}">'
        f'<tspan font-weight="700">{escape(did)}</tspan> {escape(text)}</text>',
    ]
    if timing and isinstance(timing[0], str) and isinstance(timing[1], str):
        first, last = _index(timing[0]), _index(timing[1])
        if first is not None and last is not None:
            x = LABEL_W + first * COL_W
            out.append(
                f'<rect x="{x}" y="{y + 1}" width="{(last - first + 1) * COL_W}"'
                f' height="{ROW_H - 2}" fill="#dfe7f3" stroke="#9fb3d1" stroke-width="0.8">'
                f"<title>{escape(f'Appendix timing: {timing[2]}')}</title></rect>"
            )
    for start, stop in _runs(marked):
        out.append(
            f'<rect x="{LABEL_W + start * COL_W + 1}" y="{y + 4}"'
            f' width="{(stop - start + 1) * COL_W - 2}" height="{ROW_H - 8}" rx="2"'
            f' fill="#2f5d9e"/>'
        )
    if not marked:
        out.append(
            f'<text x="{LABEL_W + 8}" y="{y + 12}" font-size="10" font-style="italic"'
            f' fill="#778">no quarter marked</text>'
        )
    if kinds:
        out.append(
            f'<circle cx="{LABEL_W + len(PERIODS) * COL_W + 10}" cy="{y + ROW_H / 2}" r="5"'
            f' fill="#c0392b"><title>{escape(", ".join(kinds))}</title></circle>'
        )
    out.append("</g>")
    return "".join(out)


def _index(period: str) -> int | None:
    return PERIODS.index(period) if period in PERIODS else None


def _runs(marked: set[str]) -> list[tuple[int, int]]:
    indices = sorted(i for i, p in enumerate(PERIODS) if p in marked)
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


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
