"""Tables from a PDF's page geometry: words, rules, fills and drawn lines into the typed grid.

Works for any producer (Word, LibreOffice, a browser's print, a typesetter): columns come from
the header's words on each page (a page without a header uses the previous page's columns),
rows from rules where they exist and from the content where they do not, merged cells from
rules in their column or from where their text stands. Every word of a table page is put in
exactly one cell, the header, a prose line or a furniture line; a word that fits none is an
error naming its page."""

from __future__ import annotations

import hashlib
import io
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from extract.errors import SourceError
from extract.programme import period
from extract.readers.grid import (
    EMPTY,
    Cell,
    CellLine,
    Grid,
    GridNote,
    GridPage,
    GridRow,
    ProseLine,
    TableSpec,
    union,
)
from extract.readers.text import join_pieces, squash
from extract.records import Box, NoteKind, QuarterColumn


def is_pdf(data: bytes) -> bool:
    """Chosen by content, not by name."""
    return data[:1024].lstrip().startswith(b"%PDF")


@dataclass(frozen=True)
class PdfSettings:
    """The reader's knobs, in PDF points unless said otherwise."""

    rule_thickness: float = 2.0  # a rect thinner than this is a rule, not a box
    min_fill: float = 3.0  # a shaded cell (or a drawn dot) is at least this tall and wide
    x_tolerance: float = 0.8  # chars closer than this join into one word
    light: float = 0.93  # colour components above this are 'white' (no shading)
    same_line: float = 2.5  # words whose tops differ less stand on one line
    word_gap: float = 0.8  # × font size: a larger gap between words ends a line segment
    wide_gap: float = 0.75  # × font size: a gap this wide at a column boundary parts two cells
    margin: float = 0.07  # × page length: where page numbers and running heads stand
    running_margin: float = 0.12  # × page length: where a head repeated at one height may stand
    align: float = 3.5  # an unruled merged cell's text must start this close to a row's top


SETTINGS = PdfSettings()

# A dingbat font prints a check mark for a letter: ZapfDingbats '4' and '3', Wingdings 'ü'.
_DINGBAT_CHECKS = {"zapfdingbats": {"4": "\u2714", "3": "\u2713"}, "wingdings": {"ü": "\u2714"}}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_PAGE_NUMBER = regex.compile(
    r"(?:page\s+)?[-\u2013]?\s*\d{1,4}\s*[-\u2013]?(?:\s*(?:of|/)\s*\d{1,4})?", regex.IGNORECASE
)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_QUARTER = regex.compile(r"Q\s?([1-4])", regex.IGNORECASE)
_QUARTER_RUN = regex.compile(r"(?:Q\s?[1-4]){2,}", regex.IGNORECASE)
_MARK_GLYPHS = frozenset("Xx\u2713\u2714\u00d7")


# --- Geometry records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A horizontal (y, x0..x1) or vertical (x, top..bottom) rule."""

    at: float
    start: float
    end: float


@dataclass(frozen=True)
class Fill:
    """A filled (shaded) area and its colour."""

    box: Box
    colour: tuple[float, ...]

    @property
    def xc(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def yc(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class Geometry:
    """What one page holds, in pdfplumber's coordinates (origin top-left)."""

    no: int
    width: float
    height: float
    words: tuple[Word, ...]
    hrules: tuple[Rule, ...]
    vrules: tuple[Rule, ...]
    fills: tuple[Fill, ...]
    diagonals: tuple[tuple[float, float, float, float], ...]  # x0, y0, x1, y1
    images: tuple[Box, ...]


@dataclass(frozen=True)
class Columns:
    """A table's columns on a page: x-ranges of the roles, the quarters, and any extra column."""

    roles: dict[str, tuple[float, float]]
    quarters: tuple[tuple[QuarterColumn, float, float], ...]
    extra: tuple[float, float] | None
    left: float
    right: float

    def bounds(self) -> list[tuple[int, float, float]]:
        """(cell index, x0, x1) of every column, left to right."""
        out = [(i, *span) for i, span in enumerate(self.roles.values())]
        out += [(col.index, x0, x1) for col, x0, x1 in self.quarters]
        if self.extra:
            out.append((len(self.roles) + len(self.quarters), *self.extra))
        return sorted(out, key=lambda b: b[1])

    def index_at(self, x: float) -> int | None:
        for index, x0, x1 in self.bounds():
            if x0 <= x < x1:
                return index
        return None

    @property
    def width(self) -> int:
        return len(self.roles) + len(self.quarters) + (1 if self.extra else 0)


@dataclass(frozen=True)
class Header:
    top: float
    bottom: float
    words: tuple[Word, ...]
    columns: Columns
    text: str


# --- Reading the file ---------------------------------------------------------------------


def pdf_to_grid(
    data: bytes,
    path: str,
    spec: TableSpec,
    settings: PdfSettings = SETTINGS,
    log: Callable[[str], None] | None = None,
) -> Grid:
    """Read a PDF's table into the typed grid, page by page."""
    geometries = _open(data, path, settings, log)
    return geometries_to_grid(geometries, path, spec, settings)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _open(
    data: bytes, path: str, settings: PdfSettings, log: Callable[[str], None] | None = None
) -> list[Geometry]:
    """Every page's geometry; `log` hears one line per page (the CLI's -v)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise SourceError("PDF has no pages", file=path)
            geometries = []
            for no, page in enumerate(pdf.pages, start=1):
                geo = page_to_geometry(page, no, settings)
                geometries.append(geo)
                page.close()
                if log is not None:
                    log(
                        f"{path}: page {no}/{len(pdf.pages)}: {len(geo.words)} words,"
                        f" {len(geo.hrules) + len(geo.vrules)} rules, {len(geo.fills)} fills"
                    )
            return geometries
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        # pdfplumber wraps pdfminer's errors: look inside for the password one.
        causes = [exc, *exc.args, exc.__cause__, exc.__context__]
        if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
            raise SourceError(
                "the PDF is encrypted; save an unprotected copy (e.g. qpdf --decrypt) and give"
                " that",
                file=path,
            ) from None
        detail = str(exc) or " ".join(str(a) for a in exc.args) or "no detail"
        raise SourceError(f"unreadable PDF: {type(exc).__name__}: {detail}", file=path) from None


def page_to_geometry(page: Any, no: int, settings: PdfSettings = SETTINGS) -> Geometry:
    """A page's words (split at rules, quarter labels and mark runs), rules, fills, diagonals."""
    hrules, vrules, fills, diagonals = _drawing(page, settings)
    # Font size is compared per char below, not by pdfplumber: rotated pages give sizes that
    # differ in the 15th digit and would split words mid-way. A tight x tolerance keeps two
    # cells' words apart where the padding between columns is under 3 pt.
    raw = page.extract_words(
        x_tolerance=settings.x_tolerance, extra_attrs=["fontname"], return_chars=True
    )
    words: list[Word] = []
    for item in raw:
        if not item.get("upright", True):
            continue
        words.extend(_split_word(item, vrules))
    words = _superscripts(words)
    return Geometry(
        no=no,
        width=float(page.width),
        height=float(page.height),
        words=tuple(sorted(words, key=lambda w: (round(w.top), w.x0))),
        hrules=tuple(hrules),
        vrules=tuple(vrules),
        fills=tuple(fills),
        diagonals=tuple(diagonals),
        images=tuple((i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images),
    )


def _light(colour: Any, settings: PdfSettings) -> bool:
    if colour is None:
        return True
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple) or not all(isinstance(c, int | float) for c in colour):
        return False  # a pattern: call it shading
    if len(colour) == 4:  # CMYK: light when little ink
        return all(c <= 1 - settings.light for c in colour)
    return all(c >= settings.light for c in colour)


def _colour_key(colour: Any) -> tuple[float, ...]:
    if isinstance(colour, int | float):
        return (round(float(colour), 2),)
    if isinstance(colour, tuple | list):
        return tuple(round(float(c), 2) for c in colour if isinstance(c, int | float))
    return ()


def _drawing(page: Any, settings: PdfSettings) -> tuple[list, list, list, list]:
    hrules: list[Rule] = []
    vrules: list[Rule] = []
    fills: list[Fill] = []
    diagonals: list[tuple[float, float, float, float]] = []
    thin = settings.rule_thickness

    def fill(obj: dict[str, Any]) -> None:
        colour = obj.get("non_stroking_color")
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if obj.get("fill") and not _light(colour, settings):
            if w >= settings.min_fill and h >= settings.min_fill:
                box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
                fills.append(Fill(box, _colour_key(colour)))

    def segment(x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) < 1 and abs(x1 - x0) >= 1:
            hrules.append(Rule((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < 1 and abs(y1 - y0) >= 1:
            vrules.append(Rule((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        elif abs(x1 - x0) >= 1 and abs(y1 - y0) >= 1:
            diagonals.append((x0, y0, x1, y1))

    for line in page.lines:
        pts = line.get("pts") or [(line["x0"], line["top"]), (line["x1"], line["bottom"])]
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            segment(ax, ay, bx, by)
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        w, h = x1 - x0, bottom - top
        inked = rect.get("stroke") or not _light(rect.get("non_stroking_color"), settings)
        if h <= thin and w > thin:
            if inked or rect.get("fill"):
                hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif w <= thin and h > thin:
            if inked or rect.get("fill"):
                vrules.append(Rule((x0 + x1) / 2, top, bottom))
        else:
            if rect.get("stroke"):
                hrules += [Rule(top, x0, x1), Rule(bottom, x0, x1)]
                vrules += [Rule(x0, top, bottom), Rule(x1, top, bottom)]
            fill(rect)
    for curve in page.curves:
        pts = curve.get("pts") or []
        if curve.get("fill") and len(pts) > 2:  # a filled shape (a dot, a drawn square)
            fill(curve)
            continue
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            segment(ax, ay, bx, by)
    return hrules, vrules, fills, diagonals


def _split_word(item: dict[str, Any], vrules: Sequence[Rule]) -> list[Word]:
    """One pdfplumber word, split where a vertical rule crosses it, at each quarter label of a
    run ('Q1Q2Q3'), and into single glyphs for a run of marks ('XX')."""
    chars = item.get("chars") or []
    text = item["text"]
    if len(chars) != len(text) or len(chars) < 2:
        return [_word(item, text, chars)]
    cuts: set[int] = set()
    # Only rules standing within the word's width can cut it.
    across = [r for r in vrules if item["x0"] - 1 < r.at < item["x1"] + 1]
    for i in range(1, len(chars)) if across else ():
        before, after = chars[i - 1], chars[i]
        gap_at = (before["x1"] + after["x0"]) / 2
        reach = max(1.0, (after["x0"] - before["x1"]) / 2 + 0.5)
        if any(
            abs(r.at - gap_at) <= reach
            and r.start <= after["top"] + 1
            and r.end >= after["bottom"] - 1
            for r in across
        ):
            cuts.add(i)
    for i in range(1, len(chars)):  # a size change (a superscript mark) ends a word
        a, b = float(chars[i - 1]["size"]), float(chars[i]["size"])
        if abs(a - b) > 0.15 * max(a, b):
            cuts.add(i)
    if _QUARTER_RUN.fullmatch(text):
        cuts |= {i for i, char in enumerate(text) if char in "Qq"} - {0}
    if set(text) <= _MARK_GLYPHS:  # marks of neighbouring cells, not a word like 'XX'
        cuts |= {i for i in range(1, len(text)) if chars[i]["x0"] - chars[i - 1]["x1"] > 0.3}
    if not cuts:
        return [_word(item, text, chars)]
    bounds = [0, *sorted(cuts), len(text)]
    return [_word(item, text[a:b], chars[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _word(item: dict[str, Any], text: str, chars: Sequence[dict[str, Any]]) -> Word:
    if chars:
        x0, x1 = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
        top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
    else:
        x0, top, x1, bottom = item["x0"], item["top"], item["x1"], item["bottom"]
    font = str(item.get("fontname") or "")
    size = max((float(c["size"]) for c in chars), default=bottom - top)
    return Word(text, x0, top, x1, bottom, size, font)


def _superscripts(words: list[Word]) -> list[Word]:
    """A small raised number right after a word is a footnote mark: print it as ¹."""
    out = []
    for word in words:
        if word.text.isdigit() and len(word.text) <= 2:
            host = next(
                (
                    w
                    for w in words
                    if w is not word
                    and w.size >= word.size * 1.25
                    and -0.5 <= word.x0 - w.x1 <= 2.5
                    and w.top - 0.5 * w.size <= word.top
                    and word.bottom < w.bottom - 0.5
                ),
                None,
            )
            follower = next(
                (
                    w
                    for w in words
                    if w is not word
                    and w.size >= word.size * 1.25
                    and -0.5 <= w.x0 - word.x1 <= max(3.0, 0.4 * w.size)
                    and word.top < w.top - 0.5
                    and word.bottom <= w.bottom
                    and word.bottom > w.top  # on the follower's line, not above it
                ),
                None,
            )
            if host is not None or follower is not None:
                word = replace(word, text=word.text.translate(_SUPERSCRIPT))
        out.append(word)
    return out


# --- Lines of words ----------------------------------------------------------------------


def words_to_lines(words: Iterable[Word], settings: PdfSettings = SETTINGS) -> list[list[Word]]:
    """Words grouped into printed lines by their tops, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) < settings.same_line:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_to_segments(line: Sequence[Word], settings: PdfSettings = SETTINGS) -> list[list[Word]]:
    """A printed line cut where the gap between words is wider than word spacing."""
    segments: list[list[Word]] = []
    for word in line:
        if segments and word.x0 - segments[-1][-1].x1 <= settings.word_gap * word.size:
            segments[-1].append(word)
        else:
            segments.append([word])
    return segments


def _text(words: Sequence[Word]) -> str:
    return squash(" ".join(w.text for w in words))


def words_to_text(words: Sequence[Word]) -> str:
    """Words of one printed line as text: a word set apart by no gap (a bold 'First' before
    its comma, a mark after its word) is glued to the one before."""
    out = ""
    for previous, word in zip((None, *words), words, strict=False):
        glued = previous is not None and word.x0 - previous.x1 < 0.1 * word.size
        out += ("" if glued or not out else " ") + word.text
    return squash(out)


def _box(words: Sequence[Word]) -> Box:
    box = union([w.box for w in words])
    assert box is not None
    return box


# --- Header and columns -------------------------------------------------------------------


def _phrase(words: Sequence[Word], label: str) -> list[Word] | None:
    """The words spelling a header label, on one line or wrapped under its first word."""
    tokens = label.split()
    for start in words:
        if not _label_word(start.text, tokens[0]):
            continue
        found = [start]
        for token in tokens[1:]:
            last = found[-1]
            nxt = next(
                (
                    w
                    for w in sorted(words, key=lambda w: (w.top, w.x0))
                    if w not in found
                    and _label_word(w.text, token)
                    and (
                        (abs(w.top - last.top) < 2.5 and 0 <= w.x0 - last.x1 <= 1.5 * w.size)
                        or (
                            0 < w.top - last.top <= 2.2 * w.size
                            and start.x0 - 4 * w.size <= w.x0 <= last.x1 + 2 * w.size
                        )
                    )
                ),
                None,
            )
            if nxt is None:
                break
            found.append(nxt)
        if len(found) == len(tokens):
            return found
    return None


def _label_word(text: str, token: str) -> bool:
    """A header word spells a label's word, plural or with a footnote mark allowed."""
    folded = _fold(text)
    return folded == token or (folded.startswith(token) and len(folded) - len(token) <= 2)


def _fold(text: str) -> str:
    return regex.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*:]+$", "", text).casefold()


def geometry_to_header(
    geo: Geometry, spec: TableSpec, path: str, settings: PdfSettings = SETTINGS
) -> Header | None:
    """The page's header (its words and the columns they label), or None if it has none."""
    found: dict[str, list[Word]] = {}
    for role, label in spec.labels.items():
        words = _phrase(geo.words, label)
        if words is None:
            return None
        found[role] = words
    firsts = [words[0] for words in found.values()]
    if max(w.top for w in firsts) - min(w.top for w in firsts) > 60:
        return None
    if [w.x0 for w in firsts] != sorted(w.x0 for w in firsts):
        return None
    top = min(w.top for words in found.values() for w in words)
    size = statistics.median(w.size for words in found.values() for w in words)
    label_bottom = max(w.bottom for words in found.values() for w in words)
    quarters: list[tuple[QuarterColumn, Word]] = []
    bottom = label_bottom
    if spec.timeframe:
        quarters, bottom = _quarter_labels(geo, top, firsts[-1].x0, spec, path)
        top = min(top, *(w.top for _, w in quarters))
    bottom = max(bottom, label_bottom)
    top = _header_top(geo, top, bottom, size, firsts[-1].x0)
    words = tuple(w for w in geo.words if w.top >= top - 1 and w.bottom <= bottom + 1)
    columns = _columns(geo, found, quarters, bottom)
    return Header(top, bottom, words, columns, _text(sorted(words, key=lambda w: (w.top, w.x0))))


def _header_top(geo: Geometry, top: float, bottom: float, size: float, right_of: float) -> float:
    """The header's top: up through the rules above its labels while what stands between them
    lies over the quarters (a 'Time frame' row), taking in a raised footnote mark."""
    top -= 0.5 * size
    rules = sorted(
        (r.at for r in geo.hrules if top - 4 * size <= r.at <= top + 0.5 * size), reverse=True
    )
    for rule in rules:
        between = [w for w in geo.words if rule <= w.top < top]
        if any(w.x0 <= right_of for w in between):
            break
        top = min(top, rule)
    over = [
        w.top
        for w in geo.words
        if top - 2.5 * size <= w.top < top and w.x0 > right_of and w.bottom <= bottom
    ]
    if over and not any(r for r in rules if r <= top):
        top = min(over)
    return top


def _wrapped_quarters(words: list[Word]) -> list[Word]:
    """A narrow cell wraps 'Q1' as 'Q' over '1': join the two into one label."""
    out = list(words)
    for q in [w for w in words if w.text in ("Q", "q")]:
        digit = next(
            (
                d
                for d in words
                if d.text in ("1", "2", "3", "4")
                and abs(d.xc - q.xc) < q.size
                and 0 <= d.top - q.bottom < q.size
            ),
            None,
        )
        if digit is not None and digit in out:
            out.remove(q)
            out.remove(digit)
            box = union([q.box, digit.box])
            assert box is not None
            out.append(Word("Q" + digit.text, *box, q.size, q.font))
    return out


def _quarter_labels(
    geo: Geometry, top: float, after_x: float, spec: TableSpec, path: str
) -> tuple[list[tuple[QuarterColumn, Word]], float]:
    near = _wrapped_quarters(
        [w for w in geo.words if top - 30 <= w.top <= top + 80 and w.x0 > after_x]
    )
    labels = [w for w in near if _QUARTER.fullmatch(w.text)]
    row = min((w.top for w in labels), default=top)
    years = [w for w in near if _YEAR.fullmatch(w.text) and w.bottom <= row + 1]
    if not years or not labels:
        raise SourceError(
            "page header has no year labels or no Q1-Q4 labels under 'Time frame'",
            file=path,
            page=geo.no,
        )
    first_year, last_year = spec.first_years
    for year in years:
        if not first_year <= int(year.text) <= last_year:
            raise SourceError(
                f"year label {year.text} lies outside the programme's {first_year}-{last_year}",
                file=path,
                page=geo.no,
            )
    labels = sorted((w for w in labels if abs(w.top - row) < 3), key=lambda w: w.x0)
    # Quarters run Q1..Q4 under each year: a run is labelled by the year label above it.
    groups: list[list[Word]] = []
    for word in labels:
        q = int(_QUARTER.fullmatch(word.text).group(1))  # type: ignore[union-attr]
        last_q = int(_QUARTER.fullmatch(groups[-1][-1].text).group(1)) if groups else 5  # type: ignore[union-attr]
        if q <= last_q:
            groups.append([word])
        else:
            groups[-1].append(word)
    columns: list[tuple[QuarterColumn, Word]] = []
    index = len(spec.labels)
    for group in groups:
        x0, x1 = group[0].x0, group[-1].x1
        above = [y for y in years if y.bottom <= group[0].top + 1]
        overlap = [(min(x1, y.x1) - max(x0, y.x0), y) for y in above]
        best = max(overlap, key=lambda o: o[0], default=(0.0, None))
        if best[1] is None or best[0] <= 0:
            raise SourceError(
                f"quarter labels {_text(group)!r} stand under no year label",
                file=path,
                page=geo.no,
            )
        for word in group:
            q = int(_QUARTER.fullmatch(word.text).group(1))  # type: ignore[union-attr]
            columns.append((QuarterColumn(index, int(best[1].text), q), word))
            index += 1
    periods = [(c.year, c.quarter) for c, _ in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        raise SourceError("quarter labels are repeated or out of order", file=path, page=geo.no)
    # A label not read leaves its column to its neighbours, and its marks with them: every
    # year shown must have its four quarters, and no year may be skipped.
    years_seen = sorted({y for y, _ in periods})
    expected = [(y, q) for y in range(years_seen[0], years_seen[-1] + 1) for q in range(1, 5)]
    if len(years_seen) > 1 and periods != expected or len(years_seen) == 1 and len(periods) > 4:
        missing = sorted(set(expected) - set(periods))
        shown = ", ".join(period(y, q) for y, q in missing[:4])
        raise SourceError(
            f"page header quarter labels are incomplete (missing: {shown or 'none'})",
            file=path,
            page=geo.no,
        )
    return columns, max(w.bottom for _, w in columns)


def _rules_between(rules: Sequence[Rule], lo: float, hi: float, top: float) -> list[float]:
    return sorted({round(r.at, 1) for r in rules if lo < r.at < hi and r.end > top + 2})


def _segment_starts(words: Sequence[Word]) -> dict[float, int]:
    """How many runs of words begin at each x (to 0.5 pt)."""
    counts: dict[float, int] = {}
    for line in words_to_lines(words):
        for segment in line_to_segments(line):
            x = round(segment[0].x0 * 2) / 2
            counts[x] = counts.get(x, 0) + 1
    return counts


def _widest_gap(spans: Sequence[tuple[float, float]], lo: float, hi: float) -> float | None:
    """The middle of the widest stretch of [lo, hi] that no span covers."""
    covered = sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi)
    best, at, cursor = 0.0, None, lo
    for a, b in covered:
        if a - cursor > best:
            best, at = a - cursor, (cursor + a) / 2
        cursor = max(cursor, b)
    if hi - cursor > best:
        best, at = hi - cursor, (cursor + hi) / 2
    return at if best > 0.5 else None


def _columns(
    geo: Geometry,
    found: dict[str, list[Word]],
    quarters: Sequence[tuple[QuarterColumn, Word]],
    header_bottom: float,
) -> Columns:
    body = [w for w in geo.words if w.top > header_bottom]
    spans = [(w.x0, w.x1) for w in body]
    anchors = [min(w.x0 for w in words) for words in found.values()]
    q_centres = [w.xc for _, w in quarters]
    pitch = (
        statistics.median(b - a for a, b in zip(q_centres, q_centres[1:], strict=False))
        if len(q_centres) > 1
        else 20.0
    )
    first_q = q_centres[0] - pitch / 2 if q_centres else geo.width
    stops = [*anchors, q_centres[0] if q_centres else geo.width]

    starts = _segment_starts(body)

    def boundary(lo: float, hi: float, fallback: float, content: bool = True) -> float:
        rules = _rules_between(geo.vrules, lo + 0.5, hi + 0.5, header_bottom)
        if rules:
            return rules[-1]
        if not content:  # quarter cells: marks may sit anywhere in them, so go by the labels
            return fallback
        # Unruled: cells' lines begin at their column's left edge, so the commonest place
        # where a run of words begins marks the next column.
        peaks = [(n, x) for x, n in starts.items() if lo + 2 < x <= hi + 1 and n >= 3]
        if peaks:
            return max(peaks)[1] - 0.5
        gap = _widest_gap(spans, lo + 0.5, hi)
        return gap if gap is not None else fallback

    cuts = [boundary(stops[i], stops[i + 1], stops[i + 1] - 1) for i in range(len(anchors) - 1)]
    if q_centres:
        rules = _rules_between(geo.vrules, anchors[-1] + 0.5, q_centres[0], header_bottom)
        cuts.append(rules[-1] if rules else first_q)
    left_rules = [r.at for r in geo.vrules if anchors[0] - 40 < r.at <= anchors[0] + 0.5]
    left_words = [w.x0 for w in body if w.x0 < cuts[0]]
    left = max(left_rules) if left_rules else min([anchors[0], *left_words]) - 1
    q_bounds: list[tuple[QuarterColumn, float, float]] = []
    for i, (col, word) in enumerate(quarters):
        x0 = cuts[-1] if i == 0 else q_bounds[-1][2]
        if i + 1 < len(quarters):
            after = quarters[i + 1][1].xc
            x1 = boundary(word.xc, after, (word.xc + after) / 2, content=False)
        else:
            x1 = boundary(word.xc, word.xc + pitch * 0.75, word.xc + pitch / 2, content=False)
        q_bounds.append((col, x0, x1))
    roles_right = q_bounds[0][1] if q_bounds else max([*(w.x1 for w in body), anchors[-1]]) + 1
    edges = [left, *cuts[: len(anchors) - 1], roles_right]
    roles = {role: (edges[i], edges[i + 1]) for i, role in enumerate(found)}
    right = q_bounds[-1][2] if q_bounds else roles_right
    extra = None
    later_rules = [
        r.at
        for r in geo.vrules
        if right + 2 < r.at < right + 3 * pitch and r.end > header_bottom + 2
    ]
    if later_rules and q_bounds:
        extra = (right, max(later_rules))
    return Columns(roles, tuple(q_bounds), extra, left, extra[1] if extra else right)


# --- Pages into the grid ------------------------------------------------------------------


@dataclass
class _State:
    columns: Columns | None = None
    text_starts: dict[int, float] = field(default_factory=dict)
    marks: str = ""  # footnote marks (superscript digits) seen in headers and cells
    line: int = 0
    span: int = 0

    def next_line(self) -> int:
        self.line += 1
        return self.line


def geometries_to_grid(
    geometries: Sequence[Geometry],
    path: str,
    spec: TableSpec,
    settings: PdfSettings = SETTINGS,
    repeated: frozenset[str] | None = None,
    first_line: int = 0,
) -> Grid:
    """Every page read against its header (or the last one seen); non-table pages noted.
    repeated: running heads found over the whole file when these pages are part of it;
    first_line: the reading-order line numbers go on from there."""
    state = _State(line=first_line)
    if repeated is None:
        repeated = repeated_margin_lines(geometries, settings)
    pages: list[GridPage] = []
    before: list[ProseLine] = []
    notes: list[GridNote] = []
    skipped_prose: list[ProseLine] = []
    after: list[ProseLine] = []
    worded = {geo.no for geo in geometries if geo.words}
    headers = _classify(geometries, spec, path, settings, repeated)
    last = max((no for no, (_, table) in headers.items() if table), default=0)
    for geo in geometries:
        if not geo.words:
            if geo.images:
                raise SourceError("no text layer (scanned?); OCR it first", file=path, page=geo.no)
            notes.append(GridNote(NoteKind.PAGE_SKIPPED, geo.no, None, "blank page skipped"))
            continue
        header, table = headers[geo.no]
        if not table:
            _check_no_rows(geo, spec, path, settings, bool(pages))
            words = len(geo.words)
            first = _text(geo.words[:8])
            notes.append(
                GridNote(
                    NoteKind.PAGE_SKIPPED,
                    geo.no,
                    None,
                    f"page {geo.no} holds no {spec.name} ({words} words of prose, beginning"
                    f" {first!r}); skipped as a table page, its text read as"
                    + (" notes after the table" if pages else " front matter"),
                )
            )
            dropped = furniture_words(geo, repeated, settings)
            notes.extend(_furniture_notes(geo, dropped))
            kept = [w for w in geo.words if not any(w in line for line in dropped)]
            if pages:
                after.extend(_prose_lines(geo, kept, state, settings))
            else:  # a cover: its lines may be the label and the title, each on its own
                skipped_prose.extend(
                    ProseLine(geo.no, state.next_line(), _text(line), _box(line))
                    for line in words_to_lines(kept, settings)
                )
            continue
        page, page_before, page_notes = geometry_to_page(
            geo, header, state, spec, path, settings, repeated, geo.no == last
        )
        if not pages:  # the title above the table, else a cover's lines; the other is noted
            before.extend(page_before or skipped_prose)
            after.extend(skipped_prose if page_before else ())
        elif page_before:  # text above a repeated header: noted with the page's prose
            page = replace(page, prose=(*page_before, *page.prose))
        pages.append(page)
        notes.extend(page_notes)
    if not pages:
        raise SourceError(
            f"no {spec.name} found: no page has the header"
            f" {' | '.join(repr(label) for label in spec.labels.values())}",
            file=path,
        )
    skipped = [n.page for n in notes if n.kind == NoteKind.PAGE_SKIPPED and n.page in worded]
    _check_no_table_after_gap(pages, skipped, path)
    return Grid(
        path, tuple(pages), tuple(before), tuple(notes), len(geometries), True, tuple(after)
    )


def _classify(
    geometries: Sequence[Geometry],
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
    repeated: frozenset[str],
) -> dict[int, tuple[Header | None, bool]]:
    """Each page's header, and whether it holds the table (a header, or rows that fit the last
    header's columns), read before any page is parsed so the table's last page is known."""
    out: dict[int, tuple[Header | None, bool]] = {}
    columns: Columns | None = None
    for geo in geometries:
        if not geo.words:
            continue
        header = geometry_to_header(geo, spec, path, settings)
        if header is not None:
            columns = header.columns
        table = header is not None or _holds_table(geo, columns, spec, settings, repeated)
        out[geo.no] = (header, table)
    return out


def _check_no_rows(
    geo: Geometry, spec: TableSpec, path: str, settings: PdfSettings, after_header: bool
) -> None:
    """A page skipped as prose must hold nothing that reads as a table row."""
    why = (
        "the page has no table header and its words do not fit the last header's columns"
        if after_header
        else "no table header (" + " | ".join(spec.labels.values()) + ") was recognised"
    )
    for line in words_to_lines(geo.words, settings):
        text = _text(line)
        if spec.row_text is not None and spec.row_text.search(text):
            raise SourceError(
                f"{why}, but {text[:50]!r} reads like part of a table row",
                file=path,
                page=geo.no,
            )


def _check_no_table_after_gap(pages: Sequence[GridPage], skipped: Sequence[int], path: str) -> None:
    """A page of words skipped between two table pages would lose the rows on it: refuse."""
    first, last = pages[0].no, pages[-1].no
    for page in skipped:
        if first < page < last:
            raise SourceError(
                f"the page lies between table pages {first} and {last} but its words"
                " cannot be placed in the table's columns",
                file=path,
                page=page,
            )


def _holds_table(
    geo: Geometry,
    columns: Columns | None,
    spec: TableSpec,
    settings: PdfSettings,
    repeated: frozenset[str],
) -> bool:
    """A page without a header continues the table when, read in the last columns, it holds a
    row opening or end, or a mark, in the right column."""
    if columns is None:
        return False
    dropped = {id(w) for line in furniture_words(geo, repeated, settings) for w in line}
    body = [w for w in geo.words if id(w) not in dropped]
    prose = _prose_words(body, columns, settings, geo.vrules)
    cells = [w for w in body if id(w) not in prose]
    if not cells:
        return False
    key = columns.roles.get(spec.key_role or "", None)
    key_lines = [
        _text(line)
        for line in words_to_lines([w for w in cells if key and key[0] <= w.xc < key[1]])
    ]
    key_text = " ".join(key_lines)
    # A row may open on any line of the page: its first lines may end the row before.
    opening = spec.opens is not None and any(
        spec.opens(" ".join(key_lines[i : i + 3])[:40]) for i in range(len(key_lines))
    )
    if key_text and (opening or (spec.closes and spec.closes(key_text))):
        return True
    quarter_x = [(x0, x1) for _, x0, x1 in columns.quarters]
    marked = any(w.text in _MARK_GLYPHS and any(a <= w.xc < b for a, b in quarter_x) for w in cells)
    shaded = any(any(a <= f.xc < b for a, b in quarter_x) for f in geo.fills)
    drawn = any(any(a <= (d[0] + d[2]) / 2 < b for a, b in quarter_x) for d in geo.diagonals)
    return marked or shaded or drawn


def _margin_lines(
    geo: Geometry, settings: PdfSettings, band: float | None = None
) -> list[list[Word]]:
    margin = max(geo.height, geo.width) * (settings.margin if band is None else band)
    words = [w for w in geo.words if w.top < margin or w.bottom > geo.height - margin]
    return words_to_lines(words, settings)


def _furniture_key(line: Sequence[Word]) -> str:
    return regex.sub(r"\d+", "#", _text(line)).casefold()


def _position_key(line: Sequence[Word], shift: int = 0) -> str:
    return f"@{round(min(w.top for w in line)) + shift}|{_furniture_key(line)}"


def repeated_margin_lines(geometries: Sequence[Geometry], settings: PdfSettings) -> frozenset[str]:
    """Margin lines printed on several pages (a running head), page numbers made alike: by
    their text near the edge, and by text and height (within 2 pt) a little further in, where
    a word processor sets a header inside a wide margin."""
    seen: dict[str, int] = {}
    placed: dict[str, set[int]] = {}
    for geo in geometries:
        for key in {_furniture_key(line) for line in _margin_lines(geo, settings)}:
            seen[key] = seen.get(key, 0) + 1
        for line in _margin_lines(geo, settings, settings.running_margin):
            for shift in range(-2, 3):
                placed.setdefault(_position_key(line, shift), set()).add(geo.no)
    least = min(3, len(geometries)) if len(geometries) > 1 else 2
    return frozenset(
        [key for key, count in seen.items() if count >= least]
        + [key for key, pages in placed.items() if len(pages) >= least]
    )


def is_running_line(line: Sequence[Word], repeated: frozenset[str]) -> bool:
    """A line printed at this height with this text on several pages."""
    return _position_key(line) in repeated


def furniture_words(
    geo: Geometry, repeated: frozenset[str], settings: PdfSettings
) -> list[list[Word]]:
    """Page numbers and running heads: margin lines that read as a page number or repeat,
    and, a little further in, lines repeated at the same height with nothing but furniture
    between them and the page's edge."""
    out = [
        line
        for line in _margin_lines(geo, settings)
        if _PAGE_NUMBER.fullmatch(_text(line)) or _furniture_key(line) in repeated
    ]
    taken = {id(w) for line in out for w in line}
    wide = _margin_lines(geo, settings, settings.running_margin)
    upper = [line for line in wide if line[0].top < geo.height / 2]
    lower = [line for line in reversed(wide) if line[0].top >= geo.height / 2]
    for lines, outside in (
        (upper, lambda w, y0, y1: w.bottom <= y0),
        (lower, lambda w, y0, y1: w.top >= y1),
    ):
        for line in lines:
            if any(id(w) in taken for w in line) or not is_running_line(line, repeated):
                continue
            y0, y1 = min(w.top for w in line), max(w.bottom for w in line)
            if all(id(w) in taken for w in geo.words if outside(w, y0, y1)):
                out.append(line)
                taken.update(id(w) for w in line)
    return out


def _prose_words(
    words: Sequence[Word],
    columns: Columns,
    settings: PdfSettings,
    vrules: Sequence[Rule] = (),
    known: dict[int, float] | None = None,
) -> set[int]:
    """Words of lines that run across column boundaries (prose, not cells), and every line
    below the first such line under the table. known: column text starts seen on earlier
    pages, updated with this page's."""
    bounds = columns.bounds()
    lines = words_to_lines(words, settings)
    starts = {**(known or {}), **_text_starts(lines, bounds)}
    if known is not None:
        known.update(starts)
    prose: set[int] = set()
    started = False
    for line in lines:
        crossing = any(
            _runs_across(seg, x0, starts.get(i), vrules, settings)
            for seg in line_to_segments(line, settings)
            for i, x0, _ in bounds[1:]
        )
        if crossing or started:
            started = True
            prose.update(id(w) for w in line)
    return prose


def _text_starts(
    lines: Sequence[Sequence[Word]], bounds: Sequence[tuple[int, float, float]]
) -> dict[int, float]:
    """Where each column's lines usually begin (the commonest left edge of a first word)."""
    firsts: dict[int, list[float]] = {}
    for line in lines:
        for index, x0, x1 in bounds:
            inside = [w for w in line if x0 <= w.xc < x1]
            if inside:
                firsts.setdefault(index, []).append(round(inside[0].x0, 1))
    out = {}
    for index, xs in firsts.items():
        common = statistics.mode(xs)
        if xs.count(common) >= 3:
            out[index] = common
    return out


def _runs_across(
    segment: Sequence[Word],
    cut: float,
    text_start: float | None,
    vrules: Sequence[Rule],
    settings: PdfSettings,
) -> bool:
    """A run of words crosses a column boundary as prose does: no rule between the words on
    either side, no wider gap there than word spacing, and the word after the boundary not
    standing where that column's lines begin."""
    if not (segment[0].x0 < cut - 1 and segment[-1].x1 > cut + 1):
        return False
    for a, b in zip(segment, segment[1:], strict=False):
        if a.xc < cut <= b.xc:
            ruled = any(
                a.x1 - 1 <= r.at <= b.x0 + 1 and r.start <= a.bottom and r.end >= a.top
                for r in vrules
            )
            aligned = text_start is not None and abs(b.x0 - text_start) <= 0.6
            return not ruled and not aligned and b.x0 - a.x1 < settings.wide_gap * b.size
    return True


def _note_mark(text: str, marks: str) -> str:
    """A footnote printed with a plain number opens with that number as a mark: glued to its
    first word ('1Figures', as a word processor's footnote area gives it), or standing before
    it when the table's header or cells carry that mark (marks: superscripts seen)."""
    match = regex.match(r"(\d{1,2})(?=\p{Lu}\p{Ll})", text) or regex.match(
        r"(\d{1,2})\s+(?=\p{Lu})", text
    )
    if not match or (
        match.end() > len(match.group(1)) and match.group(1).translate(_SUPERSCRIPT) not in marks
    ):
        return text
    return match.group(1).translate(_SUPERSCRIPT) + " " + text[match.end() :].lstrip()


def _prose_lines(
    geo: Geometry, words: Sequence[Word], state: _State, settings: PdfSettings
) -> list[ProseLine]:
    """Prose words as paragraphs: wrapped lines joined until a gap, a new footnote mark or a
    change of size."""
    out: list[ProseLine] = []
    last: list[Word] | None = None
    for line in words_to_lines(words, settings):
        text = _note_mark(words_to_text(line), state.marks)
        starts_note = bool(regex.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", text))
        size = statistics.median(w.size for w in line)
        if (
            out
            and last is not None
            and not starts_note
            and min(w.top for w in line) - max(w.bottom for w in last) < 0.8 * size
            and abs(statistics.median(w.size for w in last) - size) < 0.6
        ):
            prev = out[-1]
            out[-1] = ProseLine(
                prev.page, prev.line, join_pieces([prev.text, text]), union([prev.box, _box(line)])
            )
        else:
            out.append(ProseLine(geo.no, state.next_line(), text, _box(line)))
        last = line
    return out


def geometry_to_page(
    geo: Geometry,
    header: Header | None,
    state: _State,
    spec: TableSpec,
    path: str,
    settings: PdfSettings = SETTINGS,
    repeated: frozenset[str] = frozenset(),
    last: bool = False,
) -> tuple[GridPage, list[ProseLine], list[GridNote]]:
    """One table page: rows as bands of the key column, cells as band × column."""
    notes: list[GridNote] = []
    if header is not None:
        state.columns = header.columns
    columns = state.columns
    assert columns is not None
    header_ids = {id(w) for w in header.words} if header else set()
    if header is not None:
        _check_header_has_no_marks(geo, header, path)
    content = [w for w in geo.words if not _is_margin_line_word(w, geo, repeated, settings)]
    body_top = _body_top(geo, header, content)
    furniture_lines = [
        line
        for line in furniture_words(geo, repeated, settings)
        if not any(id(w) in header_ids for w in line)
        and not any(_inside_table_rules(geo, w) for w in line)
    ]
    furniture = [w for line in furniture_lines for w in line]
    notes.extend(_furniture_notes(geo, furniture_lines))
    furniture_ids = {id(w) for w in furniture}
    above = [
        w
        for w in geo.words
        if id(w) not in header_ids and id(w) not in furniture_ids and w.bottom <= body_top + 0.5
    ]
    body = [
        w
        for w in geo.words
        if id(w) not in header_ids and id(w) not in furniture_ids and w.bottom > body_top + 0.5
    ]
    bottom = _table_bottom(geo, columns, body_top, last)
    below = {id(w) for w in body if bottom is not None and w.top >= bottom - 0.5}
    prose_ids = below | _prose_words(
        [w for w in body if id(w) not in below], columns, settings, geo.vrules, state.text_starts
    )
    if last and bottom is None:
        prose_ids |= _trailing_lines(
            [w for w in body if id(w) not in prose_ids], columns, spec, state.text_starts, settings
        )
    after = [w for w in body if id(w) in prose_ids]
    _check_prose_is_no_row(geo, after, spec, path, settings)
    cells = [w for w in body if id(w) not in prose_ids]
    header_line = state.next_line() if header else None
    state.marks += "".join(
        c for w in geo.words if id(w) not in prose_ids for c in w.text if c in "⁰¹²³⁴⁵⁶⁷⁸⁹"
    )
    before_lines = [
        ProseLine(geo.no, state.next_line(), _text(line), _box(line))
        for line in words_to_lines(above, settings)
    ]
    table_bottom = min((w.top for w in after), default=geo.height)
    placed: set[int] = set()
    rows = _rows(geo, cells, columns, body_top, table_bottom, state, spec, path, settings, placed)
    prose = _prose_lines(geo, after, state, settings)
    lost = [w for w in cells if id(w) not in placed]
    if lost:
        raise SourceError(
            f"{len(lost)} word(s) of the table fit no cell: {_text(lost[:8])!r}",
            file=path,
            page=geo.no,
        )
    page = GridPage(
        no=geo.no,
        header_line=header_line,
        width=columns.width,
        roles={role: i for i, role in enumerate(columns.roles)},
        quarter_cols=tuple(col for col, _, _ in columns.quarters),
        rows=tuple(rows),
        prose=tuple(prose),
        box=(columns.left, body_top, columns.right, table_bottom),
        header_text=header.text if header else "",
        header_box=(columns.left, header.top, columns.right, body_top) if header else None,
    )
    return page, before_lines, notes


def _check_header_has_no_marks(geo: Geometry, header: Header, path: str) -> None:
    """A mark glyph inside the header band is a row's mark the header would swallow."""
    quarters = header.columns.quarters
    if not quarters:
        return
    x0, x1 = quarters[0][1], quarters[-1][2]
    marks = [w for w in header.words if w.text in _MARK_GLYPHS and x0 <= w.xc < x1]
    if marks:
        raise SourceError(
            f"{len(marks)} mark(s) stand inside the page header's quarter labels",
            file=path,
            page=geo.no,
        )


def _furniture_notes(geo: Geometry, lines: Sequence[Sequence[Word]]) -> list[GridNote]:
    return [
        GridNote(
            NoteKind.FURNITURE_DROPPED,
            geo.no,
            None,
            f"page furniture {_text(line)!r} on page {geo.no} left out",
        )
        for line in lines
    ]


def _trailing_lines(
    words: Sequence[Word],
    columns: Columns,
    spec: TableSpec,
    starts: dict[int, float],
    settings: PdfSettings,
) -> set[int]:
    """On the last page of a table without rules: below the last row's opening, the first line
    that does not begin where its column's lines begin (a 'Source:' line set apart) and every
    line after it are not cells."""
    bounds = columns.bounds()
    key = list(columns.roles).index(spec.key_role) if spec.key_role else 1
    quarter = {col.index for col, _, _ in columns.quarters}
    key_x = next((x0, x1) for i, x0, x1 in bounds if i == key)
    key_words = [w for w in words if key_x[0] <= w.xc < key_x[1]]
    if not key_words:
        return set()
    lines = [line for line in words_to_lines(words, settings) if line[0].top > key_words[-1].top]
    out: set[int] = set()
    for line in lines:
        for segment in line_to_segments(line, settings):
            first = segment[0]
            index = columns.index_at(first.xc)
            if index is None or index in quarter or index not in starts:
                continue
            if abs(first.x0 - starts[index]) > 1.0:
                out.update(id(w) for w in line)
        if out:
            out.update(id(w) for later in lines if later[0].top >= line[0].top for w in later)
            break
    return out


def _table_bottom(geo: Geometry, columns: Columns, body_top: float, last: bool) -> float | None:
    """Where the table ends on the page, if its rules say so: the foot of its vertical rules
    (they run to the page break under a row split over pages), or, on the table's last page,
    its lowest rule across the whole width. Words below it are not cells."""
    inside = [
        r
        for r in geo.vrules
        if columns.left - 1.5 <= r.at <= columns.right + 1.5 and r.end > body_top + 2
    ]
    if len({round(r.at) for r in inside}) >= 3:
        return max(r.end for r in inside)
    if last:
        width = columns.right - columns.left
        across = [
            r.at
            for r in geo.hrules
            if r.at > body_top + 2
            and r.start <= columns.left + 0.1 * width
            and r.end >= columns.right - 0.1 * width
        ]
        joined = _joined_rules(geo.hrules, columns, body_top)
        found = across + joined
        return max(found) if found else None
    return None


def _joined_rules(rules: Sequence[Rule], columns: Columns, body_top: float) -> list[float]:
    """Rules drawn cell by cell (a browser draws each cell's border) that together run the
    table's width."""
    by_y: dict[int, list[Rule]] = {}
    for r in rules:
        if r.at > body_top + 2:
            by_y.setdefault(round(r.at), []).append(r)
    width = columns.right - columns.left
    return [
        max(p.at for p in parts)
        for parts in by_y.values()
        if sum(p.end - p.start for p in parts) >= 0.8 * width
    ]


def _check_prose_is_no_row(
    geo: Geometry, words: Sequence[Word], spec: TableSpec, path: str, settings: PdfSettings
) -> None:
    """Text read as prose below a table must not hold a row's opening or number."""
    for line in words_to_lines(words, settings):
        text = _text(line)
        if all(w.text in _MARK_GLYPHS for w in line):
            raise SourceError(
                f"a mark {text!r} stands below the table, outside every row", file=path, page=geo.no
            )
        if spec.row_text is not None and spec.row_text.search(text):
            raise SourceError(
                f"the line {text[:60]!r} below the table reads like part of a table row, but it"
                " runs across the columns; the page's table cannot be read safely",
                file=path,
                page=geo.no,
            )


def _inside_table_rules(geo: Geometry, word: Word) -> bool:
    """A word in the margin band that still stands inside the ruled table is a cell word."""
    above = any(r.at < word.top and r.start <= word.xc <= r.end for r in geo.hrules)
    below = any(r.at > word.bottom and r.start <= word.xc <= r.end for r in geo.hrules)
    return above and below


def _is_margin_line_word(
    word: Word, geo: Geometry, repeated: frozenset[str], settings: PdfSettings
) -> bool:
    margin = max(geo.height, geo.width) * settings.margin
    return (word.top < margin or word.bottom > geo.height - margin) and any(
        word in line for line in furniture_words(geo, repeated, settings)
    )


def _body_top(geo: Geometry, header: Header | None, content: Sequence[Word] = ()) -> float:
    """Where the rows begin: under the header's last rule, or, on a page without a header,
    at the table's top rule above its first words (else just above them)."""
    if header is None:
        if not content:
            return 0.0
        first = min(content, key=lambda w: w.top)
        above = [r.at for r in geo.hrules if first.top - 3 * first.size <= r.at <= first.top + 0.5]
        return min(above) - 0.1 if above else first.top - 1
    below = [r.at for r in geo.hrules if header.bottom - 0.5 <= r.at <= header.bottom + 12]
    return min(below) if below else header.bottom + 0.5


def _rows(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    body_top: float,
    table_bottom: float,
    state: _State,
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
    placed: set[int],
) -> list[GridRow]:
    """The page's rows; the id of every word put in a cell is added to placed."""
    for word in words:
        if columns.index_at(word.xc) is None:
            raise SourceError(
                f"word {word.text!r} at x={word.xc:.0f}, y={word.yc:.0f} stands outside the"
                " table's columns",
                file=path,
                page=geo.no,
            )
    key_index = list(columns.roles).index(spec.key_role) if spec.key_role else 1
    bounds = {i: (x0, x1) for i, x0, x1 in columns.bounds()}
    key_x0, key_x1 = bounds[key_index]
    key_lines = words_to_lines([w for w in words if key_x0 <= w.xc < key_x1], settings)
    cuts, unruled = _band_cuts(
        geo, words, key_lines, (key_x0, key_x1), columns, body_top, spec, settings
    )
    edges = [body_top, *cuts, table_bottom]
    spans = _area_spans(geo, words, columns, edges, key_lines, state, path, settings)
    header_colours = {f.colour for f in geo.fills if f.yc < body_top}
    rows: list[GridRow] = []
    for b in range(len(edges) - 1):
        top, bottom = edges[b], edges[b + 1]
        band_words = [w for w in words if top <= w.yc < bottom]
        fills = _mark_fills(geo, columns, top, bottom, header_colours)
        drawn = [d for d in geo.diagonals if top <= (d[1] + d[3]) / 2 < bottom]
        _check_no_images(geo, columns, top, bottom, path)
        cells = []
        for index in range(columns.width):
            x0, x1 = bounds[index]
            in_cell = [w for w in band_words if x0 <= w.xc < x1]
            cells.append(_cell(in_cell, index, columns, (x0, top, x1, bottom), fills, drawn))
            placed.update(id(w) for w in in_cell)
        if spans:
            area_index = list(columns.roles).index(next(iter(spec.spanning)))
            cells[area_index] = spans[b]
        if all(c.empty for c in cells) and not (spans and spans[b].printed):
            continue
        others = [c for i, c in enumerate(cells) if i not in (key_index, 0)]
        if top in unruled and all(c.empty for c in others):
            # No rule and nothing beside it: one cell holding two deliverables, not two rows.
            raise SourceError(
                f"a deliverable opens at y={top:.0f} with no rule above it and no activities or"
                " marks beside it: one cell seems to hold two deliverables",
                file=path,
                page=geo.no,
            )
        row_box = (columns.left, top, columns.right, bottom)
        rows.append(GridRow(geo.no, state.next_line(), tuple(cells), not rows, row_box))
    return rows


def _mark_fills(
    geo: Geometry, columns: Columns, top: float, bottom: float, header_colours: set
) -> list[Fill]:
    """Shading in a band's quarter cells that can be a mark: not the colour the band's text
    cells are shaded with (zebra rows), nor a colour the header uses (shaded columns)."""
    band = [f for f in geo.fills if top <= f.yc < bottom]
    first_quarter = columns.quarters[0][1] if columns.quarters else columns.right
    # Zebra rows shade the row's text cells; a merged area cell's own colour says nothing.
    area_right = next(iter(columns.roles.values()))[1]
    text_cells = {f.colour for f in band if area_right <= f.xc < first_quarter}
    background = text_cells | header_colours
    return [f for f in band if f.xc >= first_quarter and f.colour not in background]


def _check_no_images(geo: Geometry, columns: Columns, top: float, bottom: float, path: str) -> None:
    """An image in the time frame may be a mark the reader cannot see: refuse, not drop."""
    if not columns.quarters:
        return
    x0, x1 = columns.quarters[0][1], columns.right
    for box in geo.images:
        xc, yc = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if x0 <= xc < x1 and top <= yc < bottom:
            raise SourceError(
                f"an image stands in the time frame at x={xc:.0f}, y={yc:.0f}; marks drawn as"
                " images are not read (give a PDF with X marks, shading or drawn lines)",
                file=path,
                page=geo.no,
            )


def _cell(
    words: Sequence[Word],
    index: int,
    columns: Columns,
    box: Box,
    fills: Sequence[Fill],
    drawn: Sequence[tuple[float, float, float, float]],
) -> Cell:
    quarter = any(col.index == index for col, _, _ in columns.quarters) or (
        columns.extra is not None and index == columns.width - 1
    )
    x0, _, x1, _ = box
    if quarter:
        evidence = []
        cell_fills = [
            f.box
            for f in fills
            if (x0 <= f.xc < x1 and f.box[2] - f.box[0] <= 1.5 * (x1 - x0))
            or min(f.box[2], x1) - max(f.box[0], x0) >= 0.6 * (x1 - x0)  # a bar over quarters
        ]
        cell_lines = [d for d in drawn if x0 <= (d[0] + d[2]) / 2 < x1]
        up = any((d[3] - d[1]) * (d[2] - d[0]) > 0 for d in cell_lines)
        down = any((d[3] - d[1]) * (d[2] - d[0]) < 0 for d in cell_lines)
        if up and down:
            evidence.append("drawn")
        if cell_fills:
            evidence.append("fill")
        texts = [_glyph(w, len(words)) for w in words]
        boxes = [w.box for w in words]
        if "drawn" in evidence:
            boxes += [
                (min(d[0], d[2]), min(d[1], d[3]), max(d[0], d[2]), max(d[1], d[3]))
                for d in cell_lines
            ]
        if "fill" in evidence:
            boxes += cell_fills
        text = " ".join(texts)
        if not text and not evidence:
            return EMPTY
        return Cell(
            text, (CellLine(text, union(boxes)),) if text else (), union(boxes), tuple(evidence)
        )
    if not words:
        return EMPTY
    lines = [CellLine(_text(line), _box(line)) for line in words_to_lines(words)]
    return Cell(join_pieces([line.text for line in lines]), tuple(lines), _box(words))


def _glyph(word: Word, count: int) -> str:
    """A dingbat font's check mark, printed as a letter, is a check when alone in its cell."""
    font = word.font.split("+")[-1].casefold()
    for name, table in _DINGBAT_CHECKS.items():
        if name in font and count == 1 and word.text in table:
            return table[word.text]
    return "X" if word.text == "\u00d7" else word.text


def _band_cuts(
    geo: Geometry,
    words: Sequence[Word],
    key_lines: Sequence[Sequence[Word]],
    key_x: tuple[float, float],
    columns: Columns,
    body_top: float,
    spec: TableSpec,
    settings: PdfSettings,
) -> tuple[list[float], set[float]]:
    """Where one row ends and the next begins: at each key-column line that opens a row (or
    follows a line that ends one), on the rule between them if there is one, else in the
    widest empty stretch."""
    texts = [_text(line) for line in key_lines]
    starts = []
    for i, line in enumerate(key_lines):
        ahead = " ".join(texts[i : i + 3])[:40]
        opens = bool(spec.opens and spec.opens(ahead) and regex.match(r"\w", texts[i]))
        after_close = i > 0 and bool(spec.closes and spec.closes(texts[i - 1]))
        ruled = i > 0 and _rule_across(geo.hrules, key_lines[i - 1][0].bottom, line[0].top, key_x)
        if i > 0 and (opens or after_close or ruled):
            starts.append(i)
        elif i == 0 and opens:
            starts.append(0)
    cuts: list[float] = []
    unruled: set[float] = set()
    non_area = [w for w in words if w.xc >= key_x[0]]
    # Rules between rows (not only under the header and below the table, as booktabs draws).
    inner_top = key_lines[0][0].bottom if key_lines else body_top
    inner_bottom = key_lines[-1][0].top if key_lines else body_top
    ruled = any(inner_top < r.at < inner_bottom and _crosses(r, key_x) for r in geo.hrules)
    for i in starts:
        top = key_lines[i][0].top
        if i > 0:
            prev_bottom = max(w.bottom for w in key_lines[i - 1])
        else:  # from the first line of the page's content, not the page's top margin
            prev_bottom = min((w.bottom for w in words), default=body_top)
        lo = body_top if i == 0 else prev_bottom
        rules = [r.at for r in geo.hrules if lo - 0.5 <= r.at <= top + 0.5 and _crosses(r, key_x)]
        if rules:
            cut = max(rules)
        elif i == 0 and ruled:  # no rule above the page's first row: nothing continues
            continue
        else:
            spans = [(w.top, w.bottom) for w in non_area]
            gap = _widest_gap(spans, prev_bottom, top)
            cut = gap if gap is not None else top - 0.5
        if i == 0 and not any(w.yc < cut for w in words):
            continue
        cuts.append(cut)
        if not rules:
            unruled.add(cut)
    if ruled and spec.keyless_rows:  # a row with an empty key cell is bounded by rules alone
        key_words = [w for line in key_lines for w in line]
        last_text = max((w.bottom for w in words), default=body_top)
        for rule in geo.hrules:
            if (
                body_top + 1 < rule.at < last_text
                and _crosses(rule, key_x)
                and not any(w.top < rule.at < w.bottom for w in key_words)
                and all(abs(rule.at - cut) > 1 for cut in cuts)
            ):
                cuts.append(rule.at)
        cuts.sort()
    return cuts, unruled


def _crosses(rule: Rule, span: tuple[float, float]) -> bool:
    x0, x1 = span
    return rule.start <= x0 + 0.5 * (x1 - x0) and rule.end >= x1 - 0.5 * (x1 - x0)


def _rule_across(rules: Sequence[Rule], lo: float, hi: float, span: tuple[float, float]) -> bool:
    return any(lo - 0.5 <= r.at <= hi + 0.5 and _crosses(r, span) for r in rules)


def _area_spans(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    edges: Sequence[float],
    key_lines: Sequence[Sequence[Word]],
    state: _State,
    path: str,
    settings: PdfSettings,
) -> list[Cell]:
    """The merged cell of the spanning column that each band lies in: fragments between the
    rules crossing that column, or, with no rules in the table, from each text block down."""
    x0, x1 = next(iter(columns.roles.values()))
    area_words = [w for w in words if x0 <= w.xc < x1]
    lines = words_to_lines(area_words, settings)
    body_top, bottom = edges[0], edges[-1]
    ruled = any(
        _crosses(r, (x0, x1)) or _crosses(r, columns.roles[list(columns.roles)[1]])
        for r in geo.hrules
        if body_top + 1 < r.at < bottom - 1
    )
    if ruled:
        cuts = sorted(
            {r.at for r in geo.hrules if body_top + 1 < r.at < bottom - 1 and _crosses(r, (x0, x1))}
        )
    else:
        cuts = []
        blocks = _blocks(lines, settings)
        band_tops = [_band_text_top(words, edges[b], edges[b + 1]) for b in range(len(edges) - 1)]
        for block in blocks:
            top = block[0][0].top
            match = [t for t in band_tops if t is not None and abs(t - top) <= settings.align]
            if not match:
                raise SourceError(
                    f"the merged cell {_text([w for line in block for w in line])!r} has no rules"
                    " and its text does not start at a row, so the rows it spans cannot be told",
                    file=path,
                    page=geo.no,
                )
            band = band_tops.index(match[0])
            if band > 0:
                cuts.append(edges[band])
    frags = [body_top, *cuts, bottom]
    cells: list[Cell] = []
    frag_cells: list[Cell] = []
    for f in range(len(frags) - 1):
        state.span += 1
        in_frag = [w for w in area_words if frags[f] <= w.yc < frags[f + 1]]
        lines_in = words_to_lines(in_frag, settings)
        text = join_pieces([_text(line) for line in lines_in])
        frag_cells.append(
            Cell(
                text,
                tuple(CellLine(_text(line), _box(line)) for line in lines_in),
                _box(in_frag) if in_frag else (x0, frags[f], x1, frags[f + 1]),
                span=state.span,
            )
        )
    used: set[int] = set()
    for b in range(len(edges) - 1):
        top, bot = edges[b], edges[b + 1]
        # Probe where the row's deliverable begins, so an empty spacer above it does not count.
        opening = [w.top for line in key_lines for w in line[:1] if top <= w.yc < bot]
        mid = min(opening) + 1 if opening else (top + min(bot, top + 12)) / 2
        f = (
            max(i for i in range(len(frags) - 1) if frags[i] <= mid + 0.01)
            if frags[0] <= mid
            else 0
        )
        frag = frag_cells[f]
        used.add(f)
        printed = any(top <= w.yc < bot for w in area_words if frags[f] <= w.yc < frags[f + 1])
        cells.append(replace(frag, printed=printed and bool(frag.text)))
    for f, frag in enumerate(frag_cells):
        if frag.text and f not in used:
            raise SourceError(
                f"the merged cell {frag.text!r} stands beside no row of the table",
                file=path,
                page=geo.no,
            )
    return cells


def _blocks(lines: Sequence[Sequence[Word]], settings: PdfSettings) -> list[list[Sequence[Word]]]:
    blocks: list[list[Sequence[Word]]] = []
    for line in lines:
        if blocks and line[0].top - blocks[-1][-1][0].bottom < 0.9 * line[0].size:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _band_text_top(words: Sequence[Word], top: float, bottom: float) -> float | None:
    inside = [w.top for w in words if top <= w.yc < bottom]
    return min(inside) if inside else None
