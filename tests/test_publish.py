"""The data package, the data dictionary, the loader, the report and the CLI's manners."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.output.package import tables_markdown
from pipeline import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pub") / "normalized"
    assert main(["run", "-q", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(folder)]) == 0
    return folder


def _frictionless(package: Path):  # type: ignore[no-untyped-def]
    from frictionless import Package

    return Package(str(package)).validate()


def test_data_package_validates_with_foreign_keys(out: Path) -> None:
    report = _frictionless(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert names == {p.stem for p in out.glob("*.csv")}
    schedule = next(r for r in package["resources"] if r["name"] == "annex_schedule")
    assert schedule["schema"]["primaryKey"] == ["deliverable_id", "year", "quarter"]
    assert schedule["schema"]["foreignKeys"][0]["reference"]["resource"] == "annex_deliverables"


def test_frictionless_catches_a_broken_foreign_key(out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in out.glob("*.csv"):
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "datapackage.json").write_bytes((out / "datapackage.json").read_bytes())
    schedule = (copy / "annex_schedule.csv").read_text(encoding="utf-8")
    (copy / "annex_schedule.csv").write_text(schedule.replace("\n2.1,", "\n99.9,", 1))
    report = _frictionless(copy / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_data_dictionary_is_up_to_date(real_tables: dict[str, pd.DataFrame]) -> None:
    written = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert written == tables_markdown(real_tables), "run: python pipeline.py docs"


def test_loader_gives_typed_frames(out: Path) -> None:
    tables = extract.load_tables(out)
    assert set(tables) == {p.stem for p in out.glob("*.parquet")}
    deliverables = tables["annex_deliverables"]
    assert str(deliverables.seq.dtype) == "Int64"
    assert str(deliverables.area_printed.dtype) == "boolean"
    assert str(deliverables.text.dtype) == "string"
    assert isinstance(tables["reconciliation"].status.dtype, pd.CategoricalDtype)
    assert isinstance(tables["discrepancies"].kind.dtype, pd.CategoricalDtype)
    assert str(tables["paragraphs"].area_no.dtype) == "Int64"
    assert tables["paragraphs"].area_no.isna().sum() == 12


def test_readme_example_answers_its_question(out: Path) -> None:
    """The README's loader example: which deliverables run past 2019."""
    tables = extract.load_tables(out)
    schedule = tables["annex_schedule"]
    late = sorted(schedule[schedule.year > 2019].deliverable_id.unique())
    assert len(late) == 17 and "2.1" in late and "9.2" not in late
    assert "extract.load_tables" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_report_shows_every_deliverable_and_finding(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    tables = extract.load_tables(out)
    for did in tables["annex_deliverables"].deliverable_id:
        assert f'id="d-{did}"' in html
    for row in tables["discrepancies"].itertuples():
        assert row.message.replace("'", "&#x27;") in html
    for row in tables["reconciliation"].query("status != 'matched'").itertuples():
        assert (row.evidence or "").replace("'", "&#x27;")[:40] in html
    for sha in tables["documents"].sha256:
        assert sha in html
    assert html.count('class="deliverable"') == len(tables["annex_deliverables"])


def test_report_is_self_contained(out: Path) -> None:
    html = (out / "report.html").read_text(encoding="utf-8")
    without_namespace = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for banned in ("http:", "https:", "<script", "src=", "href=", "url(", "@import", "<link"):
        assert banned not in without_namespace, banned


def test_quiet_prints_nothing_and_verbose_explains(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["run", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(tmp_path / "o")]
    assert main([*args, "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main([*args, "-v"]) == 0
    captured = capsys.readouterr()
    stages = [line.split(":")[0] for line in captured.err.splitlines()]
    assert stages == ["annex_i", "annex_i", "gb328", "reconcile", "validate", "write"]
    assert "report:" in captured.out and "discrepancies" in captured.out


def test_readme_mentions_every_subcommand() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from pipeline import _parser

    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for command in commands:
        assert re.search(rf"python pipeline\.py {command}\b", readme), command
