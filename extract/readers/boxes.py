"""Box helpers every reader and table shares: a box as the tables print it, a union of boxes."""

from __future__ import annotations

from collections.abc import Sequence

from extract.readers.records import Box


def box_text(box: Box | None) -> str | None:
    """A box as the tables print it: 'x0,top,x1,bottom' to 0.1 pt."""
    return None if box is None else ",".join(f"{v:.1f}" for v in box)


def union(boxes: Sequence[Box | None]) -> Box | None:
    """The smallest box holding every given box; None if none is given."""
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (
        min(b[0] for b in real),
        min(b[1] for b in real),
        max(b[2] for b in real),
        max(b[3] for b in real),
    )
