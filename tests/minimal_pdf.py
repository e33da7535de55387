"""Hand-built PDFs for tests and benchmarks: numbered objects written with their
cross-reference table, so a test can damage or remove exactly one object."""

from __future__ import annotations


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
