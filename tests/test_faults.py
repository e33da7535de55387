"""A writer killed or signalled at each step leaves whole outputs, and the next run tidies up."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from extract.output import swap
from extract.output.write import MARKER, MARKER_TEXT, recover_leftovers
from pipeline import main
from tests.conftest import ROOT
from tests.test_cli import folder_bytes

RAW = ROOT / "raw"

# The child process: the real CLI, with swap.checkpoint replaced to SIGKILL itself or to wait
# for a signal at one step, and, for "fallback", an exchange the filesystem refuses (EINVAL).
CHILD = """
import os, signal, sys, time
from extract.output import interrupt, swap

step, action, mode, *argv = sys.argv[1:]

def checkpoint(name):
    if name != step:
        return
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    print("at", name, flush=True)
    deadline = time.monotonic() + 30
    while interrupt._pending is None and time.monotonic() < deadline:
        time.sleep(0.01)

def unsupported(a, b):
    raise swap.ExchangeUnsupported(22, "Invalid argument", str(a))

swap.checkpoint = checkpoint
if mode == "fallback":
    swap.exchange = unsupported
from pipeline import main
sys.exit(main(argv))
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Outputs of the real inputs ("old") and of an Annex I one line longer ("new"), which
    differ in documents.sha256, so a folder can be told to be the one or the other."""
    base = tmp_path_factory.mktemp("faults")
    annex = base / "annex.txt"
    annex.write_bytes((RAW / "annex_i_workplan.txt").read_bytes() + b"\n")
    for name, extra in (("old", []), ("new", ["--annex", str(annex)])):
        argv = ["run", "-q", "--raw-dir", str(RAW), "--out-dir", str(base / name), *extra]
        assert main(argv) == 0
    old, new = folder_bytes(base / "old"), folder_bytes(base / "new")
    assert old != new
    return {"old": old, "new": new, "old_dir": base / "old", "annex": annex}


def _child(out: Path, runs: dict, step: str, action: str, mode: str) -> subprocess.Popen:
    argv = ["run", "-q", "--raw-dir", str(RAW), "--out-dir", str(out), "--annex"]
    argv.append(str(runs["annex"]))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, step, action, mode, *argv],
        cwd=out.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name != "out")


# (exchange or fallback, the step the writer is killed at, what `out` holds right after the
# kill, what it holds once the next run has recovered: "old", "new" or None for no folder)
KILLS = [
    ("exchange", "staging started", "old", "old"),
    ("exchange", "staging written", "old", "old"),
    ("exchange", "swapped", "new", "new"),
    ("fallback", "staging written", "old", "old"),
    ("fallback", "between renames", None, "old"),
    ("fallback", "swapped", "new", "new"),
    ("fresh", "staging written", None, None),
    ("fresh", "swapped", "new", "new"),
]


@pytest.mark.parametrize(("mode", "step", "after_kill", "recovered"), KILLS)
def test_writer_killed_at_each_step(
    tmp_path: Path,
    runs: dict,
    mode: str,
    step: str,
    after_kill: str | None,
    recovered: str | None,
) -> None:
    out = tmp_path / "out"
    if mode != "fresh":
        shutil.copytree(runs["old_dir"], out)
    child = _child(out, runs, step, "kill", mode)
    child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL
    assert (folder_bytes(out) if out.exists() else None) == (after_kill and runs[after_kill])
    left = _leftovers(tmp_path)  # none only when killed after renaming into an absent folder
    assert bool(left) == ((mode, step) != ("fresh", "swapped"))

    note = recover_leftovers(out)
    assert (note or "").startswith("note: an earlier run was stopped while writing") == bool(left)
    assert ("restored" in (note or "")) == (after_kill is None and recovered is not None)
    assert (folder_bytes(out) if out.exists() else None) == (recovered and runs[recovered])
    assert _leftovers(tmp_path) == []
    assert recover_leftovers(out) is None


def test_next_run_prints_one_note_and_writes(
    tmp_path: Path, runs: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(runs["old_dir"], out)
    child = _child(out, runs, "between renames", "kill", "fallback")
    child.communicate(timeout=120)
    assert not out.exists()
    argv = ["run", "-q", "--raw-dir", str(RAW), "--out-dir", str(out), "--annex"]
    assert main([*argv, str(runs["annex"])]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("note: an earlier run was stopped while writing")
    assert f"restored {out.as_posix()}/ from .out.old-{child.pid}" in err[0]
    assert folder_bytes(out) == runs["new"]
    assert _leftovers(tmp_path) == []


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_folders_without_the_marker_are_never_removed(tmp_path: Path) -> None:
    pid = _dead_pid()
    foreign = tmp_path / f".out.new-{pid}"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep me", encoding="utf-8")
    unmarked_old = tmp_path / f".out.old-{pid}"
    unmarked_old.mkdir()
    (unmarked_old / "annex_schedule.csv").write_text("a\n", encoding="utf-8")
    ours = tmp_path / f".out.new-{pid + 1}"
    ours.mkdir()
    (ours / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (ours / "annex_schedule.csv").write_text("a\n", encoding="utf-8")
    if swap.alive(pid + 1):
        pytest.skip("the process id after a dead one is in use")
    note = recover_leftovers(tmp_path / "out")
    assert note is not None
    assert f"removed .out.new-{pid + 1}" in note
    assert f"left .out.new-{pid}, .out.old-{pid} alone" in note
    assert not ours.exists() and not (tmp_path / "out").exists()
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (unmarked_old / "annex_schedule.csv").exists()


def test_a_live_runs_folders_are_left_alone(tmp_path: Path) -> None:
    staging = tmp_path / f".out.new-{os.getppid()}"
    staging.mkdir()
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    assert recover_leftovers(tmp_path / "out") is None
    assert staging.exists()


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / name).touch()
    try:
        swap.exchange(tmp_path / "a", tmp_path / "b")
    except swap.ExchangeUnsupported:
        pytest.skip("this filesystem cannot exchange; write_tables falls back to two renames")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["a"]


# (signal, the step the writer waits for it at, exit status, the one line, outputs after)
SIGNALS = [
    (signal.SIGINT, "staging started", 130, "interrupted; outputs left as they were", "old"),
    (signal.SIGTERM, "staging written", 143, "interrupted; outputs left as they were", "old"),
    (signal.SIGINT, "swapped", 130, "interrupted; the new outputs were already in place", "new"),
    (
        signal.SIGTERM,
        "between renames",
        143,
        "interrupted; the new outputs were already in place",
        "new",
    ),
]


@pytest.mark.parametrize(("signum", "step", "code", "line", "outputs"), SIGNALS)
def test_signal_prints_one_line_and_leaves_whole_outputs(
    tmp_path: Path,
    runs: dict,
    signum: signal.Signals,
    step: str,
    code: int,
    line: str,
    outputs: str,
) -> None:
    out = tmp_path / "out"
    shutil.copytree(runs["old_dir"], out)
    mode = "fallback" if step == "between renames" else "exchange"
    child = _child(out, runs, step, "wait", mode)
    assert child.stdout is not None
    assert child.stdout.readline() == f"at {step}\n"
    child.send_signal(signum)
    stdout, stderr = child.communicate(timeout=120)
    assert (child.returncode, stderr) == (code, line + "\n")
    assert folder_bytes(out) == runs[outputs]
    assert _leftovers(tmp_path) == []
