"""Shared fixtures: real DuckDB files in temporary folders, small catalogs, and builders for binary test files.

Binary inputs (GBK text, .xlsx, .xls) are built here by code rather than committed, so a reader sees every cell.
"""

from __future__ import annotations

import fcntl
import functools
import io
import os
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

import openpyxl
import pytest
import xlwt
from hypothesis import settings as hypothesis_settings
from streamlit import config as streamlit_config

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(ROOT))

from incentive import periods  # noqa: E402
from incentive.demo.sample import load_sample  # noqa: E402
from incentive.intake.ingest import parse_file  # noqa: E402
from incentive.store import batches  # noqa: E402
from incentive.store.database import Database  # noqa: E402
from incentive.store.lake import LakeLocation  # noqa: E402
from incentive.store.reference import current_reference  # noqa: E402

# Hypothesis draws the same examples on every run (derandomize: seeded from each test's source), so a failure
# in CI is the failure you get locally; no deadline, since two loaded cores make any per-example time limit
# flaky; and no example database, since the run leaves nothing behind (like `-p no:cacheprovider`). To hunt for
# new examples, run with HYPOTHESIS_PROFILE=explore. Settings a test gives itself (max_examples …) still apply.
hypothesis_settings.register_profile("seeded", derandomize=True, deadline=None, database=None)
hypothesis_settings.register_profile("explore", deadline=None, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "seeded"))


def pytest_configure(config):
    """Each test worker's DuckDB takes its share of the cores (pytest-xdist runs a worker per core, `-n auto`), and
    so do the app servers and commands the tests start, which inherit it: with DuckDB's default of a thread per
    core in every worker, the page tests took 11 % longer on two cores (2026-12-04, 103-107 s against 92-94 s), the
    threads waiting for each other's core. Set in the workers (the controller runs no test); a value set by hand
    is kept. test_storage.py checks the setting itself, DuckDB's default included."""
    workers = getattr(config, "workerinput", {}).get("workercount")
    if workers:
        os.environ.setdefault("INCENTIVE_DUCKDB_THREADS", str(max(1, len(os.sched_getaffinity(0)) // workers)))


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject's addopts): a worker per core and one more. A test worker waits a fifth of its time for
    the Chromium and the app servers it drives (one worker on the browser tests and the page tests: 79 % of a core,
    2026-12-08); a third worker on two cores fills that wait: the browser tests took 209 s against 236 s with two
    (the same run, 2026-12-08). PYTEST_XDIST_AUTO_NUM_WORKERS, when set, decides, as pytest-xdist's own hook reads it."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    return len(os.sched_getaffinity(0)) + 1


# The app's config turns off Streamlit's garbage collection after every script run (.streamlit/config.toml: one
# database, many sessions). AppTest sessions keep it: every test opens its own copy of a database, and collecting
# after each run lets the earlier tests' sessions and connections go at once (the page tests took 169 s with it,
# 203 s without, on two cores). The browser tests run the app as configured.
streamlit_config.set_option("runner.postScriptGC", True)

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def incentive_command(*args, input: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m incentive *args` run in this process, as a child would run it: `incentive.cli.main` with `input`
    on a standard input that is not a terminal, its standard output and error read back as `subprocess.run(...,
    text=True)` reads a child's (UTF-8, "\\r" and "\\r\\n" as "\\n"), `env` added to the environment for the
    command alone, and the exit code a child would end with: main's return value, SystemExit's code (argparse's
    2), or 1 with the traceback on standard error for an exception main let through.

    A child process costs 1.2-1.5 s of interpreter start and imports on two loaded cores, this 0.03 s: a hundred
    commands in the suite. What only a process shows keeps a real child: the database another process holds,
    what a command imports, the interpreter's own streams and locale, a kill at a fault point, `-m incentive`
    itself (test_cli.py, test_cli_messages.py, test_crash_safety.py, test_concurrency.py, test_lake.py)."""
    from incentive.cli import main

    stdin = io.TextIOWrapper(io.BytesIO(input.encode()), encoding="utf-8")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    saved_env = {name: os.environ.get(name) for name in env or {}}
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_umask = os.umask(0o022)  # main makes its files private (incentive/file_modes.py): not this process's
    os.umask(saved_umask)
    os.environ.update(env or {})
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=stderr)
    except Exception:
        traceback.print_exc(file=stderr)
        code = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.umask(saved_umask)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    def read(stream: io.TextIOWrapper) -> str:
        stream.flush()
        return stream.buffer.getvalue().decode().replace("\r\n", "\n").replace("\r", "\n")

    return subprocess.CompletedProcess(["incentive", *map(str, args)], code, read(stdout), read(stderr))


def pytest_collection_modifyitems(config, items):
    """`browser` for everything under tests/browser/, `lake` for every test on the private PostgreSQL catalog, and
    `slow` for both and for every test of pages through AppTest (the `app_factory` fixture): `python -m pytest -m
    "not slow"` is the quick run of the logic (README, "Test it"). Other slow tests carry `slow` themselves."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
        fixtures = getattr(item, "fixturenames", ())
        if "postgres" in fixtures:
            item.add_marker(pytest.mark.lake)
        if item.get_closest_marker("browser") or item.get_closest_marker("lake") or "app_factory" in fixtures:
            item.add_marker(pytest.mark.slow)  # every AppTest session runs the whole app: seconds per run


@pytest.fixture(autouse=True)
def _fresh_sign_in_counts():
    """Sign-in attempts are counted in the process (incentive.access.ATTEMPTS): each test starts with none."""
    from incentive import access

    access.ATTEMPTS.reset()
    yield


def data_file(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.fixture(scope="session")
def _new_database_file(tmp_path_factory) -> Path:
    """A database as a first opening leaves it (every migration's schema and rows, no data), closed, made once per
    test process for `db` and `catalog_db_path` to copy: making one runs every migration, each its own commit
    (0.09 s of CPU, and 0.6 s of wall time on two loaded cores, waiting for the disk), a copy of the closed file
    0.02 s and 0.08 s; 800 tests start from one. The copy is the same database: only `Database.created` (False for
    it) and schema_version's times tell them apart, which no test of these fixtures reads (test_storage.py and
    test_lake.py test a first opening on databases of their own)."""
    path = tmp_path_factory.mktemp("new-database") / "new.duckdb"
    Database(path).close()
    assert not path.with_suffix(".duckdb.wal").exists()  # all of it in the one file that is copied
    return path


def new_database(template: Path, path: Path) -> Database:
    """A copy of `template` (`_new_database_file`) at `path`, opened. The file is written as a new one (its mode
    from the umask, as the database's own would be), not with the template's metadata."""
    shutil.copyfile(template, path)
    return Database(path)


@pytest.fixture
def db(_new_database_file, tmp_path):
    database = new_database(_new_database_file, tmp_path / "test.duckdb")
    yield database
    database.close()


def import_ok(database: Database, name: str, data: bytes, **options) -> int:
    preview = parse_file(name, data, current_reference(database), **options)
    assert preview.importable, preview.problem_texts("en")
    return batches.import_preview(database, preview, source="cli", created_by="test")


def rolled_back_unchecked(database: Database, batch_id: int) -> None:
    """Batch `batch_id` marked rolled back as a rollback did before it was checked against the stored values
    (docs/decisions.md#rolling-back-a-catalog-batch): a catalog batch rolled back under values it listed, leaving
    them with no catalog version, which `batches.rollback` now refuses but a database from before may hold."""
    with pytest.raises(batches.BatchError, match="rollback_relabels_values"):
        batches.rollback(database, batch_id, "test")
    database.serial_write(
        lambda cur: cur.execute(
            "UPDATE batches SET status = 'rolled_back', rolled_back_at = now() WHERE id = $id", {"id": batch_id}
        )
    )


def import_not_begun(database: Database, name: str, data: bytes, period: str) -> int:
    """Values of a file whose rows are of a begun period, stored as of `period`, one that has not begun (2027-H1): a
    database that already holds a later year's figures, for the pages' choice of year. The importer refuses such a
    period itself (docs/decisions.md#periods-not-yet-begun), so the file is read as written and only its rows'
    period is set before the batch is stored."""
    preview = parse_file(name, data, current_reference(database))
    assert preview.importable, preview.problem_texts("en")
    preview.rows["period"] = periods.parse_period(period)
    return batches.import_preview(database, preview, source="cli", created_by="test")


@pytest.fixture
def catalog_db(db):
    """Regions (four counties, three townships) and a five-indicator catalog, from tests/data."""
    import_ok(db, "regions.csv", data_file("regions.csv"))
    import_ok(db, "indicators.csv", data_file("indicators.csv"))
    return db


@pytest.fixture
def catalog_db_path(_new_database_file, tmp_path):
    """catalog_db's regions and catalog in a closed database file, for a CLI command to open (imported through the
    library, the same importer: a child process costs a second)."""
    path = tmp_path / "cli.duckdb"
    database = new_database(_new_database_file, path)
    try:
        import_ok(database, "regions.csv", data_file("regions.csv"))
        import_ok(database, "indicators.csv", data_file("indicators.csv"))
    finally:
        database.close()
    return path


# catalog_db's indicators renamed by 生效起始期: R01 招商引资额 becomes 重点项目投资额 from 2026-Q1, when R02
# (安全生产事故起数 before) takes the name 招商引资额, until it becomes 招商引资到位额 from 2026-Q3; R03 企业诉求办结率
# becomes 企业诉求按期办结率 from 2026-Q1 (a name no other indicator bears).
RENAMED_INDICATORS = (
    "指标代码,指标名称,类别,赛道,单位,方向,权重,目标值,生效起始期\n"
    "R01,重点项目投资额,赛马,项目建设,万元,正向,10,,2026-Q1\n"
    "R02,招商引资额,赛马,项目建设,万元,正向,5,,2026-Q1\n"
    "R02,招商引资到位额,赛马,项目建设,万元,正向,5,,2026-Q3\n"
    "R03,企业诉求按期办结率,赛马,为企服务,%,正向,5,95,2026-Q1\n"
)


@pytest.fixture
def renamed_catalog_db(catalog_db):
    """catalog_db with the versions of RENAMED_INDICATORS: a name that one indicator bore earlier is another's
    later (decisions: Indicator names by period)."""
    import_ok(catalog_db, "renamed.csv", RENAMED_INDICATORS.encode())
    return catalog_db


HALF_YEAR_RACE = (
    "考核期,县区,乡镇,指标,数值\n"
    "2025H1,云岫县,,R01,100\n2025H1,云峤县,,R01,200\n2025H1,澄溪县,,R01,300\n2025H1,枫岚区,,R01,400\n"
    "2025H1,云岫县,,R02,3\n2025H1,云峤县,,R02,2\n2025H1,澄溪县,,R02,1\n2025H1,枫岚区,,R02,0\n"
    "2025H1,云岫县,,R03,90\n2025H1,云峤县,,R03,92\n2025H1,澄溪县,,R03,94\n2025H1,枫岚区,,R03,96\n"
    "2025H1,云岫县,安坝镇,R01,10\n2025H1,云岫县,碧岗街道,R01,20\n2025H1,云岫县,安坝镇,R02,1\n"
    "2025H1,云岫县,碧岗街道,R02,0\n2025H1,云岫县,安坝镇,R03,90\n2025H1,云岫县,碧岗街道,R03,95\n"
)
HALF_YEAR_CARE = (
    "考核期,县区,乡镇,指标,数值\n"
    "2025H1,云岫县,,W01,96\n2025H1,云峤县,,W01,90\n2025H1,澄溪县,,W01,80\n2025H1,枫岚区,,W01,95\n"
    "2025H1,云岫县,,W02,100\n2025H1,云峤县,,W02,99\n2025H1,澄溪县,,W02,85\n2025H1,枫岚区,,W02,70\n"
)


def race_csv(period: str, order: list[str]) -> bytes:
    """One quarter of race scores for catalog_db with the counties ranked in `order` (best first) on every
    indicator: R01 and R03 more is better, R02 (accidents) fewer is better; a county not in `order` sends nothing."""
    rows = ["考核期,县区,乡镇,指标,数值"]
    for i, county in enumerate(order):
        rows += [
            f"{period},{county},,R01,{400 - 100 * i}",
            f"{period},{county},,R02,{i}",
            f"{period},{county},,R03,{96 - 2 * i}",
        ]
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture
def half_year_db(catalog_db):
    """catalog_db with one half-year, 2025-H1, of race scores (four counties, in the order 枫岚区 澄溪县 云峤县
    云岫县 on every indicator; two townships of 云岫县) and care figures: a period to publish."""
    import_ok(catalog_db, "race.csv", HALF_YEAR_RACE.encode())
    import_ok(catalog_db, "care.csv", HALF_YEAR_CARE.encode())
    return catalog_db


GRADED_ROSTER_HEAD = "干部编号,姓名,县区,单位,职级,性别,出生年份,统计日期\n"
# county -> (id prefix, grades in id order); 枫岚区 has no cadres
GRADED = {
    "云岫县": ("A", ["优秀"] * 5 + ["称职"] * 14 + ["不称职"]),
    "云峤县": ("B", ["优秀"] * 4 + ["合格"] * 6),  # 40% 优秀, above the 20% ceiling; 合格 is read as 称职
    "澄溪县": ("C", ["优秀"] * 6 + ["称职"] * 20 + ["基本称职"] * 3 + ["不定等次"]),
}
UNITS = {"A": "安坝镇", "B": "丹埠镇", "C": "澄溪财政局"}


def roster_and_grades() -> tuple[str, str]:
    roster, grades = [GRADED_ROSTER_HEAD], ["干部编号,姓名,单位,年度,考核等次\n"]
    for county, (prefix, words) in GRADED.items():
        for i, word in enumerate(words, start=1):
            cadre = f"{prefix}{i:03d}"
            roster.append(f"{cadre},某,{county},{UNITS[prefix]},一级科员,男,1990,2024-12-31\n")
            grades.append(f"{cadre},某,{UNITS[prefix]},2024年度,{word}\n")
    grades.append("X999,某,外单位,2024,称职\n")  # on no roster: county ''
    return "".join(roster), "".join(grades)


@pytest.fixture
def graded_db(catalog_db):
    """catalog_db with a roster of 60 cadres (2024-12-31), their 2024 appraisal grades (GRADED, and X999 on no
    roster), personnel decisions of 2024-2026 and 2024-Q4 race scores: the appraisal views by hand."""
    roster, grades = roster_and_grades()
    import_ok(catalog_db, "roster.csv", roster.encode())
    import_ok(catalog_db, "grades.csv", grades.encode("gbk"))
    import_ok(
        catalog_db,
        "moves.csv",
        (
            "干部编号,调整日期,调整类型\n"
            "A001,2025-03-01,提拔\nA002,2025-11-30,提拔\nB001,2025-05-05,提拔\n"  # 优秀 promoted the year after
            "A020,2025-04-01,降职\nC027,2025-08-08,免职\n"  # 不称职 demoted, 基本称职 dismissed
            "A003,2024-06-01,提拔\nB002,2026-01-05,提拔\n"  # before the grade; after the year after
        ).encode(),
    )
    import_ok(catalog_db, "race.csv", race_csv("2024-Q4", ["澄溪县", "云岫县", "云峤县", "枫岚区"]))
    return catalog_db


# current_training's rule written out (store/superseded_training.py): the newest active batch's row of each cadre,
# course and date; checked against the view in test_storage.py, and after the sample is removed and loaded again in
# test_pages.py.
NEWEST_TRAINING_PER_KEY = """
    SELECT cadre_id, course, category, domain, mode, organized, hours, date, batch_id FROM training
    WHERE batch_id IN (SELECT id FROM active_batch_ids)
    QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) = 1
    ORDER BY ALL"""


def current_training(db: Database):
    """The current_training view's rows, in order (a DataFrame), to compare with NEWEST_TRAINING_PER_KEY's."""
    return db.fetch_df("SELECT * FROM current_training ORDER BY ALL")


def partly_superseded_training(db: Database) -> list[int]:
    """The training batches a later one superseded in part (training_partial), ids ascending."""
    return [row[0] for row in db.fetch_all("SELECT batch_id FROM training_partial ORDER BY 1")]


@pytest.fixture(scope="session")
def sample_db_file(tmp_path_factory) -> Path:
    """The bundled sample loaded once per test session, this process's own file; tests get copies."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    shutil.copy(_loaded_sample(tmp_path_factory), path)
    return path


def _loaded_sample(tmp_path_factory) -> Path:
    """The sample loaded once per test run: under pytest-xdist the first worker to ask loads it (8-16 s) while the
    others wait for it under a file lock, instead of each loading its own at the same time; each then keeps a copy
    of its own, as when it loaded one."""
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent  # the workers' folders share the run's
    loaded = run_folder / "sample-loaded.duckdb"
    with open(run_folder / "sample-loaded.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not loaded.exists():
            loading = run_folder / "sample-loading.duckdb"
            for left in (loading, loading.with_suffix(".duckdb.wal")):  # of a worker that died loading it
                left.unlink(missing_ok=True)
            database = Database(loading)
            load_sample(database)
            database.close()
            assert not loading.with_suffix(".duckdb.wal").exists()  # all of it in the one file that is copied
            loading.rename(loaded)
    return loaded


@pytest.fixture
def sample_db_path(sample_db_file, tmp_path) -> Path:
    path = tmp_path / "sample.duckdb"
    shutil.copy(sample_db_file, path)
    return path


NEW_COUNTY = "新设县"  # added by a regions file, never sends anything
EARLY_COUNTY = "云岫县"  # the only county to have sent the next quarter and half-year


@pytest.fixture
def sample_new_county_path(sample_db_path) -> Path:
    """A copy of the sample where a regions file adds 新设县 (no data of any kind, ever) and 云岫县 alone has sent
    2026-Q4's race scores and 2026-H2's care figures (its 2026-Q3 and 2026-H1 values again): no period is complete
    if every county of the regions is waited for (docs/decisions.md#which-counties-take-part)."""
    from incentive.store import queries

    database = Database(sample_db_path)
    try:
        import_ok(database, "行政区划_新设县.csv", f"县区,乡镇,区划代码\n{NEW_COUNTY},,990013\n".encode())
        conn = database.connection
        race = queries.run(conn, "race_values", period="2026-Q3", county="")
        race = race[(race["unit"] == EARLY_COUNTY) & race["value"].notna()]
        rows = "".join(f"2026Q4,{EARLY_COUNTY},,{r.indicator},{r.value}\n" for r in race.itertuples())
        import_ok(database, "2026Q4.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
        care = queries.run(conn, "welfare_values_by_county", period="2026-H1")
        care = care[(care["county"] == EARLY_COUNTY) & care["value"].notna()]
        rows = "".join(f"2026H2,{EARLY_COUNTY},,{r.indicator},{r.value}\n" for r in care.itertuples())
        import_ok(database, "2026H2.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    finally:
        database.close()
    return sample_db_path


PARTLY_REPORTED = ("云岫县", "澄溪县", "枫岚县")  # the only counties to have sent 2026-H2's and 2027-H1's care figures


@pytest.fixture
def sample_partly_reported_path(sample_db_path) -> Path:
    """A copy of the sample where three counties (PARTLY_REPORTED) alone have sent the care figures of 2026-H2 and
    of 2027-H1 (their 2026-H1 values again), the other nine nothing: 2026 opens on 2026-H1, every county's, and
    2027 has only a partly reported half-year (docs/decisions.md#reported-counts)."""
    from incentive.store import queries

    database = Database(sample_db_path)
    try:
        care = queries.run(database.connection, "welfare_values_by_county", period="2026-H1")
        care = care[care["county"].isin(PARTLY_REPORTED) & care["value"].notna()]
        for period in ("2026H2", "2027H1"):
            rows = "".join(f"2026H2,{r.county},,{r.indicator},{r.value}\n" for r in care.itertuples())
            import_not_begun(database, f"{period}.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode(), period)
    finally:
        database.close()
    return sample_db_path


def xlsx_bytes(
    rows: list[list],
    *,
    sheet: str = "数据",
    before: list[tuple[str, list[list]]] = (),
    merges: list[str] = (),
    hidden: list[str] = (),
    percent_cells: list[str] = (),
    formats: dict[str, str] | None = None,
    date1904: bool = False,
) -> bytes:
    """A workbook with `before` sheets first (name, rows), then the data sheet; `rows` may start with blanks.
    `formats` gives data-sheet cells a number format ({"B2": "0.00"}); `percent_cells` is short for "0%".
    `date1904`: saved in the 1904 date system (`<workbookPr date1904="1">`), date cells written as such."""
    book = openpyxl.Workbook()
    if date1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.remove(book.active)
    for name, other_rows in [*list(before), (sheet, rows)]:
        ws = book.create_sheet(name)
        for r, row in enumerate(other_rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        if name in hidden:
            ws.sheet_state = "hidden"
    data_sheet = book[sheet]
    for ref in merges:
        data_sheet.merge_cells(ref)
    for ref in percent_cells:
        data_sheet[ref].number_format = "0%"
    for ref, code in (formats or {}).items():
        data_sheet[ref].number_format = code
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes(
    rows: list[list], sheet: str = "Sheet1", *, formats: dict[str, str] | None = None, date1904: bool = False
) -> bytes:
    """A legacy .xls (BIFF8, as Excel 97-2003 saves it); `formats` gives cells a number format ({"B2": "0.00"});
    `date1904`: saved in the 1904 date system (DATEMODE 1)."""
    from openpyxl.utils.cell import coordinate_to_tuple

    styles = {
        tuple(n - 1 for n in coordinate_to_tuple(ref)): xlwt.easyxf(num_format_str=code)
        for ref, code in (formats or {}).items()
    }
    book = xlwt.Workbook(encoding="utf-8")
    book.dates_1904 = date1904
    ws = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value, *([styles[(r, c)]] if (r, c) in styles else []))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def postgres():
    """A private PostgreSQL server for the DuckLake backend (tests/postgres_server.py)."""
    from postgres_server import PostgresServer, binaries

    found = binaries()
    if found is None:
        message = "PostgreSQL server binaries not found: bash scripts/install-postgresql.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = PostgresServer(found)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def empty_lake_location(postgres, tmp_path, monkeypatch) -> LakeLocation:
    """A new DuckLake that nothing has opened yet: an empty PostgreSQL catalog and a data folder of its own (and a
    folder of its own for the app's local copy of it, incentive/store/lake_copy.py, rather than the user's cache)."""
    monkeypatch.setenv("INCENTIVE_LAKE_COPY_DIR", str(tmp_path / "lake-copies"))
    return LakeLocation(f"postgres:{postgres.new_database()}", str(tmp_path / "lake-data"))


@pytest.fixture(scope="session")
def _migrated_lake(postgres, tmp_path_factory) -> LakeLocation:
    """A DuckLake the app has opened once (its schema made by incentive/store/migrations.py: 2.6 s on two cores),
    made once per test process for `lake_location` to copy."""
    folder = tmp_path_factory.mktemp("migrated-lake")
    location = LakeLocation(f"postgres:{postgres.new_database()}", str(folder / "lake-data"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INCENTIVE_LAKE_COPY_DIR", str(folder / "lake-copies"))
        Database(location).close()
    return location


@pytest.fixture
def lake_location(postgres, _migrated_lake, tmp_path, monkeypatch) -> LakeLocation:
    """A new DuckLake with the app's schema, as the app leaves a lake it opened first (`empty_lake_location` for
    one nothing has opened): a copy of `_migrated_lake`, its catalog database and its data folder, the data path
    in the catalog set to the copy's folder (DuckLake stores every other path relative to it). Its own folder for
    the app's local copy of it (incentive/store/lake_copy.py), rather than the user's cache."""
    monkeypatch.setenv("INCENTIVE_LAKE_COPY_DIR", str(tmp_path / "lake-copies"))
    catalog = postgres.new_database(template=_migrated_lake.catalog.removeprefix("postgres:"))
    data = tmp_path / "lake-data"
    shutil.copytree(_migrated_lake.data_path, data)
    folder = f"{data}/".replace("'", "''")
    postgres.execute(catalog, f"UPDATE ducklake_metadata SET value = '{folder}' WHERE key = 'data_path'")
    return LakeLocation(f"postgres:{catalog}", str(data))


TABBED_PAGES = ("rankings", "training", "welfare")  # pages whose further sections are in tabs (ui/section_tabs.py)


def open_tab(at, name: str, run: bool = True):
    """The page's tab `name` (ui/section_tabs.py: `rank.tab=focus` is name `focus`) chosen as a click on it does,
    in the page's language, and the session run (unless not `run`): only the open tab's sections run."""
    from incentive.i18n import LANGUAGES, t

    page = next(p for p in TABBED_PAGES if f"{p}_tab" in at.session_state)
    shown = at.session_state[f"{page}_tab"]
    lang = next(lang for lang in LANGUAGES if shown in {t(k, lang) for k in _tab_keys(page)})
    at.session_state[f"{page}_tab"] = t(f"tab_{page}_{name}", lang)
    return at.run() if run else at


def _tab_keys(page: str) -> list[str]:
    from incentive.i18n import TEXT

    return [key for key in TEXT if key.startswith(f"tab_{page}_")]


def as_admin(at, name: str) -> None:
    """An AppTest session signed in as a prefecture administrator of secrets.toml without the form (the form is
    tested in test_sign_in.py)."""
    from incentive.accounts.roles import PREFECTURE_ADMIN, Principal

    as_user(at, Principal(name, PREFECTURE_ADMIN, None, "secrets"))


def as_user(at, principal) -> None:
    """An AppTest session signed in as `principal` (an incentive.accounts.roles.Principal; a "database" one must
    exist in the database, since its role and county are read again each run). AppTest runs without a browser
    connection, so the role is bound to ui.sign_in's stand-in for none."""
    from ui import sign_in

    at.session_state[sign_in.ACCOUNT] = principal
    at.session_state[sign_in.BINDING] = sign_in.NO_BROWSER


@functools.cache
def installed_components():
    """Streamlit's registry of installed custom components, scanned once per test process. A new AppTest session
    scans the metadata of every installed package on its first run (0.47 s on two cores, more than a small page's
    run; about 0.4 s of each of the suite's AppTest sessions), where the server scans once when it starts; the
    installed packages do not change during a test run. (AppTest has no public way to pass it: the attribute is
    the one AppTest fills itself, streamlit/testing/v1/app_test.py `_run`.)"""
    from streamlit.components.v2.component_manager import BidiComponentManager

    registry = BidiComponentManager()
    registry.discover_and_register_components(start_file_watching=False)
    return registry


@functools.cache
def share_compiled_scripts() -> None:
    """One compiled copy of app.py and each page for every AppTest run of this test process, as the server keeps
    one per process (its Runtime's ScriptCache): AppTest makes a new cache on every run (app_test.py `_run`,
    local_script_runner.py), so each run parsed, rewrote (magic) and compiled the app and its page again, 0.05-0.2 s
    a run for the longer pages. The scripts do not change during a test run."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


@functools.cache
def wait_for_runs_without_polling() -> None:
    """AppTest waits for a script run by waking every millisecond to look for its end
    (local_script_runner.py `require_widgets_deltas`); each wake takes the GIL from the script's thread, and the
    waiting thread held a tenth of the samples of the AppTest suites (py-spy). A run's thread ends with the run
    (`LocalScriptRunner.run` joins it), so joining it with the timeout waits for the same moment without waking.
    A run still going at the timeout is stopped and fails the test with AppTest's own message."""
    from streamlit.testing.v1 import local_script_runner

    def require_widgets_deltas(runner, timeout: float = 3) -> None:
        runner._script_thread.join(timeout)
        if not runner.script_stopped():
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = require_widgets_deltas


@pytest.fixture
def app_factory(request, monkeypatch):
    """Makes AppTest sessions of the whole app (`app.py`), the one way tests build them: Streamlit's caches (the
    database connection, query results) are cleared when the test starts and when it ends, so nothing cached
    crosses from one test to the next; sessions made within one test share them, like sessions of one server.

    `make(db=None, *, env=None, page=None, query=None, timeout=180, run=True)`: `db` is the database file
    (INCENTIVE_DB; a copy of the sample when omitted, none when `env` sets INCENTIVE_STORAGE); `env` sets further
    environment variables for the test; `query` sets query parameters as a pasted link would, `page` switches to
    a page before the first run. With `run` the session is run once and must have raised nothing."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def clear() -> None:
        st.cache_resource.clear()
        st.cache_data.clear()

    def make(
        db: Path | str | None = None,
        *,
        env: dict[str, str] | None = None,
        page: str | None = None,
        query: dict[str, str] | None = None,
        timeout: float = 180,
        run: bool = True,
    ) -> AppTest:
        env = dict(env or {})
        if db is None and "INCENTIVE_STORAGE" not in env:
            db = request.getfixturevalue("sample_db_path")
        if db is not None:
            monkeypatch.setenv("INCENTIVE_DB", str(db))
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        share_compiled_scripts()
        wait_for_runs_without_polling()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        at._bidi_component_manager = installed_components()  # scanned once per process, as the server does
        for key, value in (query or {}).items():
            at.query_params[key] = value
        if page is not None:
            at.switch_page(page)
        if run:
            at.run()
            assert not at.exception, [e.value for e in at.exception]
        return at

    clear()
    yield make
    clear()


@pytest.fixture
def app(app_factory):
    """The whole app over a copy of the sample database, run once (a module may define its own `app`, e.g. with
    administrators configured)."""
    return app_factory()


def pytest_make_parametrize_id(config, val, argname):
    """Bytes parameters are named by their argument only (pytest numbers repeats in order): their text, and even
    their length, change between collections (a workbook's zip holds its creation time, compressed), and the test
    workers (pytest-xdist) must all collect the same test names."""
    if isinstance(val, (bytes, bytearray)):
        return f"{argname}-bytes"
    return None


@pytest.fixture(autouse=True)
def _process_umask():
    """Every test starts and ends with the umask the worker started with: a test that calls cli.main itself (not
    through run_cli) leaves the command's private umask 0077 (incentive/file_modes.py), which would change the
    modes of the files later tests of the same worker make."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield
    os.umask(saved)


def correct_2026_q3(db) -> None:
    """A correction imported into the sample (`db`: a Database) that puts 苇塘县 first in 2026-Q3 (the sample has it
    elsewhere): a change of data that moves the rankings, for tests of what a pinned view keeps."""
    from incentive.race import rankings

    lower = {"R03", "R09", "R11"}
    rates = {"R06", "R08", "R10", "R12"}  # % rates: 100 is the most a rate can be
    rows = "".join(
        f"2026Q3,苇塘县,,R{i:02d},{0 if f'R{i:02d}' in lower else 100 if f'R{i:02d}' in rates else 100000}\n"
        for i in range(1, 13)
    )
    import_ok(db, "补报.csv", ("考核期,县区,乡镇,指标,数值\n" + rows).encode())
    assert rankings.rank_period(db.connection, "2026-Q3").ranked.index[0] == "苇塘县"
