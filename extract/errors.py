"""The project's named exceptions; each carries where in which file it happened."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass


def printable(name: str) -> str:
    """A file name on one line: a newline or other unprintable character in it is shown
    escaped, as the reader shows a cell's contents ('a\\nb.txt')."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in name)


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose; the CLI prints these."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        page: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.page = page
        self.column = column

    def __str__(self) -> str:
        place = printable(self.file or "<input>")
        if self.line is not None:
            place += f":{self.line}"
        elif self.page is not None:  # a PDF: the page is the place
            place += f": page {self.page}"
        where = [f"page {self.page}"] if self.page is not None and self.line is not None else []
        if self.column is not None:
            where.append(f"column {self.column}")
        suffix = f" ({', '.join(where)})" if where else ""
        return f"{place}: {self.message}{suffix}"


class SourceError(PipelineError):
    """The input document is broken in a way the parser must not guess around."""


@dataclass(frozen=True)
class Failure:
    """One validation failure as a record (frictionless's Error): where, which check, the
    value; `message` is the line printed for it, with the source file:line when known."""

    table: str | None
    row: int | None  # 0-based row of the table's frame
    column: str | None
    check: str  # pandera's check name, or the cross-table check's ('foreign_key', ...)
    value: object  # the failing value, None where the check is about a row or column
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        return self.message


class ValidationFailed(PipelineError):
    """One or more output tables break their schema; `records` holds every failure,
    `failures` their printed lines."""

    def __init__(self, failures: Sequence[Failure | str], *, file: str | None = None) -> None:
        # Checks of written files (verify.py) report lines only: a record with the message.
        self.records = tuple(
            f if isinstance(f, Failure) else Failure(None, None, None, "", None, f)
            for f in failures
        )
        self.failures = [f.message for f in self.records]
        head = f"{len(self.failures)} validation failure(s):\n  " + "\n  ".join(self.failures)
        super().__init__(head, file=file or "<tables>")


class OutputError(PipelineError):
    """The tables could not be written; the previous outputs were left as they were."""


@contextmanager
def located(file: str) -> Iterator[None]:
    """Name the file in every pipeline error raised inside without one: stages raise with
    line and page only, and the caller that knows the file says it once."""
    try:
        yield
    except PipelineError as exc:
        if exc.file is None:
            exc.file = file
        raise
