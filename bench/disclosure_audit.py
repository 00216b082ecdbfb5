"""The small-numbers audit (incentive/disclosure.py) where it works hardest: the sample prefecture after one county
sends a roster of a single cadre, so every group of that county is `<5` and the withheld cells spread across the
rank lines of every county. This is what the overview, the training page and the warning list compute right
after such a roster is accepted.

Prints the audit's time with the solver it uses (one HiGHS model kept open per component, primal simplex from
the last basis) beside the reference of the same run: a fresh scipy.optimize.linprog for every question, as the
audit asked before. Both must give the same pattern (the script exits 1 otherwise).

    .venv/bin/python bench/disclosure_audit.py [--county 云岫县] [--quarter 2026-Q3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from scipy.optimize import linprog

from incentive import disclosure
from incentive.accounts.roles import Scope
from incentive.alerts.rules import training_judged_on, year_to_date
from incentive.demo.sample import load_sample
from incentive.intake.ingest import parse_file
from incentive.store import batches, queries
from incentive.store.database import Database
from incentive.store.reference import current_reference
from incentive.training import coverage


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--county", default="云岫县")
    parser.add_argument("--quarter", default="2026-Q3")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "audit.duckdb")
        try:
            load_sample(db)
            _one_cadre_county(db, args.county)
            sizes, parts, lines = _training_table(db, args.quarter)
        finally:
            db.close()
    print(f"table: {len(sizes)} groups, {len(lines)} lines, {len(parts)} parts per group; {args.county} has 1 cadre")
    ours, ours_s = _timed(lambda: disclosure.protect(sizes, lines, 5, parts))
    reference, reference_s = _timed(lambda: _with_fresh_linprog(lambda: disclosure.protect(sizes, lines, 5, parts)))
    print(f"{'solver':<42}{'seconds':>9}{'small':>7}{'withheld':>10}{'left':>6}")
    for name, pattern, seconds in (
        ("HiGHS kept open, primal from last basis", ours, ours_s),
        ("reference: fresh linprog per question", reference, reference_s),
    ):
        print(f"{name:<42}{seconds:>9.1f}{len(pattern.small):>7}{len(pattern.withheld):>10}{len(pattern.left):>6}")
    print(f"reference ÷ ours: {reference_s / ours_s:.1f}×")
    if ours != reference:
        print("the two patterns differ", file=sys.stderr)
        return 1
    return 0


def _one_cadre_county(db: Database, county: str) -> None:
    """The latest roster snapshot again, with `county`'s cadres replaced by one."""
    roster = queries.run(db.connection, "export_roster", scope=Scope.ALL)
    latest = roster[roster["as_of"] == roster["as_of"].max()]
    kept = latest[latest["county"] != county]
    one = latest[latest["county"] == county].head(1)
    frame = pd.concat([kept, one], ignore_index=True)[
        ["cadre_id", "name", "county", "unit", "rank", "gender", "birth_year", "as_of"]
    ]
    preview = parse_file("花名册.csv", frame.to_csv(index=False).encode(), current_reference(db), kind="roster")
    if not preview.importable:
        raise SystemExit(preview.problem_texts("en"))
    batches.import_preview(db, preview, source="bench", created_by="bench")


def _training_table(db: Database, quarter: str):
    """The groups, parts and lines the warning list's training pace protects for the year to `quarter`."""
    conn = db.connection
    window = year_to_date(quarter)
    last = queries.run(conn, "training_last_date", start=window.start, end=window.end)["last_date"].iloc[0]
    cadres = coverage.cadres_in(conn, window)
    years = coverage.to_come(window, coverage.as_date(last), training_judged_on(quarter))
    groups = coverage.window_query(conn, "training_disclosure", window, cadres, to_come=years)
    return coverage.disclosure_lines(groups)


def _with_fresh_linprog(run):
    def solve(system, c, bounds=None):
        result = linprog(
            c,
            A_ub=system.a_ub,
            b_ub=system.b_ub,
            A_eq=system.a_eq if len(system.b_eq) else None,
            b_eq=system.b_eq if len(system.b_eq) else None,
            bounds=(bounds or system.bounds).pairs(),
            method="highs-ds",
        )
        return disclosure.Solution(result.status, result.fun, result.x)

    kept = disclosure._System.solve
    disclosure._System.solve = solve
    try:
        return run()
    finally:
        disclosure._System.solve = kept


def _timed(run):
    start = time.perf_counter()
    value = run()
    return value, time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
