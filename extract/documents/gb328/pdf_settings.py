"""The GB.328 PDF body reader's knobs, named with their unit and reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperSettings:
    """The body reader's knobs, as multiples of the font size unless said otherwise."""

    column_gap: float = 3.0  # a wider gap within a printed line parts two columns
    line_gap: float = 0.6  # a wider gap between two printed lines ends a block
    size_change: float = 0.6  # points: a larger difference in size ends a block
    note_rule: float = 0.45  # × text width: a rule shorter than this over notes is a separator
    full_line: float = 0.6  # × text width: a line this long may wrap into the next
    gutter: float = 0.6  # a band of no words this wide down the body may part two columns
    # (narrower than LaTeX's default 10 pt \columnsep, wider than a stretched word space)
    gutter_span: float = 1 / 3  # × text width: the gutter stands this far in from either edge
    column_lines: int = 4  # lines either side of the gutter needed to call it columns
    column_balance: float = 0.85  # the narrower column is at least this × the wider one
    column_edge: float = 1.5  # points: lines starting this close to a column's commonest start
    column_break: float = 1.0  # a line with the right column empty this far around is across
    default_size: float = 10.0  # points: the body's size when its pages hold no words
    hang_gap: float = 3.0  # points: a paragraph number's text farther right hangs indented
    hang_edge: float = 1.5  # points: a line starting this close to that indent is the paragraph's
    note_rule_start: float = 0.1  # × text width: a notes separator starts this close to the left
    number_edge: float = 2.0  # points: a paragraph number starting this close to the margin


PAPER_SETTINGS = PaperSettings()
