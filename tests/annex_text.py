"""Builds small Annex I texts for tests, in the layout of raw/annex_i_workplan.txt."""

from __future__ import annotations

HEADER = "Area of action\tDeliverable \u00b9\tKey activities\tTime frame" + "\t" * 19
YEARS = "\t\t\t" + "\t".join(f"{y}\t\t\t" for y in range(2017, 2022)).rstrip("\t") + "\t\t\t"
QUARTERS = "\t\t\t" + "\t".join(["Q1", "Q2", "Q3", "Q4"] * 5)


def row(area: str, deliverable: str, activities: str, marks: str = "", extra: str | None = None):
    """A table row; marks is up to 20 characters, one per quarter ('X', 'x' or ' ')."""
    cells = [c.strip() for c in marks.ljust(20)]
    line = "\t".join([area, deliverable, activities, *cells])
    return line if extra is None else f"{line}\t{extra}"


def page(*rows: str, stray_column: bool = False) -> str:
    """A page block: the three header lines, then the rows."""
    if stray_column:
        head = [HEADER + "\t", YEARS + "\t", QUARTERS + "\t"]
    else:
        head = [HEADER, YEARS, QUARTERS]
    return "\n".join([*head, *rows]) + "\n"


FOOTNOTE = "\u00b9 Figures in bold at end of each deliverable are the Appendix's numbers."


def document(*pages: str) -> str:
    """Title, pages, and the footnote the header's mark refers to."""
    return "\n\nAnnex I\n\nProgramme of Action work-plan\n\n" + "\n".join(pages) + f"\n{FOOTNOTE}\n"


def opening(letter: str, text: str, number: str) -> str:
    return f"In response to ILC 2016 Conclusion 23 ({letter}) {text} ({number})"
