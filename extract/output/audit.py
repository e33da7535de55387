"""An audit view of how a PDF was read: one self-contained HTML page showing every PDF page as
an image with the cells the reader found drawn over it, so an analyst can check a reading at a
glance.

The page has no scripts and loads nothing: images are inline PNGs, highlighting a deliverable
is done with CSS `:target`, and the output is byte-identical for the same inputs so it can be
diffed and committed next to the tables.
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from extract.output.templating import render
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


@dataclass(frozen=True)
class AuditPart:
    """One PDF of the audit view, with the boxes found on it; `name` prefixes its page ids."""

    name: str
    pdf: bytes
    boxes: tuple[AuditBox, ...]
    pages: int  # as the reading counted them: the pages drawn are those read


def audit_html(pdf: bytes, title: str, boxes: Sequence[AuditBox], resolution: int = 60) -> str:
    """The audit page: every page of the PDF as an inline image with the boxes drawn on it."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = len(doc.pages)
    return audits_html([AuditPart("", pdf, tuple(boxes), pages)], title, resolution)


def audits_html(
    parts: Sequence[AuditPart], title: str, resolution: int = 60, workers: int = 0
) -> str:
    """The audit page for one or more PDFs, one after the other. A deliverable id found in
    several (Annex I and the GB.328 matrix) lights up in each."""
    everything = [b for part in parts for b in part.boxes]
    _check_kinds(everything)
    anchors = _anchor_ids(everything)
    placed: set[str] = set()
    sections: list[dict[str, Any]] = []
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
        _check_pages(part.boxes, part.pages)
        images = page_images(part.pdf, part.pages, resolution, workers)
        for n, image in enumerate(images, start=1):
            pages.append((part.name, n))
            on_page = [b for b in ordered if b.page == n]
            starts_here = [d for d in anchors if first_page.get(d) == n and d not in placed]
            placed.update(starts_here)
            section = _page_section(n, image, on_page, anchors, part.name)
            sections.append(section | {"anchors": [anchors[d] for d in starts_here]})
    return render(
        "audit.html.j2",
        title=title,
        anchors=list(anchors.values()),
        legend=_legend(ordered_all),
        page_links=[
            {"id": _page_id(name, n), "text": f"{name} {n}" if name else str(n)}
            for name, n in pages
        ],
        deliverables=[
            {"id": d, "anchor": a, "pages": ", ".join(shown_on[d])} for d, a in anchors.items()
        ],
        pages=sections,
    )


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


@dataclass(frozen=True)
class PageImage:
    """A page drawn for the audit view: the PNG and the frame (crop box) it covers."""

    png: str
    bbox: tuple[float, float, float, float]


def _draw_pages(data: bytes, nos: Sequence[int], resolution: int) -> list[PageImage]:
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(data)) as doc:
        for n in nos:
            page = doc.pages[n - 1]
            image = page.to_image(resolution=resolution)
            out.append(PageImage(_png_data_uri(image.original), tuple(image.bbox)))
            page.close()
    return out


def page_images(pdf: bytes, count: int, resolution: int, workers: int = 0) -> list[PageImage]:
    """Every page drawn, in page order; on `workers` cores (0: all) where there are pages
    enough (the PNG encoding is most of the audit view's time)."""
    from extract.readers.pdf.parallel import WorkerLost, pages_in_pool, workers_for
    from extract.readers.pdf.settings import SETTINGS

    nos = list(range(1, count + 1))
    jobs = workers_for(count, workers, SETTINGS.pages_per_worker)
    if jobs == 1:
        return _draw_pages(pdf, nos, resolution)
    images = pages_in_pool(pdf, nos, partial(_draw_pages, resolution=resolution), jobs)
    if len(images) != count:  # drawing never stops early: a page short is a page lost
        raise WorkerLost(f"the page workers drew {len(images)} of {count} pages")
    return images


def _rect(b: AuditBox, anchors: dict[str, str]) -> dict[str, str]:
    x0, top, x1, bottom = b.box
    colour, dash = _STYLE[b.kind]
    classes = b.kind + (f" {anchors[b.deliverable_id]}" if b.deliverable_id is not None else "")
    return {
        "classes": classes,
        "x": _num(x0),
        "y": _num(top),
        "width": _num(max(x1 - x0, 0)),
        "height": _num(max(bottom - top, 0)),
        "colour": colour,
        "dash": dash,
        "label": b.label,
        "kind": b.kind,
    }


def _page_section(
    n: int, image: PageImage, boxes: Sequence[AuditBox], anchors: dict[str, str], name: str = ""
) -> dict[str, Any]:
    """One page for the template: its image, the boxes drawn on it and listed below it."""
    heading = f"{name} page {n}" if name else f"Page {n}"
    # The image covers the PageImage's bbox (the crop box), so the overlay uses the same frame;
    # preserveAspectRatio="none" keeps it on the image despite whole-pixel rounding.
    x0, top, x1, bottom = image.bbox
    return {
        "id": _page_id(name, n),
        "heading": heading,
        "count": f"{len(boxes)} box" + ("" if len(boxes) == 1 else "es"),
        "png": image.png,
        "view": f"{_num(x0)} {_num(top)} {_num(x1 - x0)} {_num(bottom - top)}",
        "rects": [_rect(b, anchors) for b in boxes],
        "rows": _box_rows(boxes),
    }


def _box_rows(boxes: Sequence[AuditBox]) -> list[dict[str, Any]]:
    """The page's boxes as text, so they can be searched and their coordinates copied."""
    return [
        {
            "kind": b.kind,
            "label": b.label,
            "deliverable": b.deliverable_id or "",
            "box": [_num(v) for v in b.box],
        }
        for b in sorted(boxes, key=lambda b: (b.box[1], b.box[0], b.kind, b.label))
    ]


def _legend(ordered: Sequence[AuditBox]) -> list[dict[str, Any]]:
    counts = Counter(b.kind for b in ordered)
    items = []
    for kind in AUDIT_KINDS:
        if kind in _BODY_KINDS and not counts[kind]:
            continue  # GB.328's kinds are listed only where a GB.328 PDF was read
        colour, dash = _STYLE[kind]
        items.append(
            {
                "kind": kind,
                "count": counts[kind],
                "colour": colour,
                "border": "dashed" if dash else "solid",
                # 0x59: the 35% of the marks
                "fill": f"background:{colour}59;" if kind == "mark" else "",
            }
        )
    return items
