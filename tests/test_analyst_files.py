"""Files analysts open directly: the data package's description, programme.sqlite, .xlsx."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from extract.package import datapackage
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline import main

    out = tmp_path_factory.mktemp("analyst") / "normalized"
    assert main(["run", "-q", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(out)]) == 0
    return out


def test_package_names_version_licence_and_sources(real_tables: dict[str, pd.DataFrame]) -> None:
    package = datapackage(real_tables)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert package["name"] == project["name"]
    assert package["version"] == project["version"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines()[0]
    assert [entry["title"] for entry in package["licenses"]] == [licence]
    assert project["license"]["text"] == package["licenses"][0]["name"]
    documents = real_tables["documents"]
    assert [s["sha256"] for s in package["sources"]] == sorted(
        documents.sha256, key=lambda sha: documents.set_index("sha256").doc[sha]
    )
    symbols = {s.get("symbol") for s in package["sources"]}
    assert symbols == {None, *documents.symbol.dropna()}
    for source, row in zip(
        package["sources"], documents.sort_values("doc").itertuples(), strict=True
    ):
        assert row.title in source["title"]


def test_written_package_is_json_with_the_sources(written: Path) -> None:
    package = json.loads((written / "datapackage.json").read_text(encoding="utf-8"))
    assert "GB.328/INS/5/1(Add.1)" in json.dumps(package["sources"], ensure_ascii=False)
