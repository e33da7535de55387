"""Hand-built PDFs for tests and benchmarks: numbered objects written with their
cross-reference table, so a test can damage or remove exactly one object."""

from __future__ import annotations

import zlib


def objects_to_pdf(objects: list[bytes]) -> bytes:
    """A PDF 1.4 file of `objects` (object 1 is the catalog), with its xref and trailer."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for no, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % no + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_pages_pdf(contents: list[tuple[bytes, bool]], mediabox: bytes = b"0 0 595 842") -> bytes:
    """A PDF with one page per (content stream, flate-compressed?), drawn in Helvetica as
    /F1 (object 3); page i is object 4 + 2i and its content object 5 + 2i."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, (content, compress) in enumerate(contents):
        stream = zlib.compress(content) if compress else content
        flate = b"/Filter /FlateDecode " if compress else b""
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox ["
            + mediabox
            + b"]"
            + b" /Contents %d 0 R" % (5 + 2 * i)
            + b" /Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(
            b"<< " + flate + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
    return objects_to_pdf(objects)
