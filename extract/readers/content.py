"""What a file's bytes are, before any reader looks at them: PDF or text, and their digest.
Kept apart from the PDF reader so that reading a text file never imports it."""

from __future__ import annotations

import hashlib


def is_pdf(data: bytes) -> bool:
    """Chosen by content, not by name."""
    return data[:1024].lstrip().startswith(b"%PDF")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
