"""Workbooks built to freeze the server (tests/hostile_files.py: a 10-million-character shared string in a hundred
cells, a million rows): how long each takes to be refused, and how much slower another user's page work runs
meanwhile, beside the same work on a quiet interpreter in the same run (the reference). The workbook is read in a
child process (incentive/intake/sheets.py `_run_reader`), so the page's slowdown is the competition for the
machine's cores, not for this process's interpreter lock. Exits 1 if a workbook is not refused as expected.

    .venv/bin/python bench/hostile_files.py

Measured here and not asserted in tests: a timing limit fails on a loaded CI machine (it did, at 3.2× on two
cores while another job ran), and the tests keep the refusals themselves (tests/test_hostile_files.py).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the builders of the hostile workbooks live with the tests

from hostile_files import long_shared_string, many_rows  # noqa: E402

from incentive.intake import sheets  # noqa: E402
from incentive.intake.ingest import parse_file  # noqa: E402
from incentive.store.database import Database  # noqa: E402
from incentive.store.reference import current_reference  # noqa: E402


def page_work() -> float:
    """Stands for another user's page run: pure Python work that needs the interpreter lock (seconds)."""
    start = time.perf_counter()
    total = 0
    for i in range(1_500_000):
        total += i % 7
    return time.perf_counter() - start


def while_running(action) -> tuple[float, list[float], list[float], object]:
    """(seconds `action` took in another thread, page_work's seconds quiet (before and after), during, result)."""
    quiet = [page_work() for _ in range(3)]
    result = {}
    started = time.perf_counter()
    worker = threading.Thread(target=lambda: result.setdefault("value", action()))
    worker.start()
    during = []
    while worker.is_alive():
        during.append(page_work())
    worker.join()
    took = time.perf_counter() - started
    quiet += [page_work() for _ in range(3)]
    return took, quiet, during, result["value"]


def main() -> int:
    sheets.MAX_ROWS = 100_000  # as the test sets it: the cap is met a tenth of the way in
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.duckdb")
        reference = current_reference(db)
        cases = [
            ("10-million-character shared string", "regions.xlsx", long_shared_string(), "cell_too_long"),
            ("a million rows (cap 100,000)", "training.xlsx", many_rows(1_000_000), "file_rows_over_cap"),
        ]
        print("| workbook | refused in | page work quiet (median) | during (median) | slowdown | refusal |")
        print("|---|---:|---:|---:|---:|---|")
        wrong = 0
        for label, name, data, expected in cases:
            took, quiet, during, preview = while_running(lambda n=name, d=data: parse_file(n, d, reference))
            keys = [p.key for p in preview.problems]
            wrong += keys != [expected]
            q = statistics.median(quiet)
            d = statistics.median(during) if during else q
            print(f"| {label} | {took:.1f} s | {q:.3f} s | {d:.3f} s | {d / q:.2f}× | {', '.join(keys)} |")
        db.close()
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
