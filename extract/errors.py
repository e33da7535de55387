"""The project's named exceptions; each carries where in which file it happened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


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


class ValidationFailed(PipelineError):
    """One or more output tables break their schema; `failures` lists every one."""

    def __init__(self, failures: list[str], *, file: str | None = None) -> None:
        self.failures = failures
        head = f"{len(failures)} validation failure(s):\n  " + "\n  ".join(failures)
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
