"""report.html on screen and on paper: the Gantt scales, prints whole, and says in words
what its colours mean."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from extract.output.report import report_html

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def html(real_tables: dict[str, pd.DataFrame]) -> str:
    return report_html(real_tables)


@pytest.fixture(scope="module")
def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", html, re.S)]


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_gantt_scales_to_the_window(html: str, svgs: list[ET.Element]) -> None:
    assert len(svgs) == 5  # one per action area, each with its own quarter header
    for svg in svgs:
        assert "width" not in svg.attrib and "height" not in svg.attrib
        _, _, width, _ = (float(v) for v in svg.attrib["viewBox"].split())
        quarters = [t for t in svg.iter(f"{SVG}text") if re.fullmatch(r"Q[1-4]", _text(t))]
        assert len(quarters) == 20
        assert max(float(t.attrib["x"]) for t in quarters) < width
        assert [_text(t) for t in svg.iter(f"{SVG}text") if _text(t) == "2021"] == ["2021"]
    assert re.search(r"svg\.gantt\{[^}]*width:100%[^}]*height:auto", html)


def test_print_css_is_a4_landscape_with_breaks(html: str) -> None:
    assert "@page{size:A4 landscape" in html
    media = html[html.index("@media print") :]
    assert "section{break-before:page}" in media and "break-inside:avoid" in media


def test_kinds_written_beside_each_flagged_row(
    svgs: list[ET.Element], real_tables: dict[str, pd.DataFrame], html: str
) -> None:
    kinds = real_tables["discrepancies"].groupby("deliverable_id").kind.apply(list)
    rows = {g.attrib["id"][2:]: g for svg in svgs for g in svg.iter(f"{SVG}g")}
    assert set(rows) == set(real_tables["annex_deliverables"].deliverable_id)
    for did, group in rows.items():
        said = [
            " ".join(t.itertext())
            for t in group.iter(f"{SVG}text")
            if t.attrib.get("class") == "kinds"
        ]
        words = " ".join(" ".join(said).split())  # lines wrap between words
        for kind in kinds.get(did, []):
            assert kind.replace("_", " ") in words, (did, kind)
        assert bool(said) == (did in kinds)
    legend = html[html.index('class="legend"') : html.index("<svg")]
    assert "red" in legend and "disagree" in legend


def _span(element: ET.Element) -> tuple[float, float]:
    if element.tag == f"{SVG}rect":
        y = float(element.attrib["y"])
        return y, y + float(element.attrib["height"])
    baseline = float(element.attrib["y"])
    return baseline - float(element.attrib["font-size"]), baseline + 2


def test_timing_band_marks_and_no_mark_note_never_overlap(
    svgs: list[ET.Element], real_tables: dict[str, pd.DataFrame]
) -> None:
    seen_none = 0
    for svg in svgs:
        for group in svg.iter(f"{SVG}g"):
            marks = [r for r in group.iter(f"{SVG}rect") if r.attrib.get("class") == "mark"]
            bands = [r for r in group.iter(f"{SVG}rect") if r.attrib.get("class") == "band"]
            notes = [t for t in group.iter(f"{SVG}text") if t.attrib.get("class") == "none"]
            assert bool(notes) != bool(marks)
            seen_none += len(notes)
            for top in (*marks, *notes):
                for band in bands:
                    (a0, a1), (b0, b1) = _span(top), _span(band)
                    assert a1 <= b0 or b1 <= a0, group.attrib["id"]
    found = real_tables["discrepancies"]
    assert seen_none == (found.kind == "schedule_missing").sum() > 0


def test_timing_without_quarters_is_labelled(
    svgs: list[ET.Element], real_tables: dict[str, pd.DataFrame]
) -> None:
    rows = {g.attrib["id"][2:]: g for svg in svgs for g in svg.iter(f"{SVG}g")}
    appendix = real_tables["appendix_deliverables"].dropna(subset=["deliverable_id"])
    undated = appendix[~appendix.timing_kind.isin(["range", "point"])]
    labelled = 0
    for row in undated.itertuples():
        if row.deliverable_id not in rows:
            continue
        timing = [
            " ".join(t.itertext())
            for t in rows[row.deliverable_id].iter(f"{SVG}text")
            if t.attrib.get("class") == "timing"
        ]
        assert row.timing_kind in " ".join(timing), row.deliverable_id
        labelled += 1
    assert labelled == len(undated) > 0


def test_long_labels_in_full_on_hover_and_in_the_page(
    svgs: list[ET.Element], real_tables: dict[str, pd.DataFrame], html: str
) -> None:
    rows = {g.attrib["id"][2:]: g for svg in svgs for g in svg.iter(f"{SVG}g")}
    for row in real_tables["annex_deliverables"].itertuples():
        title = rows[row.deliverable_id].find(f"{SVG}title")
        assert title is not None and row.text in (title.text or "")
    full = unescape(html[html.index('id="deliverables"') :])
    for text in real_tables["programme"].annex_text.dropna():
        assert text in full


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_printed_report_shows_every_id_and_all_twenty_quarters(html: str, tmp_path: Path) -> None:
    """Printed with headless Chromium: A4 landscape, the 29 ids, every area's 20 quarters
    inside the page."""
    import pdfplumber

    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    ids: set[str] = set()
    quarters = years = 0
    with pdfplumber.open(pdf) as document:
        first = document.pages[0]
        assert first.width > first.height  # landscape
        assert round(first.width) == 842 and round(first.height) == 595  # A4
        for sheet in document.pages:
            words = sheet.extract_words()
            labels = [w for w in words if re.fullmatch(r"Q[1-4]", w["text"])]
            if not labels:
                continue  # not a Gantt page: the ids must show on the chart itself
            quarters += sum(1 for w in labels if w["x1"] <= sheet.width)
            years += sum(1 for w in words if w["text"] == "2021" and w["x1"] <= sheet.width)
            ids |= {w["text"] for w in words if re.fullmatch(r"\d\.\d", w["text"])}
    assert quarters == 5 * 20 and years == 5
    expected = set(re.findall(r'<g id="d-([\d.]+)"', html))
    assert len(expected) == 29 and expected <= ids
