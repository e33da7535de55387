"""The library's entry points and the document registry the CLI and run() are built from."""

from __future__ import annotations

from pathlib import Path

import pytest

import extract
from extract.documents import DOCUMENTS
from extract.model_registry import FOREIGN_KEYS, MODELS, PRIMARY_KEYS
from pipeline import main

ROOT = Path(__file__).resolve().parents[1]


def test_run_and_publish_write_what_the_cli_writes(tmp_path, capsys):
    result = extract.run(extract.Inputs.from_raw_dir(ROOT / "raw"))
    assert set(result.readings) == {d.doc for d in DOCUMENTS}
    files = extract.publish(result, tmp_path / "lib")
    assert main(["run", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(tmp_path / "cli")]) == 0
    capsys.readouterr()
    written = sorted(p.name for p in (tmp_path / "lib").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert set(files) <= set(written)
    for name in written:
        assert (tmp_path / "lib" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()


def test_every_document_has_its_cli_flag(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    shown = capsys.readouterr().out
    for document in DOCUMENTS:
        assert document.flag in shown and document.default_file in shown


def test_models_and_keys_gather_every_owner_once():
    owned = [name for d in DOCUMENTS for name in d.models]
    assert len(owned) == len(set(owned))
    assert set(owned) < set(MODELS)
    for child, column, parent, key in FOREIGN_KEYS:
        assert column in MODELS[child].to_schema().columns, (child, column)
        assert key in MODELS[parent].to_schema().columns, (parent, key)
    for table, key in PRIMARY_KEYS.items():
        fields = MODELS[table].to_schema().columns
        assert set(key) <= set(fields), table
