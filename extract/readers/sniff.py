"""What a file's bytes are before any reader looks at them: a PDF (chosen by content, not by
name), and what a file that is not the expected text looks like, said so a person knows what
to give instead: a Word or Excel file, an image, UTF-16 or Latin-1 text, an empty file. Kept
apart from the PDF reader, so that reading a text file never imports it."""

from __future__ import annotations

import hashlib
import io
import zipfile


def is_pdf(data: bytes) -> bool:
    """Chosen by content, not by name."""
    return data[:1024].lstrip().startswith(b"%PDF")


def sha256(data: bytes) -> str:
    """The digest the documents table records for the bytes read."""
    return hashlib.sha256(data).hexdigest()


_ADVICE = "give the PDF or the text export (UTF-8)"

_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .xls before 2007


def not_text(data: bytes) -> str | None:
    """Why these bytes are no text export, in words; None if they may be one."""
    if not data.strip():
        return "the file is empty" if not data else "the file holds only white space"
    for magic, name in _IMAGES.items():
        if data.startswith(magic):
            return f"this is {name}, not text (a scan needs OCR first); {_ADVICE}"
    if data.startswith(_OLE):
        return f"this is an old Word or Excel file (.doc/.xls), not the text export; {_ADVICE}"
    if data.startswith(b"PK\x03\x04"):
        return f"this is {_zip_kind(data)}, not the text export; {_ADVICE}"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data[:_UTF16_PROBE]):
        return "this is UTF-16 text; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8) and give that"
    return None


_UTF16_PROBE = 200  # bytes looked at: a few lines of text
_UTF16_NULS = 10  # NULs in the probe that say "not one-byte text"
_UTF16_SAME_PARITY = 0.9  # share of those NULs on one parity: every other byte, as UTF-16's


def _utf16_without_bom(probe: bytes) -> bool:
    """UTF-16 of mostly ASCII text has a NUL in every other byte; a UTF-8 file that merely
    holds a run of NULs (a damaged file) has them side by side, on both parities."""
    nuls = [i for i, b in enumerate(probe) if b == 0]
    if len(nuls) <= _UTF16_NULS:
        return False
    even = sum(1 for i in nuls if i % 2 == 0)
    return max(even, len(nuls) - even) >= _UTF16_SAME_PARITY * len(nuls)


def _zip_kind(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return "a zip archive"
    if any(n.startswith("word/") for n in names):
        return "a Word document (.docx, a zip)"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx, a zip)"
    if "content.xml" in names:
        return "an OpenDocument file (.odt/.ods, a zip)"
    return "a zip archive"


def not_utf8(data: bytes, start: int) -> str:
    """The advice for bytes that are not UTF-8 (from `start` on): Latin-1/Windows-1252 text
    or something else."""
    del start  # the whole file decides: one byte could be anything
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return f"this is no text export; {_ADVICE}"
    return (
        "it reads as Latin-1/Windows-1252: save it as UTF-8 (e.g. iconv -f WINDOWS-1252"
        " -t UTF-8) and give that"
    )
