"""What the PDF library noticed while drawing a page: a damaged page is refused, not read short.

pdfminer reads past damage quietly: a content stream that does not decompress whole is cut
("Data-loss while decompressing corrupted data", a log warning), and an operator it does not
know (a flipped byte in `Tj`) is skipped without a word. Either way words or marks are gone
and the run wrote smaller tables with exit 0. The watch hears both, keeps them off stderr,
and the reader stops at the page with one line.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psparser import LIT

from extract.limits import Limits

# Operators of the PDF language pdfminer does not implement: Type 3 glyph metrics, harmless.
_UNDRAWN_OPERATORS = frozenset({"d0", "d1"})
_LIBRARY_LOGGER = "pdfminer"
_FORM = LIT("Form")


class _Heard(logging.Handler):
    """Collects the library's warnings instead of letting Python print them on stderr."""

    def __init__(self, heard: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.heard = heard

    def emit(self, record: logging.LogRecord) -> None:
        self.heard.append(record.getMessage())


class _NoticingInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, noting each operator it would skip as unknown. pdfminer asks
    `hasattr(self, 'do_' + name)` for every operator; an unknown one reaches __getattr__.
    Between BX and EX (the PDF's compatibility section) unknown operators are allowed."""

    heard: ClassVar[list[str]] = []
    _compatibility = 0

    def do_BX(self) -> None:  # noqa: N802 - pdfminer's operator method names
        self._compatibility += 1

    def do_EX(self) -> None:  # noqa: N802
        self._compatibility = max(0, self._compatibility - 1)

    def __getattr__(self, name: str) -> Any:
        if (
            name.startswith("do_")
            and not self.__dict__.get("_compatibility", 0)
            and name[3:] not in _UNDRAWN_OPERATORS
        ):
            _NoticingInterpreter.heard.append(f"unknown operator {name[3:]!r} skipped")
        raise AttributeError(name)


@contextmanager
def library_watched() -> Iterator[list[str]]:
    """Inside the block, what the library reports while drawing pages (warnings, skipped
    operators) lands in the yielded list, and nowhere else."""
    import pdfplumber.page

    heard: list[str] = []
    logger = logging.getLogger(_LIBRARY_LOGGER)
    handler = _Heard(heard)
    saved = (logger.propagate, logger.level, pdfplumber.page.PDFPageInterpreter)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    # pdfplumber builds its interpreter from this module attribute; it offers no hook.
    pdfplumber.page.PDFPageInterpreter = _NoticingInterpreter  # type: ignore[misc]
    _NoticingInterpreter.heard = heard
    try:
        yield heard
    finally:
        logger.removeHandler(handler)
        logger.propagate, level, pdfplumber.page.PDFPageInterpreter = saved  # type: ignore[misc]
        logger.setLevel(level)
        _NoticingInterpreter.heard = []


def page_over_limits(page: Any, limits: Limits) -> tuple[str | None, int]:
    """Why a page is refused before pdfminer draws it (too large, content too long, or
    content that does not decode whole), in words, or None to read it; and the bytes its
    content decodes to (what drawing it will cost)."""
    side = max(float(page.width), float(page.height))
    if side > limits.page_side:
        return (
            f"the page is {side:.0f} pt on its longer side, over the limit of"
            f" {limits.page_side:.0f} pt; raise it with --limit page_side={side:.0f}"
        ), 0
    return _content_damage(page.page_obj.attrs, limits.page_content)


def _content_damage(attrs: dict[str, Any], budget: int) -> tuple[str | None, int]:
    """The page's content streams and the form XObjects its resources hold, inflated within
    `budget` bytes: what is wrong with them in words, or None; and the bytes decoded."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    contents = resolve1(attrs.get("Contents"))
    # A copy: pdfminer keeps the resolved /Contents array as the page's content, and adding
    # the forms to it would draw them as page content (a form's words twice).
    streams = list(contents) if isinstance(contents, list) else [contents]
    resources = resolve1(attrs.get("Resources")) or {}
    forms = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if isinstance(forms, dict):
        streams += [
            form
            for form in map(resolve1, forms.values())
            if isinstance(form, PDFStream) and resolve1(form.attrs.get("Subtype")) is _FORM
        ]
    left = budget
    for item in streams:
        stream = resolve1(item)
        if not isinstance(stream, PDFStream):
            continue
        filters = [f for f, _ in stream.get_filters()]
        if not filters:
            left -= len(stream.rawdata)
        elif len(filters) == 1 and filters[0] in LITERALS_FLATE_DECODE:
            inflate = zlib.decompressobj()
            try:
                left -= len(inflate.decompress(stream.rawdata, max(left, 0) + 1))
            except zlib.error as exc:
                return damage_message(f"a content stream does not decompress ({exc})"), 0
            if left >= 0 and not inflate.eof:
                return damage_message("a content stream is cut short"), 0
        if left < 0:
            return (
                f"the page's content decodes to more than the limit of {budget} bytes;"
                " raise it with --limit page_content=N for a stress run"
            ), budget - left
    return None, budget - left


def heard_to_message(heard: list[str]) -> str:
    """One line for what the library reported on a page."""
    more = f" (and {len(heard) - 1} more report(s))" if len(heard) > 1 else ""
    return damage_message(f"the PDF library reports '{heard[0]}'{more}")


def damage_message(what: str) -> str:
    return (
        f"the PDF is damaged here: {what}; words or marks on this page would be lost."
        " A viewer shows the page broken too: get an undamaged copy"
    )
