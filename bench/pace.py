"""The machine's pace: a fixed workload timed in a process of its own just before and just after the page figures
(`python bench/pace.py` prints it as JSON; a fresh process, since the page process's own heap slowed the same
Python by a third after its runs).

The two-core machines this benchmark runs on have changed from one day to the next and their speed from one hour
to the next (the same code's pages 30-45 % slower in one afternoon). A page figure alone cannot say whether the
app or the machine changed; this workload does not change, so two runs' figures are comparable through it: a page
1.4 times as slow on a machine whose pace is 1.4 times as long is the same page. Each part is the kind of work the
pages do: the interpreter's own (Streamlit's and the app's Python), pandas on frames of a hundred rows (scoring,
tables), and a DuckDB aggregation on both cores (the queries).
"""

from __future__ import annotations

import gc
import statistics
import time

import duckdb
import numpy as np
import pandas as pd

REPEATS = 5  # the median of five: one slow repeat (another process woke) does not move it


def pace() -> dict[str, float]:
    """Seconds for each part of the fixed workload (median of REPEATS): python, pandas, duckdb."""
    return {
        "python": _median(_python),
        "pandas": _median(_pandas),
        "duckdb": _median(_duckdb),
    }


def _median(work) -> float:
    """With the collector off: when its passes come depends on what the process holds, not on the machine."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(REPEATS):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
    finally:
        gc.enable()
    return statistics.median(times)


def _python() -> None:
    """Dictionaries, strings and calls, as a script run's own bookkeeping."""
    rows = [{"unit": f"县{i % 100}", "value": i * 0.5, "rank": i % 37} for i in range(240_000)]
    by_unit: dict[str, float] = {}
    for row in rows:
        by_unit[row["unit"]] = by_unit.get(row["unit"], 0.0) + row["value"]
    sorted(by_unit.items(), key=lambda item: (-item[1], item[0]))
    "".join(f"<td>{row['unit']}</td><td>{row['rank']}</td>" for row in rows)


def _pandas() -> None:
    """Small frames, many operations: a ranking's kind of work, where pandas' per-call cost is the time."""
    rng = np.random.default_rng(20261205)
    long = pd.DataFrame(
        {
            "unit": np.repeat([f"县{i:03d}" for i in range(100)], 12),
            "indicator": np.tile([f"I{j:02d}" for j in range(12)], 100),
            "value": rng.normal(size=1200),
        }
    )
    for _ in range(60):
        wide = long.pivot(index="unit", columns="indicator", values="value")
        scores = (wide - wide.mean()) / wide.std(ddof=0)
        composite = scores.mean(axis=1).rank(ascending=False, method="min")
        long.groupby("indicator")["value"].agg(["mean", "std", "count"])
        composite.sort_values().reset_index()


def _duckdb() -> None:
    """A grouped aggregation over five million generated rows on the machine's cores."""
    with duckdb.connect() as con:
        con.execute(
            "SELECT i % 200000 AS cadre, sum(i % 97) AS hours, count(*) AS n FROM range(5000000) r(i) GROUP BY cadre"
        ).fetchall()


def render(before: dict[str, float], after: dict[str, float]) -> str:
    """`python 0.21 / 0.22 s, pandas …`: each part before and after the page figures."""
    return ", ".join(f"{part} {before[part]:.2f} / {after[part]:.2f} s" for part in before)


if __name__ == "__main__":
    import json

    print(json.dumps(pace()))
