"""What every table's model shares (strict columns, the value forms) and the models of the
tables both documents fill: documents, footnotes and extraction notes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera import dtypes
from pandera.engines import pandas_engine
from pandera.typing import Series

from extract.programme_constants import PROGRAMME
from extract.records import Doc, NoteKind

ID = r"^\d+\.\d+$"
PERIOD = r"^\d{4}Q[1-4]$"
CONCLUSION = rf"^\d+\([{PROGRAMME.letter_class}]\)$"
BBOX = r"^-?\d+\.\d(,-?\d+\.\d){3}$"
PAGE_BOXES = r"^\d+:-?\d+\.\d(,-?\d+\.\d){3}(;\d+:-?\d+\.\d(,-?\d+\.\d){3})*$"
DOCS = [doc.value for doc in Doc]
NOTE_KINDS = [kind.value for kind in NoteKind]
AREAS = list(PROGRAMME.areas)


@pandas_engine.Engine.register_dtype
@dtypes.immutable(init=True)
class Text(pandas_engine.STRING):
    """pandera's string dtype (what `Series[Text]` means), but a column already of that dtype
    passes with one answer: pandera's own answers value by value even then, and builds and
    prints an empty failure table for every string column of every table (0.07 s a run)."""

    def check(self, pandera_dtype: Any, data_container: Any = None) -> Any:
        try:
            same = pandas_engine.Engine.dtype(pandera_dtype).type == self.type
        except TypeError:
            return False
        return True if same else super().check(pandera_dtype, data_container)


# What a column says besides what the document contains, in the field's metadata: where it
# was read (page, line, box), the text as printed (marks, raw cells), or another column
# restated (a name beside its number). A column without a role says what the document
# contains: the same for every rendering of the same document (text, any PDF).
WHERE = {"role": "where"}
AS_PRINTED = {"role": "as_printed"}
RESTATED = {"role": "restated"}


class _Table(pa.DataFrameModel):
    """Every table: no columns beyond the model's, values coerced to the model's types."""

    class Config:
        strict = True
        coerce = True


class ExtractionNotes(_Table):
    """Every repair or judgement the parsers made, for a reader to audit."""

    doc: Series[Text] = pa.Field(
        isin=DOCS, description="Document the note is about: 'annex_i' or 'gb328'."
    )
    page: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Page (Annex I, GB.328 matrix) where it applies; empty where the paper marks no pages.",
    )
    line: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Source line where it applies."
    )
    kind: Series[Text] = pa.Field(isin=NOTE_KINDS, description="What the parser did or judged.")
    deliverable_id: Series[Text] = pa.Field(
        nullable=True, str_matches=ID, description="Deliverable concerned, if any."
    )
    message: Series[Text] = pa.Field(
        str_length={"min_value": 1}, description="What was done and why, for a reader to audit."
    )


class Documents(_Table):
    """The input files: checksum of the bytes read, pages and front matter."""

    doc: Series[Text] = pa.Field(
        isin=DOCS, unique=True, description="Document key: 'annex_i' or 'gb328'."
    )
    path: Series[Text] = pa.Field(description="Input file as given to the pipeline.")
    sha256: Series[Text] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the input file's bytes."
    )
    pages: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="PDF input: every page of the file. Text input: page blocks found (Annex I); empty for GB.328, whose text marks no page breaks.",
    )
    organ: Series[Text] = pa.Field(
        nullable=True, description="Issuing organ, e.g. 'Governing Body'."
    )
    symbol: Series[Text] = pa.Field(
        nullable=True, description="Document symbol, e.g. 'GB.328/INS/5/1(Add.1)'."
    )
    session: Series[Text] = pa.Field(nullable=True, description="Session, e.g. '328th Session'.")
    place: Series[Text] = pa.Field(nullable=True, description="Place of the session.")
    dates: Series[Text] = pa.Field(nullable=True, description="Dates of the session as printed.")
    section: Series[Text] = pa.Field(
        nullable=True, description="Section of the agenda, e.g. 'Institutional Section'."
    )
    section_code: Series[Text] = pa.Field(nullable=True, description="Section code, e.g. 'INS'.")
    date: Series[Text] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        description="Date of the document, ISO 8601.",
    )
    original_language: Series[Text] = pa.Field(nullable=True, description="Original language.")
    agenda_item: Series[Text] = pa.Field(nullable=True, description="Agenda item as printed.")
    title: Series[Text] = pa.Field(nullable=True, description="Title.")
    label: Series[Text] = pa.Field(
        nullable=True, description="Label above the title, e.g. 'Addendum' or 'Annex I'."
    )
    subtitle: Series[Text] = pa.Field(nullable=True, description="Subtitle, footnote mark removed.")


class Footnotes(_Table):
    """Footnotes of both documents."""

    doc: Series[Text] = pa.Field(isin=DOCS, description="Document the footnote belongs to.")
    mark: Series[Text] = pa.Field(str_matches=r"^\d+$", description="Footnote mark as a number.")
    text: Series[Text] = pa.Field(
        str_length={"min_value": 1}, description="Footnote text, emphasis markers removed."
    )
    line: Series[int] = pa.Field(metadata=WHERE, ge=1, description="Source line of the footnote.")
    ref_line: Series[pd.Int64Dtype] = pa.Field(
        metadata=WHERE,
        nullable=True,
        ge=1,
        description="Source line where the mark is first referenced.",
    )

    class Config:
        unique = ["doc", "mark"]


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "extraction_notes": ExtractionNotes,
    "documents": Documents,
    "footnotes": Footnotes,
}
PRIMARY_KEYS: dict[str, list[str]] = {"documents": ["doc"], "footnotes": ["doc", "mark"]}
FOREIGN_KEYS: list[tuple[str, str, str, str]] = []
