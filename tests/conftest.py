"""Shared fixtures; `--update-goldens` is the only way golden files change."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
# pytest-xdist runs a test process per core already: each reads its PDFs in one process
# (tests/test_parallel_pages.py asks for two workers where it tests the pool).
os.environ.setdefault("ILO_GSC_POA_WORKERS", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.csv from a fresh run (check every changed row by hand)",
    )


@pytest.fixture(scope="session")
def real_tables() -> dict[str, pd.DataFrame]:
    """The tables built from the real raw/ documents, paths as the CLI shows them."""
    import os

    from extract.runner import build_tables

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        return build_tables(Path("raw/annex_i_workplan.txt"), Path("raw/gb328_ins_5_1_add1.txt"))
    finally:
        os.chdir(here)
