"""The benchmark: a synthetic province (or prefecture) imported into a fresh database, every page timed.

    python bench/run.py                     # province, then prefecture
    python bench/run.py --scale prefecture  # one scale
    python bench/run.py --runs 7            # more runs per figure (default 5)
    python bench/run.py --storage file      # the DuckDB file only (default: also DuckLake, when PostgreSQL is here)
    python bench/run.py --no-browser        # without the running app in Chromium and the many viewers
    python bench/run.py --browser-only      # those again, over the databases of the last run

Prints the figures and writes them to docs/performance.md (results per scale are kept in bench/results/, so a
run of one scale keeps the other's table). Not a test: nothing here asserts a time. The generated files and
databases live in bench/.data/ (git-ignored, about 1.5 GB at province scale) and are reused when present.

Each stage runs in its own Python process, so the page figures and the memory peak are those of a process that
does what the app process does (open the database, run pages), not of the importer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "performance.md"
sys.path.insert(0, str(ROOT))

import pace  # noqa: E402 - bench/ is the script's folder
from spread import spread  # noqa: E402 - the same folder

SCALES = ("province", "prefecture")
# What a user changes on each page for the warm figure: (kind of control, key). Each interaction picks a value
# not yet shown, so the changed part is really computed (only what did not change is served from the cache). The
# controls are those of the page as it opens: a control in a further tab (ui/section_tabs.py: the training's slice,
# drill-down county and domain measure, the care page's county and indicator) is not drawn until its tab is opened.
INTERACTIONS = {
    "views/overview.py": [("selectbox", "year")],  # the county is greyed out there (it filters nothing)
    "views/rankings.py": [("selectbox", "rank_method"), ("selectbox", "rank_period"), ("selectbox", "county")],
    "views/training.py": [("selectbox", "county"), ("selectbox", "year")],
    "views/welfare.py": [("selectbox", "county"), ("selectbox", "welfare_period")],
    "views/movements.py": [("selectbox", "year")],
    "views/appraisals.py": [("selectbox", "year")],
}
PAGES = list(INTERACTIONS)  # the pages timed, in the report's order
PAGE_PATHS = {page: "" if page == "views/overview.py" else Path(page).stem for page in PAGES}  # their addresses
GOALS = {
    "cold": 1.5,
    "warm": 0.3,
    "rss_mb": 1536,
    "import_ratio": 1.5,
    "browser_page": 2.5,
    "browser_control": 1.0,
    "viewers_p95": 3.0,
}
BULK_ENV = {"INCENTIVE_MAX_FILE_MB": "4000", "INCENTIVE_MAX_ROWS": "30000000"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, help="one scale (default: both)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page figure (at least 5)")
    parser.add_argument(
        "--storage",
        choices=("file", "ducklake", "both"),
        default="both",
        help="backends to measure (DuckLake on a private PostgreSQL server; default both)",
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="skip the running app in Chromium and the many viewers (bench/browser.py)",
    )
    parser.add_argument(
        "--browser-only",
        action="store_true",
        help="measure only the browser figures again, over the database of the last DuckDB-file run",
    )
    parser.add_argument("--stage", choices=("import", "pages", "browser"), help=argparse.SUPPRESS)  # child processes
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "import":
        print(json.dumps(import_stage(args.db, args.files)))
        return 0
    if args.stage == "pages":
        print(json.dumps(pages_stage(args.db, max(args.runs, 5))))
        return 0
    if args.stage == "browser":
        from browser import browser_stage

        print(json.dumps(browser_stage(args.db, PAGE_PATHS, INTERACTIONS, max(args.runs, 5))))
        return 0
    if args.browser_only:
        for scale in [args.scale] if args.scale else SCALES:
            result = refresh_browser(scale, max(args.runs, 5))
            (RESULTS / f"{_result_name(scale, 'file')}.json").write_text(
                json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            print(render_scale(result))
        REPORT.write_text(render_report(), encoding="utf-8")
        return 0
    backends = ["file", "ducklake"] if args.storage == "both" else [args.storage]
    server = _postgres() if "ducklake" in backends else None
    if server is None and "ducklake" in backends:
        print("PostgreSQL server binaries not found (bash scripts/install-postgresql.sh): DuckLake skipped")
        backends.remove("ducklake")
    try:
        for scale in [args.scale] if args.scale else SCALES:
            for backend in backends:
                result = run_scale(
                    scale, max(args.runs, 5), server if backend == "ducklake" else None, browser=not args.no_browser
                )
                RESULTS.mkdir(parents=True, exist_ok=True)
                (RESULTS / f"{_result_name(scale, backend)}.json").write_text(
                    json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
                )
                print(render_scale(result))
    finally:
        if server is not None:
            server.stop()
    REPORT.write_text(render_report(), encoding="utf-8")
    print(f"\nwritten to {REPORT.relative_to(ROOT)}")
    return 0


# ---------------------------------------------------------------- orchestration


def run_scale(scale: str, runs: int, postgres=None, *, browser: bool = True) -> dict:
    """One scale on one backend: the DuckDB file, or (with a PostgreSQL server) a new DuckLake; with `browser`
    (and Chromium installed) also the running app in Chromium and many viewers at once (bench/browser.py)."""
    files = DATA / scale
    if not (files / ".complete").exists():
        print(f"[{scale}] generating the synthetic files …", flush=True)
        started = time.perf_counter()
        _child([sys.executable, "-m", "incentive", "synth", "--scale", scale, "--out", str(files)])
        (files / ".complete").write_text(f"{time.perf_counter() - started:.1f}", encoding="utf-8")
    db = DATA / f"{scale}.duckdb"
    if postgres is None:
        for old in (db, db.with_suffix(".duckdb.wal")):
            old.unlink(missing_ok=True)
    env = {}
    if postgres is not None:
        data_path, copies = DATA / f"{scale}-lake", DATA / f"{scale}-lake-copies"
        for old in (data_path, copies):  # the copies kept of earlier runs' lakes too (250 MB each)
            shutil.rmtree(old, ignore_errors=True)
        env = {
            "INCENTIVE_STORAGE": f"ducklake:postgres:{postgres.new_database()}",
            "INCENTIVE_DATA_PATH": str(data_path),
            "INCENTIVE_LAKE_COPY_DIR": str(copies),
        }
    backend = "ducklake" if postgres is not None else "file"
    print(f"[{scale}, {backend}] importing into a fresh database …", flush=True)
    imported = json.loads(
        _child([sys.executable, __file__, "--stage", "import", "--db", str(db), "--files", str(files)], env)
    )
    print(f"[{scale}, {backend}] timing every page ({runs} runs each) …", flush=True)
    pace_before = json.loads(_child([sys.executable, pace.__file__]))  # the machine's pace beside the figures
    pages = json.loads(
        _child([sys.executable, __file__, "--stage", "pages", "--db", str(db), "--runs", str(runs)], env)
    )
    pace_after = json.loads(_child([sys.executable, pace.__file__]))
    # other work on the cores slows every figure alike: said beside them (the ratios in a run still hold); read
    # before the browser stage, whose 20 viewers would make it their own load
    load = os.getloadavg()[0]
    in_browser = browser_figures(scale, backend, db, runs, env) if browser else None
    stored = Path(env["INCENTIVE_DATA_PATH"]) if env else db
    size = sum(f.stat().st_size for f in stored.rglob("*") if f.is_file()) if stored.is_dir() else stored.stat().st_size
    return {
        "scale": scale,
        "backend": backend,
        "when": dt.datetime.now().isoformat(timespec="minutes"),
        "code": code_version(),
        "load": load,
        "machine": machine(),
        "synth_seconds": float((files / ".complete").read_text()),
        "database_mb": size / 2**20,
        "import": imported,
        "pages": pages,
        "pace": {"before": pace_before, "after": pace_after},
        "browser": in_browser,
    }


def browser_figures(scale: str, backend: str, db: Path, runs: int, env: dict) -> dict | None:
    """bench/browser.py's figures of the app over `db`, in a child process; None without Chromium: the browser the
    app prints briefings with (CHROMIUM, else the first on the PATH), as bench/browser.py launches it.
    scripts/install-chromium.sh installs chromium-headless-shell; looking for /usr/bin/chromium alone skipped every
    browser figure on such a machine. (Imported here: the import stage's child measures its memory.)"""
    from incentive.sharing.briefing import chromium_path

    if chromium_path() is None:
        print("Chromium not found (bash scripts/install-chromium.sh): the browser figures are skipped")
        return None
    print(f"[{scale}, {backend}] the running app in Chromium, then many viewers at once …", flush=True)
    return json.loads(
        _child([sys.executable, __file__, "--stage", "browser", "--db", str(db), "--runs", str(runs)], env)
    )


def refresh_browser(scale: str, runs: int) -> dict:
    """The browser figures of the last DuckDB-file run of `scale` measured again over its database, which stays
    in bench/.data/ (DuckLake's catalog does not outlive its run); the import and page figures are kept."""
    path = RESULTS / f"{_result_name(scale, 'file')}.json"
    db = DATA / f"{scale}.duckdb"
    if not path.exists() or not db.exists():
        raise SystemExit(f"no earlier run of {scale} to add browser figures to: python bench/run.py --scale {scale}")
    result = json.loads(path.read_text(encoding="utf-8"))
    result["browser"] = browser_figures(scale, "file", db, runs, {})
    result["browser_when"] = dt.datetime.now().isoformat(timespec="minutes")
    return result


def _result_name(scale: str, backend: str) -> str:
    return scale if backend == "file" else f"{scale}-{backend}"


def _postgres():
    """A private PostgreSQL server for the DuckLake runs (the tests' helper), or None without its binaries."""
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_server import PostgresServer, binaries

    found = binaries()
    if found is None:
        return None
    server = PostgresServer(found)
    server.start()
    return server


def _child(command: list[str], extra_env: dict | None = None) -> str:
    env = {**os.environ, **BULK_ENV, "PYTHONPATH": str(ROOT), **(extra_env or {})}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return done.stdout


def machine() -> dict:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    memory = (
        next(
            (
                int(line.split()[1]) / 2**20
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ),
            0.0,
        )
        if Path("/proc/meminfo").exists()
        else 0.0
    )
    import duckdb
    import pandas
    import streamlit

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
    }


# ---------------------------------------------------------------- import stage (child process)


def import_stage(db_path: Path, files: Path) -> dict:
    import duckdb
    import python_calamine

    from incentive.config import database_location
    from incentive.intake.bulk_csv import parse_path
    from incentive.store import batches
    from incentive.store.database import Database
    from incentive.store.reference import current_reference

    db = Database(database_location(db_path if not os.environ.get("INCENTIVE_STORAGE") else None))
    out = []
    for path in sorted(p for p in files.iterdir() if p.name[:2].isdigit()):
        started = time.perf_counter()
        read_at: list[float] = []  # when a large file's records are read, before its checks (the bulk path says it)
        preview = parse_path(path, current_reference(db), checking=lambda _, at=read_at: at.append(time.perf_counter()))
        parsed = time.perf_counter()
        if not preview.importable:
            raise SystemExit(f"{path.name}: {preview.problem_texts('en')[:3]}")
        batches.import_preview(db, preview, source="cli", created_by="bench")
        done = time.perf_counter()
        out.append(
            {
                "file": path.name,
                "kind": preview.kind,
                "rows": preview.row_count,  # not len(preview.rows): that reads a staged file into memory
                "mb": path.stat().st_size / 2**20,
                "parse_s": parsed - started,
                "read_s": read_at[0] - started if read_at else None,
                "store_s": done - parsed,
                "total_s": done - started,
            }
        )
    db.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the reference's own DuckDB runs
    training = max((f for f in out if f["kind"] == "training"), key=lambda f: f["rows"])
    baseline = db_path.with_name("read_csv_baseline.duckdb")
    baseline.unlink(missing_ok=True)
    source = _utf8_copy(files / training["file"], db_path.with_name("read_csv_baseline.csv"))
    with duckdb.connect(str(baseline)) as con:
        started = time.perf_counter()
        con.execute("CREATE TABLE training AS SELECT * FROM read_csv($path)", {"path": str(source)})
        read_csv_s = time.perf_counter() - started
    baseline.unlink()
    if source != files / training["file"]:
        source.unlink()
    workbook = max((f for f in out if f["file"].endswith(".xlsx")), key=lambda f: f["rows"])
    started = time.perf_counter()
    python_calamine.CalamineWorkbook.from_path(str(files / workbook["file"])).get_sheet_by_index(0).to_python()
    calamine_s = time.perf_counter() - started
    return {
        "files": out,
        "training_file": training["file"],
        "duckdb_read_csv_s": read_csv_s,
        "workbook_file": workbook["file"],
        "calamine_read_s": calamine_s,
        "rss_mb": rss_mb,
    }


def _utf8_copy(path: Path, target: Path) -> Path:
    """DuckDB reads UTF-8 only (its encodings extension needs the network): a GBK file is given to it converted,
    outside the timing; our importer's figure includes its own decoding."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return path
    except UnicodeDecodeError:
        target.write_bytes(data.decode("gb18030").encode("utf-8"))
        return target


# ---------------------------------------------------------------- pages stage (child process)


def pages_stage(db_path: Path, runs: int) -> dict:
    os.environ["INCENTIVE_DB"] = str(db_path)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from incentive.store import queries
    from ui import runtime, shared_results

    query_seconds: list[float] = []
    plain_execute = queries._execute  # both queries.run and queries.arrow go through it

    def timed_execute(*args, **kwargs):
        started = time.perf_counter()
        try:
            return plain_execute(*args, **kwargs)
        finally:
            query_seconds.append(time.perf_counter() - started)

    queries._execute = timed_execute
    universe = _universe()
    app = str(ROOT / "app.py")
    lake_copy_s = None
    if os.environ.get("INCENTIVE_STORAGE"):  # the server's first read copies the lake's snapshot: timed alone
        started = time.perf_counter()
        runtime.database().connection.refresh()
        lake_copy_s = time.perf_counter() - started
    warm_up = AppTest.from_file(app, default_timeout=600)
    warm_up.run()  # opens the database once, as the running app has it open
    # A new AppTest session scans every installed package for custom components on its first run (0.47 s), where
    # the server scans once when it starts: the sessions below share the warm-up's registry, so a cold page is the
    # page's own work (AppTest has no public way to pass it; streamlit/testing/v1/app_test.py `_run`).
    components = warm_up._bidi_component_manager
    _share_script_cache()
    out = {}
    for page in PAGES:
        cold, cold_queries, warm, warm_queries = [], [], [], []
        for _ in range(runs):
            st.cache_data.clear()  # as after an import: the data version changed, no result is cached
            shared_results.clear_all()
            runtime._window_cadres.clear()  # the cached resources keyed on the data version
            runtime._receipts.clear()
            at = AppTest.from_file(app, default_timeout=600)
            at._bidi_component_manager = components
            at.switch_page(page)
            query_seconds.clear()
            cold.append(_timed(at.run))
            cold_queries.append(sum(query_seconds))
            _fail_on_exception(at, page)
        used: dict[str, set] = {}
        for i in range(runs):
            kind, key = INTERACTIONS[page][i % len(INTERACTIONS[page])]
            widget = getattr(at, kind)(key=key)
            value = _next_value(widget, used.setdefault(key, {widget.value}), universe)
            if value is None:
                continue
            widget.set_value(value)
            query_seconds.clear()
            warm.append(_timed(at.run))
            warm_queries.append(sum(query_seconds))
            _fail_on_exception(at, page)
        out[page] = {
            "cold": spread(cold),
            "warm": spread(warm),
            "cold_query_s": statistics.median(cold_queries),
            "warm_query_s": statistics.median(warm_queries) if warm_queries else None,
            "interactions": [k for _, k in INTERACTIONS[page]],
        }
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["lake_copy_s"] = lake_copy_s
    if lake_copy_s is not None:
        out["lake_copy_kept"] = runtime.database().connection.kept
    return out


def _share_script_cache() -> None:
    """The server compiles each script once per process (one ScriptCache in its Runtime, streamlit/runtime/
    runtime.py); AppTest makes a new one on every run (app_test.py `_run`, local_script_runner.py), so each of its
    runs would parse, rewrite (magic) and compile app.py and the page again: 0.1-0.2 s for the longer pages that
    no visitor of the running app waits for. The runs below share one, as the server's sessions do."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _fail_on_exception(at, page: str) -> None:
    if at.exception:
        raise SystemExit(f"{page}: {[e.value for e in at.exception]}")


def _universe() -> list:
    """Every value a page control can take (counties, periods, years, methods, indicators, slices): an
    interaction picks the first one its control offers and has not shown yet."""
    from incentive.config import database_location
    from incentive.race import scoring
    from incentive.store.database import Database

    db = Database(database_location())
    counties = [c for (c,) in db.fetch_all("SELECT DISTINCT county FROM current_regions ORDER BY 1")]
    periods = [p for (p,) in db.fetch_all("SELECT DISTINCT period FROM current_values ORDER BY 1 DESC")]
    codes = [c for (c,) in db.fetch_all("SELECT DISTINCT code FROM current_indicators ORDER BY 1")]
    db.close()
    years = sorted({int(p[:4]) for p in periods}, reverse=True)
    return [
        *scoring.METHODS,
        "unit",
        "rank",
        "age",
        "gender",
        "reach",
        "hours_per_cadre",
        *periods,
        *years,
        *codes,
        *counties,
    ]


def _next_value(widget, used: set, universe: list):
    from streamlit.testing.v1.element_tree import _format_value_for_widget

    offered = set(widget.options)  # formatted labels
    for value in universe:
        if value in used:
            continue
        try:
            label = str(_format_value_for_widget(widget.format_func, value))
        except (KeyError, ValueError, TypeError):  # a value of another control (a year offered to the method box)
            continue
        if label in offered:
            used.add(value)
            return value
    return None


# ---------------------------------------------------------------- the report


def render_scale(result: dict) -> str:
    imp = result["import"]
    training = next(f for f in imp["files"] if f["file"] == imp["training_file"])
    workbook = next(f for f in imp["files"] if f["file"] == imp["workbook_file"])
    backend = "DuckLake (PostgreSQL catalog, Parquet files)" if result.get("backend") == "ducklake" else "DuckDB file"
    lines = [
        f"### {result['scale'].capitalize()} scale, {backend} ({result['when']}"
        + (f", code {result['code']})" if result.get("code") else ")"),
        "",
        f"Stored after import: {result['database_mb']:.0f} MB; synthetic files generated in "
        f"{result['synth_seconds']:.0f} s."
        + (
            f" Load average after the page figures: {result['load']:.1f} on {result['machine']['cores']} cores."
            if "load" in result
            else ""
        )
        + (f" {result['note']}" if result.get("note") else ""),
        *_pace_lines(result),
        "",
        "| import | rows | MB | ours (s) | reference (s) | ratio | goal |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| training CSV `{training['file']}` | {training['rows']:,} | {training['mb']:.0f} | "
        f"{training['total_s']:.1f} | DuckDB `read_csv` {imp['duckdb_read_csv_s']:.1f} | "
        f"{training['total_s'] / imp['duckdb_read_csv_s']:.2f}× | ≤ {GOALS['import_ratio']}× |",
        *_floor_row(imp, training),
        f"| workbook `{workbook['file']}` | {workbook['rows']:,} | {workbook['mb']:.1f} | "
        f"{workbook['total_s']:.1f} | python-calamine read {imp['calamine_read_s']:.1f} | "
        f"{workbook['total_s'] / imp['calamine_read_s']:.2f}× | |",
        f"| all {len(imp['files'])} files | {sum(f['rows'] for f in imp['files']):,} | "
        f"{sum(f['mb'] for f in imp['files']):.0f} | {sum(f['total_s'] for f in imp['files']):.1f} | | | |",
        *_import_steps(imp, training),
        "",
        "| page | cold median | cold p95 | warm median | warm p95 | page ÷ its queries (cold) | changed |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for page in [page for page in PAGES if page in result["pages"]]:  # a result older than a page lacks it
        p = result["pages"][page]
        warm = p["warm"] or {"median": float("nan"), "p95": float("nan")}
        ratio = p["cold"]["median"] / p["cold_query_s"] if p["cold_query_s"] else float("nan")
        lines.append(
            f"| {Path(page).stem} | {p['cold']['median']:.2f} s | {p['cold']['p95']:.2f} s | "
            f"{warm['median']:.2f} s | {warm['p95']:.2f} s | {ratio:.1f} | {', '.join(p['interactions'])} |"
        )
    lines += [
        "",
        f"Peak resident memory of the page process: {result['pages']['rss_mb']:.0f} MB "
        f"(goal ≤ {GOALS['rss_mb']} MB); of the import process: {imp['rss_mb']:.0f} MB.",
        "",
    ]
    if result["pages"].get("lake_copy_s") is not None:
        made = (
            f"The pages read the app's local copy of the lake's newest snapshot (incentive/store/lake_copy.py): made "
            f"before the page figures in {result['pages']['lake_copy_s']:.1f} s (every table of the lake, with "
            "DuckLake's row ids, into a DuckDB file of the process)."
        )
        if result["pages"].get("lake_copy_kept"):
            started = (
                " The copy is kept across restarts: the servers of the browser figures below start on the copy the "
                "page process kept, as a server started again does (it checks that the lake still has the "
                "snapshot the copy holds and follows the changes since: none here). A server's first start ever "
                "makes it in the background, reading the lake meanwhile. After a change the copy adds the rows "
                "added and reads again those deleted or updated."
            )
        else:
            started = (
                " The server makes it in the background as it starts, reading the lake meanwhile (the browser "
                "figures below include that), and after a change adds the rows added and reads again those "
                "deleted or updated."
            )
        lines[-1:-1] = [made + started, ""]
    if result.get("browser"):
        lines += render_browser(result["browser"], result.get("browser_when"))
    return "\n".join(lines)


def _pace_lines(result: dict) -> list[str]:
    """The machine's pace just before and after the page figures (bench/pace.py), when the run measured it (since
    2026-12-05)."""
    measured = result.get("pace")
    if not measured:
        return []
    return [
        "",
        "Machine pace (`bench/pace.py`, a fixed workload, seconds just before / after the page figures; compare runs "
        f"through it): {pace.render(measured['before'], measured['after'])}.",
    ]


def _import_steps(imp: dict, training: dict) -> list[str]:
    """Where the training CSV's time goes (results since 2026-12-07): the file read as text into DuckDB, the
    checks with the staged copy of the rows the preview shows, and the rows written into the database."""
    if training.get("read_s") is None:
        return []
    checks = training["parse_s"] - training["read_s"]
    return [
        "",
        f"The training CSV's {training['total_s']:.1f} s: reading it as text into DuckDB {training['read_s']:.1f} s, "
        f"the checks and the staged copy of its rows that the preview shows {checks:.1f} s, writing the rows into "
        f"the database {training['store_s']:.1f} s; DuckDB's `read_csv` reads and writes once in "
        f"{imp['duckdb_read_csv_s']:.1f} s.",
    ]


def _floor_row(imp: dict, training: dict) -> list[str]:
    """The training CSV against the least our tables took while a monthly rollup was stored beside the records
    (until 2026-12-06): DuckDB's read_csv and the rollup's GROUP BY into a second table, no check. Results of
    later runs have no such row: storing the records is the read_csv reference itself."""
    if "duckdb_rollup_s" not in imp:
        return []
    floor = imp["duckdb_read_csv_s"] + imp["duckdb_rollup_s"]
    return [
        f"| the same, against what storing it takes without a check | | | {training['total_s']:.1f} | "
        f"`read_csv` {imp['duckdb_read_csv_s']:.1f} + its monthly rollup as a table {imp['duckdb_rollup_s']:.1f} "
        f"= {floor:.1f} ({floor / imp['duckdb_read_csv_s']:.2f}× `read_csv`) | {training['total_s'] / floor:.2f}× | |"
    ]


def render_browser(figures: dict, when: str | None = None) -> list[str]:
    """The running app in Chromium and many viewers at once (bench/browser.py): seconds until drawn, bytes sent."""
    runs = max((p["opened"] or {"runs": 0})["runs"] + 1 for p in figures["pages"].values())
    lines = [
        f"In Chromium{f' ({when})' if when else ''}, at 1440 × 900 with the server on the same two cores: seconds "
        f"until the page's last element is drawn, median / slowest of {runs} runs (goals: a page ≤ "
        f"{GOALS['browser_page']} s, a control change ≤ {GOALS['browser_control']} s). **first visit**: by its "
        "address in a browser that has never opened the app (its scripts loaded too), the page's first run since "
        "the server started; **opened**: in new tabs of that browser, a new session each; **by link**: from the "
        "overview, by the sidebar; **control changed**: to a value not shown before. In brackets the part of the "
        "wait after the page had read the run's end: at least the browser's own drawing (charts and tables, "
        "Plotly's script loaded the first time), since the page reads the server's messages in order between "
        "drawing the elements that came first. **server alone**: the same page opened by one session over "
        "Streamlit's protocol without a browser, on the same server just after (what the tabs computed is "
        'cached, as for "opened"), median of new sessions: the rest of "opened" is the browser\'s. Bytes: '
        "what the server sent over the WebSocket, median.",
        "",
    ]
    alone = figures.get("server_alone")  # absent from results of before 2026-12-06T10:00
    lines += [
        "| page | first visit | opened | "
        + ("server alone | " if alone else "")
        + "by link | control changed | bytes: opened / by link / changed | controls |",
        "|---|---:|---:|" + ("---:|" if alone else "") + "---:|---:|---|---|",
    ]
    for page in [page for page in PAGES if page in figures["pages"]]:
        p = figures["pages"][page]
        skipped = p.get("skipped")  # controls that had no value left that was not shown before
        controls = ", ".join(p["controls"]) + (f" (nothing new left: {', '.join(skipped)})" if skipped else "")
        lines.append(
            f"| {Path(page).stem} | {_first_visit(p)} | {_waited(p['opened'])} | "
            + (f"{alone[page]['median']:.2f} s | " if alone else "")
            + f"{_waited(p['linked'])} | {_waited(p['changed'])} | "
            f"{_kb(p['opened'])} / {_kb(p['linked'])} / {_kb(p['changed'])} | {controls} |"
        )
    lines += render_reference(figures.get("reference"))  # absent from results of before 2026-12-06T09:00
    viewers = figures["viewers"]
    lines += [
        "",
        f"Many viewers: {viewers['sessions']} sessions at once on a newly started server (the first round finds "
        "nothing of these pages cached), each opening the overview and then the rankings over Streamlit's own "
        "protocol, timed until the server had finished the run (each viewer's browser then draws the page: the "
        'rest of "opened" above). They do not run the sidebar\'s data-version check, which a browser asks for every '
        f"10 s. Median / p95 in seconds; goal: p95 ≤ {GOALS['viewers_p95']} s, no error. A round with an error "
        "shows no times (the failed sessions stopped competing for the cores).",
        "",
        "| round | overview | rankings | errors |",
        "|---|---:|---:|---:|",
    ]
    for i, r in enumerate(viewers["rounds"], start=1):
        lines.append(f"| {i} | {_spread_cell(r['overview'])} | {_spread_cell(r['rankings'])} | {len(r['errors'])} |")
    lines += [
        "",
        f"Peak resident memory of the app server: {figures['server_rss_mb']:.0f} MB in Chromium's run, "
        f"{viewers['server_rss_mb']:.0f} MB with the viewers.",
        "",
    ]
    if figures.get("warmed"):
        lines += render_warmed(figures["warmed"])
    return lines


REFERENCE_ROWS = {
    "bare": "a title and a line of text",
    "chart": "the same with one Plotly chart of 100 bars",
    "table": "the same with one table of 100 rows",
}


def render_reference(reference: dict | None) -> list[str]:
    """Streamlit's own floor in the same run (bench/reference_app.py): what a page of Streamlit alone waits for."""
    if not reference:
        return []
    lines = [
        "",
        "The reference, in the same run: Streamlit alone (`bench/reference_app.py`, served the same way and opened "
        "in a browser of its own as the pages above), so that a page's wait reads against what Streamlit and "
        "Plotly take on these cores before any figure of ours. Every page of the app has at least one chart or "
        "table; Plotly's script is loaded and run in every new tab that shows a chart.",
        "",
        "| Streamlit alone | first visit | opened | by link | bytes: opened |",
        "|---|---:|---:|---:|---|",
    ]
    for name, label in REFERENCE_ROWS.items():
        p = reference[name]
        lines.append(
            f"| {label} | {_first_visit(p)} | {_waited(p['opened'])} | {_waited(p['linked'])} | {_kb(p['opened'])} |"
        )
    return lines


def render_warmed(warmed: dict) -> list[str]:
    """The same on a server that warmed up before anyone asked (ui/warm_up.py)."""
    lines = [
        f"After the warm-up: a newly started server opens its own pages before anyone asks (ui/warm_up.py; it "
        f"does again after any change of the data): here {warmed['runs']} page runs in {warmed['seconds']:.0f} s, "
        "every page at its defaults, the pages that follow the sidebar's year for each other year, the rankings "
        "for every period and method of each year, then the defaults again. Measured once it had finished, as above: first visit, a second tab, two control changes (median / slowest), and "
        "one round of the many viewers.",
        "",
        "| page | first visit | opened | control changed | controls |",
        "|---|---:|---:|---:|---|",
    ]
    for page in [page for page in PAGES if page in warmed["pages"]]:
        p = warmed["pages"][page]
        lines.append(
            f"| {Path(page).stem} | {_first_visit(p)} | "
            f"{_waited(p['opened'])} | {_waited(p['changed'])} | {', '.join(p['controls'])} |"
        )
    (round_,) = warmed["viewers"]["rounds"]
    lines += [
        "",
        f"Many viewers after the warm-up ({warmed['viewers']['sessions']} at once, median / p95): overview "
        f"{_spread_cell(round_['overview'])} s, rankings {_spread_cell(round_['rankings'])} s, "
        f"{len(round_['errors'])} errors."
        + (
            f" Peak resident memory of that server: {warmed['server_rss_mb']:.0f} MB."
            if "server_rss_mb" in warmed  # absent from the run of 2026-12-03T05:02
            else ""
        ),
        "",
    ]
    return lines


def _first_visit(page: dict) -> str:
    """A page's first visit: until drawn, and in brackets the part after the page had read the run's end."""
    first = page["opened_first"]
    return f"{first['drawn']:.2f} s ({first['drawn'] - first['finished']:.2f} s)"


def _spread_cell(figure: dict | None) -> str:
    return f"{figure['median']:.2f} / {figure['p95']:.2f}" if figure else "—"


def _waited(summary: dict | None) -> str:
    if not summary:
        return "—"
    after = summary.get("after_finish_median")  # absent from results of before 2026-12-02T10:00
    return f"{summary['median']:.2f} / {summary['p95']:.2f} s" + (f" ({after:.2f} s)" if after is not None else "")


def _kb(summary: dict | None) -> str:
    return f"{summary['bytes_median'] / 1024:,.0f} KB" if summary else "—"


def render_report() -> str:
    results = [
        json.loads(path.read_text(encoding="utf-8"))
        for scale in SCALES
        for backend in ("file", "ducklake")
        if (path := RESULTS / f"{_result_name(scale, backend)}.json").exists()
    ]
    m = results[0]["machine"] if results else machine()
    parts = [
        (ROOT / "bench" / "report_intro.md")
        .read_text(encoding="utf-8")
        .format(
            cpu=m["cpu"],
            cores=m["cores"],
            memory=m["memory_gb"],
            os=m["os"],
            python=m["python"],
            duckdb=m["duckdb"],
            streamlit=m["streamlit"],
            pandas=m["pandas"],
        )
    ]
    for scale in SCALES:
        pair = {r.get("backend", "file"): r for r in results if r["scale"] == scale}
        # side by side only when both runs measured the same code: the app changes between runs, even in a day
        if len(pair) == 2 and pair["file"].get("code") and pair["file"].get("code") == pair["ducklake"].get("code"):
            parts.append(render_comparison(pair["file"], pair["ducklake"]))
        elif len(pair) == 2:
            parts.append(
                f"### {scale.capitalize()} scale: the DuckDB file measured {pair['file']['when']}, DuckLake "
                f"{pair['ducklake']['when']}\n\nNot put side by side: the two runs measured different versions of "
                "the app (or one of unrecorded version); each table below is of its own date.\n"
            )
    parts += [render_scale(r) for r in results]
    parts.append((ROOT / "bench" / "report_notes.md").read_text(encoding="utf-8"))
    return "\n".join(parts)


def code_version() -> str | None:
    """The commit measured, `+` when the working tree differs from it; None outside a git checkout."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "incentive", "ui", "views", "queries", "app.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    except OSError:
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+" if dirty.stdout.strip() else "")


def render_comparison(file: dict, lake: dict) -> str:
    """The DuckLake column: the same figures on both backends."""

    def training(result):
        imp = result["import"]
        return next(f for f in imp["files"] if f["file"] == imp["training_file"])["total_s"]

    rows = [
        ("import, training CSV", f"{training(file):.1f} s", f"{training(lake):.1f} s"),
        (
            "import, all files",
            f"{sum(f['total_s'] for f in file['import']['files']):.1f} s",
            f"{sum(f['total_s'] for f in lake['import']['files']):.1f} s",
        ),
    ]
    for page in [page for page in PAGES if page in file["pages"] and page in lake["pages"]]:
        name = Path(page).stem
        for figure in ("cold", "warm"):
            a, b = file["pages"][page][figure], lake["pages"][page][figure]
            rows.append(
                (f"{name}, {figure} median", f"{a['median']:.2f} s" if a else "—", f"{b['median']:.2f} s" if b else "—")
            )
    rows.append(("page process memory", f"{file['pages']['rss_mb']:.0f} MB", f"{lake['pages']['rss_mb']:.0f} MB"))
    lines = [
        f"### {file['scale'].capitalize()} scale: DuckDB file and DuckLake side by side",
        "",
        "| figure | DuckDB file | DuckLake |",
        "|---|---:|---:|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join([*lines, ""])


if __name__ == "__main__":
    raise SystemExit(main())
