"""The training page's first run with nothing cached, one tab at a time, as bench/run.py's pages_stage times it.

    PYTHONPATH=. python bench/training_cold.py DB [RUNS] [TAB] [PROFILE_OUT]

DB: a database file (a copy: the pages open it as the app does); RUNS: cold runs (default 3); TAB: the tab opened
by its address, `train.tab=<TAB>` (coverage, domains, trend, gaps, drill; `-` or none: the first); PROFILE_OUT:
a cProfile of the timed runs' script thread. Before each run every result cached on the data version is dropped,
the figures too, as after an import; the first run of the process, which imports the page's modules, is left out.
Prints one JSON line: wall and process CPU seconds of each run (CPU counts DuckDB's threads: the steadier figure
on a machine shared with other work), their medians, and the median seconds of each named query. To compare two
trees, run it with each tree's PYTHONPATH in turn, alternating (A/B/A/B) in the same hour. Not a test: nothing
asserts a time.
"""

from __future__ import annotations

import collections
import cProfile
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(db: str, runs: int, tab: str, profile_out: str | None) -> None:
    os.environ.update({"INCENTIVE_DB": db, "INCENTIVE_WARM_UP": "0"})
    sys.path.insert(0, str(ROOT))
    import streamlit as st
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import AppTest, app_test, local_script_runner

    from incentive.store import queries
    from ui import runtime, shared_charts, shared_results

    timings: list[tuple[str, float]] = []
    plain_execute = queries._execute

    def timed_execute(con, name, *args, **kwargs):
        started = time.perf_counter()
        try:
            return plain_execute(con, name, *args, **kwargs)
        finally:
            timings.append((name, time.perf_counter() - started))

    queries._execute = timed_execute
    app = str(ROOT / "app.py")
    first = AppTest.from_file(app, default_timeout=900)
    first.run()  # opens the database, as the running app has it open
    components = first._bidi_component_manager  # the installed packages scanned once, as the server does
    shared = ScriptCache()  # the scripts compiled once, as the server does (bench/run.py _share_script_cache)
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared

    profiler = cProfile.Profile() if profile_out else None
    profiling = [False]
    plain_run = script_runner.ScriptRunner._run_script

    def profiled_run(self, *args, **kwargs):
        if not profiling[0]:
            return plain_run(self, *args, **kwargs)
        profiler.enable()
        try:
            return plain_run(self, *args, **kwargs)
        finally:
            profiler.disable()

    if profiler:
        script_runner.ScriptRunner._run_script = profiled_run

    def drop_cached() -> None:
        st.cache_data.clear()
        shared_results.clear_all()
        for name in dir(runtime):  # the resources kept per data version (window cadres, receipts)
            kept = getattr(runtime, name)
            if name.startswith("_") and not name.startswith("__") and callable(kept) and hasattr(kept, "clear"):
                kept.clear()
        for figure in shared_charts._shared.values():  # after an import their frames are new
            figure.clear()

    wall, cpu, per_run = [], [], []
    for i in range(runs + 1):
        drop_cached()
        at = AppTest.from_file(app, default_timeout=900)
        at._bidi_component_manager = components
        if tab != "-":
            at.query_params["train.tab"] = tab
        at.switch_page("views/training.py")
        timings.clear()
        profiling[0] = i > 0
        started, cpu_started = time.perf_counter(), time.process_time()
        at.run()
        elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu_started
        profiling[0] = False
        if at.exception:
            raise SystemExit(str([e.value for e in at.exception]))
        if i > 0:  # the first run imported the page's modules
            wall.append(elapsed)
            cpu.append(cpu_used)
            per_run.append(list(timings))
    by_query = collections.defaultdict(list)
    for run in per_run:
        summed = collections.defaultdict(float)
        for name, seconds in run:
            summed[name] += seconds
        for name, seconds in summed.items():
            by_query[name].append(seconds)
    result = {
        "tree": str(ROOT),
        "tab": tab,
        "wall": [round(s, 3) for s in wall],
        "cpu": [round(s, 3) for s in cpu],
        "wall_median": round(statistics.median(wall), 3),
        "cpu_median": round(statistics.median(cpu), 3),
        "queries": sorted(
            ((name, round(statistics.median(s), 3)) for name, s in by_query.items()), key=lambda q: -q[1]
        )[:12],
    }
    print(json.dumps(result, ensure_ascii=False))
    if profiler:
        profiler.dump_stats(profile_out)


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    main(args[0], int(args[1]) if len(args) > 1 else 3, args[2] if len(args) > 2 else "-", (args + [None] * 4)[3])
