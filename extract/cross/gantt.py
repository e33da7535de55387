"""The programme as a Gantt chart, decided once: per deliverable, the quarters Annex I marks,
the Appendix timing, which quarters fall inside it and the timing in words. The timing rule
(cross/rules.py), the workbook (output/xlsx.py) and the report (output/report.py) read it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from extract.programme_constants import PROGRAMME

PERIODS = PROGRAMME.periods

# Timing kinds that name quarters a chart can draw; the others are said in words only.
DRAWN_KINDS = ("range", "point")


@dataclass(frozen=True)
class GanttQuarter:
    """One quarter of a deliverable's row: marked in Annex I, inside the Appendix timing."""

    period: str
    marked: bool
    inside: bool  # within the Appendix's dated timing (never without one)
    outside: bool  # marked, and the Appendix dates a timing that leaves it out


@dataclass(frozen=True)
class GanttRow:
    """One deliverable's schedule in both documents."""

    deliverable_id: str | None
    marked: tuple[str, ...]  # quarters Annex I marks, in the schedule's order
    timing_kind: str | None  # None: the deliverable is not in the Appendix
    timing_raw: str | None
    timing_start: str | None
    timing_end: str | None

    @property
    def dated(self) -> bool:
        """The Appendix gives a first and a last quarter."""
        return bool(self.timing_start) and bool(self.timing_end)

    def inside(self, period: str) -> bool:
        """The quarter lies within the Appendix's dated timing."""
        return self.dated and str(self.timing_start) <= period <= str(self.timing_end)

    @property
    def outside(self) -> tuple[str, ...]:
        """Marked quarters the Appendix's dated timing leaves out; none without a date."""
        return tuple(p for p in self.marked if self.dated and not self.inside(p))

    @property
    def quarters(self) -> tuple[GanttQuarter, ...]:
        """Every quarter of the programme, 2017Q1 to 2021Q4."""
        marked = set(self.marked)
        return tuple(
            GanttQuarter(
                p, p in marked, self.inside(p), p in marked and self.dated and not self.inside(p)
            )
            for p in PERIODS
        )

    @property
    def band(self) -> tuple[int, int] | None:
        """First and last quarter index inside the Appendix timing, None if none is."""
        inside = [i for i, q in enumerate(self.quarters) if q.inside]
        return (inside[0], inside[-1]) if inside else None

    @property
    def words(self) -> str:
        """The Appendix timing as printed; timing without quarters says its kind."""
        return timing_words(self.timing_kind, self.timing_raw)


def timing_words(kind: object, raw: object) -> str:
    """'2018-2019'; 'every year (recurring)'; 'none given (unspecified)'; 'not in the
    Appendix'. Empty for a drawn kind printed without words."""
    shown = raw if isinstance(raw, str) and raw else None
    if kind in DRAWN_KINDS:
        return shown or ""
    if not isinstance(kind, str):
        return "not in the Appendix"
    return f"{shown} ({kind})" if shown else f"none given ({kind})"


def gantt_row(
    deliverable_id: str | None,
    marked: Iterable[str],
    kind: object,
    raw: object,
    start: object,
    end: object,
) -> GanttRow:
    """A row from values as records or tables hold them (missing ones as None or NA)."""
    return GanttRow(
        deliverable_id, tuple(marked), _text(kind), _text(raw), _text(start), _text(end)
    )


def tables_to_gantt(tables: dict[str, pd.DataFrame]) -> list[GanttRow]:
    """One row per programme row, in its order: Annex I's marks by deliverable number and
    the programme's Appendix timing."""
    marks: dict[str, list[str]] = {}
    schedule = tables["annex_schedule"]
    for did, period in zip(
        _objects(schedule.deliverable_id), _objects(schedule.period), strict=True
    ):
        marks.setdefault(did, []).append(period)
    programme = tables["programme"]
    columns = [
        "deliverable_id",
        "appendix_timing_kind",
        "appendix_timing_raw",
        "appendix_timing_start",
        "appendix_timing_end",
    ]
    return [
        gantt_row(did, marks.get(did, []) if did is not None else [], kind, raw, start, end)
        for did, kind, raw, start, end in zip(
            *(_objects(programme[c]) for c in columns), strict=True
        )
    ]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _objects(series: pd.Series) -> Sequence[object]:
    """A column as Python values, None where missing."""
    return series.to_numpy(dtype=object, na_value=None).tolist()
