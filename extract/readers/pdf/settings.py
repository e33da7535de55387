"""The PDF reader's knobs: every tolerance it measures with, each with its unit and reason
(as pdfplumber's TableSettings). Lengths are PDF points unless a field says '× font size',
'× width' or a count."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfSettings:
    """The reader's knobs, in PDF points unless said otherwise."""

    # --- Drawing: rules, fills --------------------------------------------------------------
    rule_thickness: float = 2.0  # a rect thinner than this is a rule, not a box
    min_fill: float = 3.0  # a shaded cell (or a drawn dot) is at least this tall and wide
    light: float = 0.93  # colour components above this are 'white' (no shading)
    # pt: positions this close are one place (a rule drawn at a text edge, coordinates rounded)
    slack: float = 0.5

    # --- Words: glyphs into words -----------------------------------------------------------
    x_tolerance: float = 0.8  # chars closer than this join into one word
    # pt: a vertical rule this near the middle of a gap between two glyphs cuts the word there,
    # the gap's half added (the rule stands in the cell padding)
    rule_cut_min: float = 1.0
    # × the larger size: a size change this large inside a word (a superscript) ends the word
    size_break: float = 0.15
    # pt: mark glyphs printed farther apart than this are neighbouring cells' marks
    mark_apart: float = 0.3
    # × the mark's size: a footnote number is raised beside a word at least this much larger
    superscript_ratio: float = 1.25
    # pt: a raised number may overlap the word beside it by this much (kerning)
    superscript_overlap: float = 0.5
    # pt: a raised number stands at most this far after the word it marks
    superscript_after: float = 2.5
    # pt (or superscript_before_size × the word's size, the larger): a raised number stands at
    # most this far before the word it opens (a note's number)
    superscript_before: float = 3.0
    superscript_before_size: float = 0.4
    # × the word's size: a raised number's top is at most this far above the word's top
    superscript_rise: float = 0.5

    # --- Lines of words ---------------------------------------------------------------------
    same_line: float = 2.5  # words whose tops differ less stand on one line
    word_gap: float = 0.8  # × font size: a larger gap between words ends a line segment
    glued: float = 0.1  # × font size: runs closer than this are one word (kerning, not a space)
    next_line: float = 2.5  # × font size: a line whose top is this close below is the next one
    wide_gap: float = 0.75  # × font size: a gap this wide at a column boundary parts two cells

    # --- Furniture --------------------------------------------------------------------------
    margin: float = 0.07  # × page length: where page numbers and running heads stand
    running_margin: float = 0.12  # × page length: where a head repeated at one height may stand
    # pt (whole): a running head repeats at its height give or take this (page layouts shift)
    running_shift: int = 2
    # count: a margin line printed on this many pages (fewer in a shorter file) is furniture
    running_pages: int = 3

    # --- Header and columns -----------------------------------------------------------------
    header_band: float = 60.0  # a header's labels (each may wrap) begin within this height
    label_apart: float = 1.5  # × widest word space: the gap before a header label after cell text
    label_gap: float = 1.2  # × font size: a quarter label and its year this close share a cell
    # × font size: a label's next word on its line follows within this gap (a word space)
    label_space: float = 1.5
    # × font size: a label's wrapped word stands at most this far under its previous word,
    # from label_wrap_left left of the label's start to label_wrap_right right of its end
    label_wrap: float = 2.2
    label_wrap_left: float = 4.0
    label_wrap_right: float = 2.0
    # × font size: the header begins this far above its labels' tops (ascenders, a raised mark)
    header_rise: float = 0.5
    # × font size: rules this far above the labels may still be the header's (a 'Time frame' row)
    header_rules_above: float = 4.0
    # × font size: words this far above the header's top may be a 'Time frame' row over it
    header_over: float = 2.5
    # pt: quarter labels stand within these heights above and below the column labels' top
    quarter_above: float = 30.0
    quarter_below: float = 80.0
    # pt: quarter labels of one header row have tops this close
    quarter_row: float = 3.0
    # pt: the quarter columns' pitch where a header shows one quarter label
    quarter_pitch: float = 20.0
    # × the quarter pitch: the last quarter column's right boundary is looked for this far out
    last_quarter: float = 0.75
    # × the quarter pitch: a vertical rule this far right of the quarters bounds an extra column
    extra_column: float = 3.0
    # pt: a vertical rule this far left of the first label is the table's left edge
    left_rule: float = 40.0
    edge_share: float = 0.25  # a column begins at the leftmost x where this share of the runs
    # that begin at its busiest x begin too (a hung list's numbers, left of its wrapped lines)
    # count: lines beginning at one x that make it a column's edge (a text start)
    edge_lines: int = 3
    # × font size: a header label's wrapped line follows at the text's leading, closer than a
    # row's first line follows the header (cell padding)
    header_wrap: float = 0.6

    # --- The table's extent on a page --------------------------------------------------------
    # pt: a rule this far under the header's labels closes the header
    header_rule: float = 12.0
    # × font size: a rule this far above a headerless page's first words is the table's top
    top_rule: float = 3.0
    # pt: rows begin this far above a headerless page's top rule (the rule is the row's)
    top_inset: float = 0.1
    # pt: vertical rules this far outside the columns are the table's
    table_rule: float = 1.5
    # count: vertical rules at this many x make a ruled table, whose foot ends the table
    table_vrules: int = 3
    # × table width: a rule within this share of both table edges runs across the table
    across_share: float = 0.1
    # × table width: rules drawn cell by cell that together cover this share run across
    joined_share: float = 0.8

    # --- Prose on a table page ---------------------------------------------------------------
    # pt: a word this close to a column's text start stands where the column's lines begin
    start_slack: float = 0.6
    # pt: a line beginning farther than this from its column's text start is set apart
    trailing_start: float = 1.0
    # × font size: a prose line this close under the one before goes on its paragraph
    prose_gap: float = 0.8
    # pt: prose lines whose sizes differ less are one paragraph's
    prose_size: float = 0.6

    # --- Rows -------------------------------------------------------------------------------
    align: float = 3.5  # an unruled merged cell's text must start this close to a row's top
    gap_tie: float = 0.3  # pt: empty stretches between lines this close in height are equal
    # pt: an empty stretch must be wider than this to part rows
    min_gap: float = 0.5
    # pt: a cut made without an empty stretch stands this far above the opening line
    cut_above: float = 0.5
    # pt: rules this close to a cut are that cut (a rule drawn twice, a cell's border)
    same_rule: float = 1.0
    # × column width: a rule crosses a column when it covers the column's middle
    rule_cover: float = 0.5
    # count, chars: a row's opening is read over this many key-column lines, cut to this length
    opening_lines: int = 3
    opening_chars: int = 40
    # × font size: a gap this tall in an unruled column parts two cells' text (leading leaves
    # less between a cell's lines)
    cell_gap: float = 0.5

    # --- Cells and merged cells ---------------------------------------------------------------
    # × cell width: a fill centred in a quarter cell and at most this wide is its mark
    fill_width: float = 1.5
    # × cell width: a fill covering this share of a quarter cell (a bar over quarters) marks it
    bar_cover: float = 0.6
    # × font size: lines of a merged column this close are one cell's text
    block_gap: float = 0.9
    # pt: a band without a key line probes for its merged cell this far down from its top
    probe_depth: float = 12.0
    # pt: a probe this close above a merged cell's top is inside it (float rounding)
    probe_slack: float = 0.01
    # pt: a word cut at a narrow cell's edge leaves less room than its next letter, give or
    # take this much (glyph widths estimated from the word's average)
    cut_slack: float = 0.5

    # --- Rules against lines ------------------------------------------------------------------
    # pt: a rule runs on below a line (the header's foot, the body's top) when it ends at least
    # this far under it; one ending at the line is that line's own border
    rule_below: float = 2.0
    # pt: a column edge found from where lines start lies at least this far right of the
    # column before (starts at that column's own edge are its own)
    edge_clear: float = 2.0
    # pt: ... and at most this far right of the next label's bound (starts rounded to 0.5 pt)
    edge_reach: float = 1.0
    # pt: a rule this far right of the last quarter cell bounds a further column
    extra_clear: float = 2.0

    # --- Reading on every core ------------------------------------------------------------
    # pages: a process of the pool is worth forking for at least this many pages (a fork and
    # its own opening of the file cost about what drawing two pages does)
    pages_per_worker: int = 3


SETTINGS = PdfSettings()
