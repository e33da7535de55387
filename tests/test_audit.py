"""The audit view shows every PDF page with the reader's boxes on it, offline and reproducibly."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from extract.output.audit import AuditBox, audit_html

PAGES = Path(__file__).parent / "fixtures" / "annex_pages.pdf"
# Low resolution keeps twelve page renders well under a second.
RES = 20

BOXES = (
    AuditBox(1, (50, 100, 200, 150), "deliverable", "2.1", "2.1"),
    AuditBox(1, (200, 100, 400, 150), "activity", "2.1 activity 1", "2.1"),
    AuditBox(1, (600, 100, 612, 110), "mark", "2.1 2017Q1 (x)", "2.1"),
    AuditBox(1, (10, 100, 50, 300), "area", "Knowledge generation", None),
    AuditBox(2, (50, 120, 200, 180.5), "deliverable", "2.1 (continued)", "2.1"),
    AuditBox(2, (50, 200, 200, 260), "deliverable", "9.2", "9.2"),
    AuditBox(2, (20, 20, 300, 40), "furniture", "Annex I <b>", None),
)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return PAGES.read_bytes()


@pytest.fixture(scope="module")
def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.height) for p in doc.pages]


@pytest.fixture(scope="module")
def out(pdf: bytes) -> str:
    return audit_html(pdf, "Annex I & <audit>", BOXES, resolution=RES)


def test_every_page_is_shown_even_without_boxes(
    out: str, page_sizes: list[tuple[float, float]]
) -> None:
    assert len(page_sizes) == 12
    assert out.count("<img") == len(page_sizes)
    assert out.count("<svg") == len(page_sizes)
    for n in range(1, len(page_sizes) + 1):
        assert f"<h2>Page {n} " in out
        assert f'href="#p-{n}"' in out


def test_images_are_real_pngs_of_the_page(out: str, page_sizes: list[tuple[float, float]]) -> None:
    uris = re.findall(r'<img src="data:image/png;base64,([^"]+)"', out)
    assert len(uris) == len(page_sizes)
    image = Image.open(io.BytesIO(base64.b64decode(uris[0])))
    width, height = page_sizes[0]
    assert image.format == "PNG"
    assert abs(image.width - width * RES / 72) <= 1
    assert abs(image.height - height * RES / 72) <= 1


def test_overlay_is_in_pdf_points(out: str, page_sizes: list[tuple[float, float]]) -> None:
    views = re.findall(r'viewBox="([^"]+)"', out)
    assert len(views) == len(page_sizes)
    x, y, w, h = (float(v) for v in views[0].split())
    assert (x, y) == (0, 0)
    assert w == pytest.approx(page_sizes[0][0], abs=0.01)
    assert h == pytest.approx(page_sizes[0][1], abs=0.01)
    assert 'x="50" y="100" width="150" height="50"' in out
    assert 'x="50" y="120" width="150" height="60.5"' in out


def test_one_rect_per_box_on_its_page(out: str) -> None:
    assert out.count("<rect") == len(BOXES)
    pages = re.split(r'<section id="p-\d+">', out)[1:]
    assert [p.count("<rect") for p in pages[:3]] == [4, 3, 0]
    assert "<title>2.1 2017Q1 (x) [mark]</title>" in pages[0]


def test_index_links_each_deliverable_to_its_boxes(out: str) -> None:
    links = re.findall(r'<a href="#(d-[^"]+)">([^<]+)</a>', out)
    assert links == [("d-2-1", "2.1"), ("d-9-2", "9.2")]
    # The anchor sits before the first page with the deliverable, and every box carries its id.
    assert out.index('id="d-2-1"') < out.index('<section id="p-1">')
    assert out.index('<section id="p-1">') < out.index('id="d-9-2"') < out.index('id="p-2"')
    assert len(re.findall(r'<rect class="[a-z]+ d-2-1"', out)) == 4
    assert "#d-2-1:target ~ section rect.d-2-1" in out


def test_legend_counts_kinds(out: str) -> None:
    legend = re.search(r'<div class="legend">(.*?)</div>', out, re.S)
    assert legend is not None
    text = re.sub(r"<[^>]+>", " ", legend.group(1))
    counts = dict(re.findall(r"(\w+) (\d+)", text))
    assert counts == {
        "area": "1",
        "deliverable": "3",
        "activity": "1",
        "mark": "1",
        "header": "0",
        "furniture": "1",
        "note": "0",
    }


def test_text_is_escaped_and_nothing_is_loaded(out: str) -> None:
    assert "<h1>Annex I &amp; &lt;audit&gt;</h1>" in out
    assert "Annex I &lt;b&gt;" in out and "<b>" not in out
    assert "<script" not in out.lower()
    assert "http://" not in out and "https://" not in out
    assert "@import" not in out and "url(" not in out


def test_output_is_reproducible_in_any_input_order(pdf: bytes, out: str) -> None:
    assert audit_html(pdf, "Annex I & <audit>", BOXES, resolution=RES) == out
    shuffled = [BOXES[i] for i in (3, 6, 0, 5, 2, 4, 1)]
    # Order in the index follows first sight; drawing order does not depend on input order.
    assert audit_html(pdf, "Annex I & <audit>", shuffled, resolution=RES) == out


def test_ids_stay_valid_and_unique() -> None:
    from extract.output.audit import _anchor_ids

    boxes = [AuditBox(1, (0, 0, 1, 1), "deliverable", d, d) for d in ("2.1", "2-1", "a b/c", "")]
    ids = list(_anchor_ids(boxes).values())
    assert ids == ["d-2-1", "d-2-1--2", "d-a-b-c", "d-x"]
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", i) for i in ids)


def test_bad_boxes_are_refused(pdf: bytes) -> None:
    with pytest.raises(ValueError, match="unknown audit kind 'cell'"):
        audit_html(pdf, "t", [AuditBox(1, (0, 0, 1, 1), "cell", "x", None)], resolution=RES)
    with pytest.raises(ValueError, match="page 13"):
        audit_html(pdf, "t", [AuditBox(13, (0, 0, 1, 1), "note", "x", None)], resolution=RES)
    with pytest.raises(ValueError, match="finite"):
        nan = float("nan")
        audit_html(pdf, "t", [AuditBox(1, (0, nan, 1, 1), "note", "x", None)], resolution=RES)
