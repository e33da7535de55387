"""Peak memory and time of `pipeline.py run` on large and hostile inputs (issue 24), each in a
fresh process: `python benchmarks/hostile_memory.py [--only NAME]`. By hand, never a test."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
sys.path.insert(0, str(ROOT))

from tests.minimal_pdf import objects_to_pdf  # noqa: E402


def deflated(data: bytes, times: int = 1) -> bytes:
    """`data` repeated `times`, compressed a piece at a time (a bomb never held whole here:
    the parent's memory would count in each child's peak)."""
    packer = zlib.compressobj(9)
    return b"".join([*(packer.compress(data) for _ in range(times)), packer.flush()])


def pdf(content: bytes, *, form: bytes | None = None, side: float = 842.0) -> bytes:
    """One page drawing `content`, with a form XObject /X drawing `form`; both already
    flate-compressed."""
    stream = content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 %d] /Contents 4 0 R" % side
        + b" /Resources << /Font << /F1 5 0 R >>"
        + (b" /XObject << /X 6 0 R >>" if form is not None else b"")
        + b" >> >>",
        b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if form is not None:
        packed = form
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Filter /FlateDecode"
            b" /Length %d >>\nstream\n" % len(packed) + packed + b"\nendstream"
        )
    return objects_to_pdf(objects)


def short_lines(folder: Path) -> list[str]:
    path = folder / "short.txt"
    with path.open("w", encoding="utf-8") as out:
        for i in range(5_800_000):  # 49 MB, under --max-bytes
            out.write(f"x{i}\n")
    return ["--annex", str(path)]


def lines_at_limit(folder: Path) -> list[str]:
    rows = (RAW / "annex_i_workplan.txt").read_text(encoding="utf-8").split("\n")
    path = folder / "repeated.txt"
    path.write_text("\n".join((rows[:5] + rows[5:80] * 1400)[:99_000]), encoding="utf-8")
    return ["--annex", str(path), "--max-bytes", str(200 * 2**20)]


def content_bomb(folder: Path) -> list[str]:
    path = folder / "bomb.pdf"
    path.write_bytes(pdf(deflated(b" " * 2**20, 2**10)))  # 1 GB of spaces, 1 MB compressed
    return ["--annex", str(path)]


def form_bomb(folder: Path) -> list[str]:
    path = folder / "form_bomb.pdf"
    path.write_bytes(pdf(deflated(b"/X Do\n"), form=deflated(b" " * 2**20, 2**10)))
    return ["--annex", str(path)]


def huge_page(folder: Path) -> list[str]:
    path = folder / "huge.pdf"
    path.write_bytes(pdf(deflated(b"BT /F1 12 Tf 72 72 Td (Area of action) Tj ET\n"), side=14_400))
    return ["--annex", str(path)]


def rects(count: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / f"rects_{count}.pdf"
        body = b"".join(b"%d %d 2 2 re f\n" % (i % 500, (i // 500) % 800) for i in range(count))
        path.write_bytes(pdf(deflated(body)))
        return ["--annex", str(path)]

    return make


def chars_at_limit(folder: Path) -> list[str]:
    path = folder / "chars.pdf"
    line = b"abcdefghij" * 30
    body = b"".join(
        b"BT /F1 2 Tf 10 %d Td (%s) Tj ET\n" % (800 - (i % 390) * 2, line) for i in range(1185)
    )
    path.write_bytes(pdf(deflated(body)))
    return ["--annex", str(path)]


def pages_at_share(folder: Path) -> list[str]:
    """Six pages each just under half the content limit: two processes draw them side by
    side (each page within its share of the budget), the parent holding the results."""
    line = b"abcdefghij" * 30
    body = b"".join(
        b"BT /F1 2 Tf 10 %d Td (%s) Tj ET\n" % (800 - (i % 390) * 2, line) for i in range(580)
    )
    n = 6
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    packed = deflated(body)
    for i in range(n):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R" % (5 + 2 * i)
            + b" /Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream"
        )
    path = folder / "pages_at_share.pdf"
    path.write_bytes(objects_to_pdf(objects))
    return ["--annex", str(path)]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "short_lines_50MB": short_lines,
    "text_99k_lines": lines_at_limit,
    "content_bomb_1GB": content_bomb,
    "form_bomb_1GB": form_bomb,
    "page_14400pt": huge_page,
    "rects_2M": rects(2_000_000),
    "rects_24k_at_limit": rects(24_000),
    "chars_at_limit": chars_at_limit,
    "pages_at_share_x6": pages_at_share,
}


def _tree_rss_kb(pid: int) -> int:
    """The resident memory of a process and all its descendants, in kB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(
                int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(args: list[str], out: Path) -> tuple[int, float, int, int, str]:
    """(exit code, seconds, peak RSS in MB, peak RSS of the process and its workers summed,
    sampled every 20 ms, in MB, last stderr line) of one run in a fresh process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "pipeline.py", "run", "-q", *args, "--out-dir", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    peak_tree = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak_tree[0] = max(peak_tree[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read().decode(errors="replace")
    done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    last = (err.strip().splitlines() or [""])[-1]
    return proc.returncode, took, usage.ru_maxrss // 1024, peak_tree[0] // 1024, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="run the cases whose name contains this")
    options = parser.parse_args()
    print(f"{'case':22} {'exit':>4} {'s':>7} {'peak MB':>8} {'all MB':>7}  message")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, make in CASES.items():
            if options.only and options.only not in name:
                continue
            args = make(folder)
            code, took, peak, tree, last = measure(args, folder / "out")
            print(f"{name:22} {code:>4} {took:7.1f} {peak:8d} {tree:7d}  {last[-100:]}")
            for made in folder.iterdir():
                if made.is_file():
                    made.unlink()


if __name__ == "__main__":
    main()
