"""An audit view of how a PDF was read: one self-contained HTML page showing every PDF page as
an image with the cells the reader found drawn over it, so an analyst can check a reading at a
glance.

The page has no scripts and loads nothing: images are inline PNGs, highlighting a deliverable
is done with CSS `:target`, and the output is byte-identical for the same inputs so it can be
diffed and committed next to the tables.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extract.records import AUDIT_KINDS, AuditBox

_BODY_KINDS = frozenset({"front", "heading", "paragraph", "item"})

# Okabe-Ito colours, chosen to stay distinct under the common colour-vision deficiencies; the
# dashes give a second cue for the two kinds that matter least.
_STYLE = {
    "area": ("#0072B2", ""),
    "deliverable": ("#D55E00", ""),
    "activity": ("#009E73", ""),
    "mark": ("#CC79A7", ""),
    "header": ("#E69F00", ""),
    "furniture": ("#777777", "4 3"),
    "note": ("#56B4E9", "2 2"),
    "front": ("#000000", "6 2"),
    "heading": ("#000000", ""),
    "paragraph": ("#009E73", ""),
    "item": ("#0072B2", ""),
}

# Big boxes are drawn first so the smaller ones inside them stay on top and keep their hover.
_DRAW_ORDER = (
    "area",
    "item",
    "header",
    "furniture",
    "note",
    "front",
    "heading",
    "paragraph",
    "deliverable",
    "activity",
    "mark",
)
_LAYER = {kind: i for i, kind in enumerate(_DRAW_ORDER)}

_CSS = """
:root { color-scheme: light; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 auto; padding: 0 12px 24px;
  max-width: 1100px; color: #222; background: #fff; }
h1 { font-size: 1.4em; margin: 16px 0 8px; }
h2 { font-size: 1.1em; margin: 20px 0 6px; }
h2 small, .pages { font-weight: normal; color: #666; }
nav, .legend { margin: 8px 0; }
.legend span { display: inline-block; margin-right: 14px; white-space: nowrap; }
.swatch { display: inline-block; width: 18px; height: 9px; margin-right: 4px;
  vertical-align: middle; }
nav ol { columns: 12em; margin: 4px 0; padding-left: 0; list-style: none; }
nav li { break-inside: avoid; }
.sheet { position: relative; border: 1px solid #ccc; line-height: 0; }
.sheet img { display: block; width: 100%; height: auto; }
.sheet svg { position: absolute; inset: 0; width: 100%; height: 100%; }
/* Strokes in screen pixels, not page points, so boxes stay visible at any width. */
.sheet rect { vector-effect: non-scaling-stroke; stroke-width: 1.5px; fill-opacity: 0; }
.sheet rect.mark { fill-opacity: 0.35; }
.sheet rect:hover { fill-opacity: 0.25; stroke-width: 3px; }
.anchor { display: block; scroll-margin-top: 8px; }
.anchor:target ~ section rect { opacity: 0.3; }
details { margin: 4px 0 0; }
table { border-collapse: collapse; font-size: 12px; }
td, th { padding: 1px 8px 1px 0; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print {
  body { max-width: none; padding: 0; }
  section { break-inside: avoid; }
  details, nav { display: none; }
  .sheet, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@dataclass(frozen=True)
class AuditPart:
    """One PDF of the audit view, with the boxes found on it; `name` prefixes its page ids."""

    name: str
    pdf: bytes
    boxes: tuple[AuditBox, ...]


def audit_html(pdf: bytes, title: str, boxes: Sequence[AuditBox], resolution: int = 60) -> str:
    """The audit page: every page of the PDF as an inline image with the boxes drawn on it."""
    return audits_html([AuditPart("", pdf, tuple(boxes))], title, resolution)


def audits_html(parts: Sequence[AuditPart], title: str, resolution: int = 60) -> str:
    """The audit page for one or more PDFs, one after the other. A deliverable id found in
    several (Annex I and the GB.328 matrix) lights up in each."""
    import pdfplumber

    everything = [b for part in parts for b in part.boxes]
    _check_kinds(everything)
    anchors = _anchor_ids(everything)
    placed: set[str] = set()
    sections: list[str] = []
    pages: list[tuple[str, int]] = []
    ordered_all: list[AuditBox] = []
    shown_on: dict[str, list[str]] = {d: [] for d in anchors}
    for part in parts:
        ordered = sorted(part.boxes, key=_draw_key)
        ordered_all.extend(ordered)
        first_page = _first_pages(ordered)
        for b in ordered:
            label = f"{part.name} {b.page}" if len(parts) > 1 else str(b.page)
            if b.deliverable_id is not None and label not in shown_on[b.deliverable_id]:
                shown_on[b.deliverable_id].append(label)
        with pdfplumber.open(io.BytesIO(part.pdf)) as doc:
            _check_pages(part.boxes, len(doc.pages))
            for page in doc.pages:
                n = page.page_number
                pages.append((part.name, n))
                on_page = [b for b in ordered if b.page == n]
                starts_here = [d for d in anchors if first_page.get(d) == n and d not in placed]
                placed.update(starts_here)
                sections.extend(
                    f'<span class="anchor" id="{anchors[d]}"></span>' for d in starts_here
                )
                sections.append(_page_section(page, on_page, anchors, resolution, part.name))
                page.close()
    return _document(title, ordered_all, anchors, shown_on, pages, "\n".join(sections))


def _page_id(name: str, n: int) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return f"{slug}-p-{n}" if slug else f"p-{n}"


def _check_kinds(boxes: Sequence[AuditBox]) -> None:
    for b in boxes:
        if b.kind not in AUDIT_KINDS:
            raise ValueError(f"unknown audit kind {b.kind!r} (expected one of {AUDIT_KINDS})")
        if len(b.box) != 4 or not all(math.isfinite(v) for v in b.box):
            raise ValueError(f"box for {b.label!r} on page {b.page} is not four finite numbers")


def _check_pages(boxes: Sequence[AuditBox], page_count: int) -> None:
    # A box on a page that does not exist would silently vanish from the view.
    for b in boxes:
        if not 1 <= b.page <= page_count:
            raise ValueError(f"box {b.label!r} is on page {b.page}; the PDF has {page_count}")


def _draw_key(b: AuditBox) -> tuple[Any, ...]:
    """A total order, so the same boxes in any input order give the same bytes."""
    x0, top, x1, bottom = b.box
    return (b.page, _LAYER[b.kind], top, x0, b.kind, b.label, x1, bottom, b.deliverable_id or "")


def _anchor_ids(boxes: Sequence[AuditBox]) -> dict[str, str]:
    """Deliverable id -> HTML id, in first-seen order; '2.1' -> 'd-2-1', made unique if two ids
    differ only in punctuation."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for b in boxes:
        d = b.deliverable_id
        if d is None or d in anchors:
            continue
        base = "d-" + (re.sub(r"[^A-Za-z0-9_]+", "-", d).strip("-") or "x")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}--{n}", n + 1
        anchors[d] = anchor
        used.add(anchor)
    return anchors


def _first_pages(ordered: Sequence[AuditBox]) -> dict[str, int]:
    first: dict[str, int] = {}
    for b in ordered:
        if b.deliverable_id is not None:
            first.setdefault(b.deliverable_id, b.page)
    return first


def _num(v: float) -> str:
    return f"{round(v, 2):g}"


def _png_data_uri(image: Any) -> str:
    # Explicit options and no metadata chunks, so the bytes depend on the pixels only.
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG", compress_level=9, optimize=False)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _rect(b: AuditBox, anchors: dict[str, str]) -> str:
    x0, top, x1, bottom = b.box
    colour, dash = _STYLE[b.kind]
    classes = b.kind + (f" {anchors[b.deliverable_id]}" if b.deliverable_id is not None else "")
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<rect class="{classes}" x="{_num(x0)}" y="{_num(top)}" width="{_num(max(x1 - x0, 0))}"'
        f' height="{_num(max(bottom - top, 0))}" stroke="{colour}" fill="{colour}"{dash_attr}>'
        f"<title>{html.escape(b.label)} [{b.kind}]</title></rect>"
    )


def _page_section(
    page: Any, boxes: Sequence[AuditBox], anchors: dict[str, str], resolution: int, name: str = ""
) -> str:
    n = page.page_number
    heading = f"{name} page {n}" if name else f"Page {n}"
    image = page.to_image(resolution=resolution)
    # The image covers the PageImage's bbox (the crop box), so the overlay uses the same frame;
    # preserveAspectRatio="none" keeps it on the image despite whole-pixel rounding.
    x0, top, x1, bottom = image.bbox
    view = f"{_num(x0)} {_num(top)} {_num(x1 - x0)} {_num(bottom - top)}"
    rects = "\n".join(_rect(b, anchors) for b in boxes)
    count = f"{len(boxes)} box" + ("" if len(boxes) == 1 else "es")
    return (
        f'<section id="{_page_id(name, n)}">\n<h2>{heading} <small>{count}</small></h2>\n'
        f'<div class="sheet"><img src="{_png_data_uri(image.original)}"'
        f' alt="{heading} of the PDF">\n'
        f'<svg viewBox="{view}" preserveAspectRatio="none" aria-hidden="true">\n{rects}\n</svg>'
        f"</div>\n{_box_table(boxes)}</section>"
    )


def _box_table(boxes: Sequence[AuditBox]) -> str:
    """The page's boxes as text, so they can be searched and their coordinates copied."""
    if not boxes:
        return ""
    rows = "\n".join(
        f"<tr><td>{b.kind}</td><td>{html.escape(b.label)}</td>"
        f"<td>{html.escape(b.deliverable_id or '')}</td>"
        + "".join(f'<td class="num">{_num(v)}</td>' for v in b.box)
        + "</tr>"
        for b in sorted(boxes, key=lambda b: (b.box[1], b.box[0], b.kind, b.label))
    )
    return (
        "<details><summary>Boxes on this page</summary><table>\n<tr><th>kind</th><th>label</th>"
        "<th>deliverable</th><th>x0</th><th>top</th><th>x1</th><th>bottom</th></tr>\n"
        f"{rows}\n</table></details>\n"
    )


def _highlight_css(anchors: dict[str, str]) -> str:
    # One rule per deliverable: the anchor sits just before the first page that shows it, so the
    # sibling combinator reaches that page and every later one.
    return "\n".join(
        f"#{a}:target ~ section rect.{a} {{ opacity: 1; stroke-width: 3px; fill-opacity: 0.3; }}"
        for a in anchors.values()
    )


def _legend(ordered: Sequence[AuditBox]) -> str:
    counts = Counter(b.kind for b in ordered)
    items = []
    for kind in AUDIT_KINDS:
        if kind in _BODY_KINDS and not counts[kind]:
            continue  # GB.328's kinds are listed only where a GB.328 PDF was read
        colour, dash = _STYLE[kind]
        border = "dashed" if dash else "solid"
        fill = f"background:{colour}59;" if kind == "mark" else ""  # 0x59: the 35% of the marks
        items.append(
            f'<span><i class="swatch" style="border:2px {border} {colour};{fill}"></i>'
            f"{kind} {counts[kind]}</span>"
        )
    return '<div class="legend">' + "".join(items) + "</div>"


def _index(
    pages: dict[str, list[str]], anchors: dict[str, str], all_pages: Sequence[tuple[str, int]]
) -> str:
    items = "\n".join(
        f'<li><a href="#{a}">{html.escape(d)}</a> <span class="pages">p. '
        + ", ".join(pages[d])
        + "</span></li>"
        for d, a in anchors.items()
    )
    page_links = " ".join(
        f'<a href="#{_page_id(name, n)}">{(name + " ") if name else ""}{n}</a>'
        for name, n in all_pages
    )
    listing = f"<ol>\n{items}\n</ol>" if items else "<p>No deliverables were found.</p>"
    return (
        f"<nav><div>Pages: {page_links}</div>\n<div>Deliverables ({len(anchors)}), "
        f"click to highlight:</div>\n{listing}</nav>"
    )


def _document(
    title: str,
    ordered: Sequence[AuditBox],
    anchors: dict[str, str],
    shown_on: dict[str, list[str]],
    pages: Sequence[tuple[str, int]],
    sections: str,
) -> str:
    t = html.escape(title)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{t}</title>\n<style>{_CSS}{_highlight_css(anchors)}\n</style>\n</head>\n<body>\n"
        f"<h1>{t}</h1>\n{_legend(ordered)}\n{_index(shown_on, anchors, pages)}\n"
        f"<main>\n{sections}\n</main>\n</body>\n</html>\n"
    )
