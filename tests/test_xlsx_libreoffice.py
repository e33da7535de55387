"""programme.xlsx opens in LibreOffice, not only in openpyxl (which forgives what a
spreadsheet application would repair or refuse). Skipped where soffice is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from extract.output.xlsx import xlsx_bytes

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_workbook(
    real_tables: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    book = tmp_path / "programme.xlsx"
    book.write_bytes(xlsx_bytes(real_tables))
    # A profile of its own: a user's running LibreOffice or a parallel test cannot lock it.
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "programme.pdf"
    assert done.returncode == 0, done.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), done.stdout + done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
