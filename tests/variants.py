"""Re-exports of the real raw files that differ only in form, and how to compare results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import regex

from extract.model_registry import content_columns
from extract.records import Doc
from extract.runner import build_tables, read_document
from tests import readings
from tests.conftest import ROOT

ANNEX = ROOT / "raw" / "annex_i_workplan.txt"
GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"

# Columns that say what the documents contain, not where or how printed (the models say
# which): compared after any re-layout.
CONTENT = content_columns()


def build_from_text(
    tmp_path: Path, annex: str | bytes | None = None, gb328: str | bytes | None = None
) -> dict[str, pd.DataFrame]:
    """Tables from (possibly altered) texts; None keeps the real file."""
    if annex is None and gb328 is None:
        # The real files, as several modules' `original`: built once per process.
        return readings.tables(ANNEX, GB328)
    paths = []
    for name, given, real in (("annex.txt", annex, ANNEX), ("gb328.txt", gb328, GB328)):
        if given is None:
            paths.append(real)
            continue
        path = tmp_path / name
        path.write_bytes(given if isinstance(given, bytes) else given.encode("utf-8"))
        paths.append(path)
    return build_tables(paths[0], paths[1])


def read_from_text(tmp_path: Path, doc: Doc, text: str | bytes) -> dict[str, pd.DataFrame]:
    """One document's own validated tables from an altered text (nothing across documents:
    those tables are built from these, so equal tables here give equal tables there)."""
    path = tmp_path / f"{doc}.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_document(doc, path)


def content(tables: dict[str, pd.DataFrame], *, own: bool = False) -> dict[str, list[list[object]]]:
    """Every CONTENT table's content columns as rows; `own`: only the tables one document
    gives alone (read_document), where every other table is absent by design; but every
    table of a document that gave any must be there, or both sides of a comparison could
    lose it alike."""
    if own:
        from extract.documents import DOCUMENTS

        for document in DOCUMENTS:
            if any(name in tables for name in document.models):
                missing = sorted(set(document.models) - set(tables))
                assert not missing, f"{document.doc}: no {missing} in the reading"
    return {
        name: tables[name][cols].astype(object).values.tolist()
        for name, cols in CONTENT.items()
        if not own or name in tables
    }


def own_content(tables: dict[str, pd.DataFrame]) -> dict[str, list[list[object]]]:
    return content(tables, own=True)


def same_everything_but_documents(
    left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]
) -> None:
    for name in left:
        if name != "documents":
            pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def map_data_cells(text: str, change: Callable[[str], str]) -> str:
    """Apply change to every cell of every tab-separated line."""
    return "\n".join(
        "\t".join(change(c) for c in line.split("\t")) if "\t" in line else line
        for line in text.split("\n")
    )


UNICODE_SPACES = "\u00a0\u2002\u2009\u202f\u3000"


def unicode_spaces(text: str) -> str:
    """Every ASCII space becomes one of several Unicode spaces, in turn."""
    out, n = [], 0
    for char in text:
        if char == " ":
            out.append(UNICODE_SPACES[n % len(UNICODE_SPACES)])
            n += 1
        else:
            out.append(char)
    return "".join(out)


MARKUP = regex.compile(r"<[^<>]*>")


def assert_same_content(
    got: dict[str, pd.DataFrame],
    truth: dict[str, pd.DataFrame],
    tables: list[str],
    name: str,
    skip: tuple[str, ...] = ("area_printed",),
) -> None:
    """What the tables say equals the truth's, row for row; where it stands (and layout such
    as area_printed) aside."""
    for table in tables:
        columns = [c for c in CONTENT[table] if c not in skip]
        pd.testing.assert_frame_equal(
            got[table][columns].reset_index(drop=True),
            truth[table][columns].reset_index(drop=True),
            obj=f"{name}: {table}",
        )


def annex_alone(path: Path) -> dict:
    """Annex I read alone: these PDFs hold parts of the work-plan, not all five areas."""
    return read_document(Doc.ANNEX_I, path)
