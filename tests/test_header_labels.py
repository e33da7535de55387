"""A header's labels stand apart from the rest of their cells, whatever follows them there."""

from __future__ import annotations

from extract.documents.gb328.matrix import MATRIX_SPEC
from extract.readers.pdf.geometry import SETTINGS, Geometry, Word
from extract.readers.pdf.header import _header_labels, _labels_set_apart


def _line(*spans: tuple[str, float, float], top: float = 108.0) -> list[Word]:
    return [Word(text, x0, top, x1, top + 10, 10.0, "Helvetica") for text, x0, x1 in spans]


# LibreOffice's matrix header: the first label's cell goes on after it on the same line.
MATRIX_HEADER = _line(
    ("Follow-up", 59.7, 114.3),
    ("item", 117.8, 143.2),
    ("ILC", 146.6, 164.1),
    ("2016", 167.5, 195.3),
    ("conclusions", 198.9, 264.5),
    ("Deliverables", 286.4, 356.6),
    ("Timing", 575.6, 613.9),
    ("Area", 649.3, 675.4),
    ("of", 679.0, 690.1),
    ("action", 693.6, 728.4),
)


def test_a_label_followed_by_more_of_its_cell_still_stands_apart() -> None:
    """The gap before 'Deliverables' is measured against word spaces from the label's last
    word ('item') on: once the space across 'item' counted, and no header was found."""
    words = {w.text: w for w in MATRIX_HEADER}
    labels = [
        [words["Follow-up"], words["item"]],
        [words["Deliverables"]],
        [words["Timing"]],
        [words["Area"], words["of"], words["action"]],
    ]
    assert _labels_set_apart(MATRIX_HEADER, labels, SETTINGS)


def test_prose_that_names_the_columns_does_not_stand_apart() -> None:
    prose = _line(
        ("the", 60, 75),
        ("follow-up", 78, 120),
        ("item,", 123, 143),
        ("the", 146, 160),
        ("deliverables,", 163, 220),
        ("their", 223, 245),
        ("timing", 248, 278),
        ("and", 281, 298),
        ("area", 301, 320),
        ("of", 323, 332),
        ("action", 335, 365),
    )
    assert _header_labels_for(prose) is None
    assert _header_labels_for(MATRIX_HEADER) is not None


def _header_labels_for(words: list[Word]) -> object:
    geo = Geometry(1, 842.0, 595.0, tuple(words), (), (), (), (), ())
    return _header_labels(geo, MATRIX_SPEC, SETTINGS)
