"""Files analysts open directly: the data package's description, programme.sqlite, .xlsx."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest

from extract.errors import OutputError
from extract.package import datapackage
from extract.sqlite import sqlite_bytes
from schemas import FOREIGN_KEYS, PRIMARY_KEYS
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


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_sqlite_declares_types_keys_and_passes_foreign_key_check(
    written: Path, real_tables: dict[str, pd.DataFrame]
) -> None:
    with closing(_connect(written / "programme.sqlite")) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names == set(real_tables)
        for table, frame in real_tables.items():
            info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
            assert [r[1] for r in info] == list(frame.columns)
            key = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
            assert key == PRIMARY_KEYS.get(table, [])
            count = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert count == len(frame)
            declared = {(r[3], r[4]) for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}
            assert declared == {(c, k) for t, c, _, k in FOREIGN_KEYS if t == table}
        types = db.execute(
            "SELECT typeof(deliverable_id), typeof(year), typeof(period) FROM annex_schedule"
        ).fetchall()
        assert set(types) == {("text", "integer", "text")}
        flags = db.execute("SELECT DISTINCT area_printed FROM annex_deliverables").fetchall()
        assert sorted(flags) == [(0,), (1,)]


def test_sqlite_indexes_the_join_keys(written: Path) -> None:
    with closing(_connect(written / "programme.sqlite")) as db:
        for table in ("appendix_deliverables", "programme", "reconciliation"):
            plan = db.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM \"{table}\" WHERE deliverable_id = '2.1'"
            ).fetchall()
            assert "USING INDEX" in " ".join(str(r[-1]) for r in plan), table


def test_readme_sql_joins_three_tables_and_answers(
    written: Path, real_tables: dict[str, pd.DataFrame]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", readme, re.S)
    assert block is not None and block.group(1).upper().count("JOIN") == 2
    assert "datasette normalized/programme.sqlite" in readme
    with closing(_connect(written / "programme.sqlite")) as db:
        rows = db.execute(block.group(1)).fetchall()
    p = real_tables["programme"]
    expected = p[(p.annex_area_no == 2) & p.scheduled.str.contains("2020Q3", na=False)]
    assert [r[0] for r in rows] == expected.deliverable_id.tolist()
    assert [r[-1] for r in rows] == expected.appendix_text.tolist()


def test_sqlite_bytes_repeat_and_a_broken_key_is_refused(
    real_tables: dict[str, pd.DataFrame],
) -> None:
    assert sqlite_bytes(real_tables) == sqlite_bytes(real_tables)
    tables = dict(real_tables)
    activities = tables["annex_activities"].copy()
    activities.loc[0, "deliverable_id"] = "99.9"
    tables["annex_activities"] = activities
    with pytest.raises(OutputError, match="programme.sqlite: 1 foreign key.*annex_activities"):
        sqlite_bytes(tables)
