"""Faults at write time (issue 25): a full disk, a read-only database folder and a read-only database file, made for
real in a mount namespace of the child (tests/confined.py), under an import, a rollback and a settings change
through the CLI; then the database opened again as a restarted app would: the same batches, values, rollup and
settings as before, and the failed attempt in the audit log. The sentences and the cause classes are checked on
the storage's own messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import confined
import duckdb
import pytest
from conftest import DATA, import_ok, new_database

from incentive.store import batches, failed_writes, settings
from incentive.store.database import Database
from incentive.store.lake import LakeLocation
from incentive.store.storage_faults import (
    NO_SPACE,
    NOT_PERMITTED,
    StorageFault,
    cause_of,
)

EXIT_STORAGE = 4  # incentive/cli.py, documented in README.md ("Exit codes")


@pytest.fixture
def spool(tmp_path, monkeypatch):
    """The refused writes' spool of this test, outside every confined folder."""
    folder = tmp_path / "spool"
    monkeypatch.setenv("INCENTIVE_SPOOL_DIR", str(folder))
    return folder


@pytest.fixture
def small_db(_new_database_file, tmp_path, spool):
    """A database file of regions, the indicator catalog and one batch of race scores, closed. It starts from the
    test process's copy of a new database (conftest.py `_new_database_file`) rather than running every migration
    again: no test here reads what only a first opening writes."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "db.duckdb"
    db = new_database(_new_database_file, path)
    try:
        for name in ("regions.csv", "indicators.csv", "race_long.csv"):
            import_ok(db, name, (DATA / name).read_bytes())
    finally:
        db.close()
    return path


def state(path) -> dict:
    """What must not change: batches, current values and training, settings; and the audit log, apart."""
    db = Database(path)
    try:
        return {
            "batches": db.fetch_all("SELECT id, kind, status, row_count FROM batches ORDER BY id"),
            "values": db.fetch_all("SELECT count(*), sum(value) FROM current_values"),
            "training": db.fetch_all("SELECT count(*), sum(hours) FROM current_training"),
            "kept": db.fetch_all("SELECT count(*) FROM training_kept"),
            "settings": sorted(settings.current(db).items()),
            "audit": db.fetch_all("SELECT action, target, outcome, detail FROM audit ORDER BY happened_at"),
        }
    finally:
        db.close()


ACTIONS = {  # what the clerk or the administrator tried: the CLI's arguments after --db
    "import": ("import", DATA / "race_wide_title.csv"),
    "rollback": ("rollback", "3", "--yes"),
    "settings": ("settings", "coverage_target", "80"),
}
AUDITED_AS = {"import": "import", "rollback": "rollback", "settings": "setting"}


@pytest.fixture(scope="module")
def namespaces():
    reason = confined.unavailable()
    if reason:
        pytest.skip(reason)


# A file opened read-only refuses the first statement of a write, before the write has put down its own audit row:
# the attempt is logged as `write_failed` with the library function that asked for it.
ASKED_BY = {
    "import": "incentive.store.batches.import_preview",
    "rollback": "incentive.store.batches.rollback",
    "settings": "incentive.store.settings.save",
}


def _check(before: dict, after: dict, action: str, cause: str, *, own_row: bool = True) -> None:
    assert {k: v for k, v in after.items() if k != "audit"} == {k: v for k, v in before.items() if k != "audit"}
    new = after["audit"][len(before["audit"]) :]
    assert after["audit"][: len(before["audit"])] == before["audit"]
    if own_row:
        assert [(a, outcome) for a, _, outcome, _ in new] == [(AUDITED_AS[action], "failed")], new
    else:
        assert [(a, target, outcome) for a, target, outcome, _ in new] == [
            ("write_failed", ASKED_BY[action], "failed")
        ], new
    assert new[0][3].startswith(f"storage {cause}: "), new[0][3]


@pytest.mark.slow
@pytest.mark.parametrize("action", ACTIONS)
def test_a_full_disk_refuses_the_write_with_a_sentence_and_keeps_the_database(
    namespaces, small_db, tmp_path, spool, action
):
    before = state(small_db)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    db_path = disk / "db.duckdb"
    child = confined.run(
        confined.full_disk(disk, 8)
        + f"cp {small_db} {db_path} || exit 93\n"
        + confined.fill(disk)
        + confined.cli("--lang", "zh", "--db", db_path, *ACTIONS[action])
        + "; echo EXIT=$?\n"
        + f"rm {disk / 'filler'}\n"  # the administrator frees space and the app starts again
        + confined.cli("--db", db_path, "batches")
        + f" >/dev/null; cp {disk}/db.duckdb* {out}/\n"
    )
    assert f"EXIT={EXIT_STORAGE}" in child.stdout, (child.stdout, child.stderr)
    assert "保存失败：数据库所在磁盘已满。本次操作没有写入任何数据" in child.stderr, child.stderr
    assert "Traceback" not in child.stderr
    _check(before, state(out / "db.duckdb"), action, NO_SPACE)
    assert not failed_writes.spool_file(str(db_path)).exists()  # taken into the audit log by the reopening


@pytest.mark.slow
@pytest.mark.parametrize("action", ACTIONS)
def test_a_read_only_folder_refuses_the_write_with_a_sentence_and_keeps_the_database(
    namespaces, small_db, tmp_path, spool, action
):
    before = state(small_db)
    view = tmp_path / "view"
    view.mkdir()
    (view / "db.duckdb").touch()  # the mount point of the file that stays writable
    child = confined.run(
        confined.writable_view(small_db.parent, view, "db.duckdb")
        + confined.cli("--lang", "en", "--db", view / "db.duckdb", *ACTIONS[action])
        + "; echo EXIT=$?\n"
        + f"mount -o remount,bind,rw {view}\n"  # the administrator gives the folder back; the app starts again
        + confined.cli("--db", view / "db.duckdb", "batches")
        + " >/dev/null\n"
    )
    assert f"EXIT={EXIT_STORAGE}" in child.stdout, (child.stdout, child.stderr)
    assert "Not saved: this program may not write the database file or its folder (read-only)." in child.stderr
    assert "Traceback" not in child.stderr
    assert not failed_writes.spool_file(str(view / "db.duckdb")).exists()
    _check(before, state(small_db), action, NOT_PERMITTED)


@pytest.mark.slow
@pytest.mark.parametrize("action", ACTIONS)
def test_a_read_only_file_is_opened_for_reading_and_refuses_the_write(namespaces, small_db, spool, action):
    before = state(small_db)
    child = confined.run(
        confined.read_only(small_db)
        + confined.cli("--lang", "zh", "--db", small_db, "batches")
        + "; echo READ=$?\n"
        + confined.cli("--lang", "zh", "--db", small_db, *ACTIONS[action])
        + "; echo EXIT=$?\n"
    )
    assert "READ=0" in child.stdout and "race_long.csv" in child.stdout, (child.stdout, child.stderr)
    assert f"EXIT={EXIT_STORAGE}" in child.stdout, (child.stdout, child.stderr)
    assert "保存失败：本程序没有写入数据库文件或其所在文件夹的权限（只读）" in child.stderr, child.stderr
    _check(before, state(small_db), action, NOT_PERMITTED, own_row=False)


# --- the classes, on the storage's own words


@pytest.mark.parametrize(
    "error, cause",
    [
        (
            duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Could not write file "/d/x.duckdb.wal": '
                "No space left on device"
            ),
            "no_space",
        ),
        (
            duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Cannot open file "/d/x.duckdb.wal": Permission denied'
            ),
            "not_permitted",
        ),
        (
            duckdb.TransactionException('Failed to commit: Cannot open file "/d/x.duckdb.wal": Read-only file system'),
            "not_permitted",
        ),
        (duckdb.IOException('Could not set lock on file "/d/x.duckdb": Conflicting lock is held'), "locked"),
        (duckdb.IOException("The file is not a valid DuckDB database file!"), "damaged"),
        (duckdb.IOException('Could not read from file "/d/x": Input/output error'), "damaged"),
        (
            duckdb.IOException(
                "Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 3"
            ),
            "damaged",
        ),
        (
            duckdb.IOException('Could not read enough bytes from file "/d/x.duckdb": attempted to read 262144'),
            "damaged",
        ),
        (duckdb.IOException("connection to server at 127.0.0.1 port 5432 failed: Connection refused"), "unreachable"),
        (duckdb.IOException("Something the storage never said before"), "other"),
        (duckdb.TransactionException("Transaction conflict: cannot update a table that has been altered"), None),
        (duckdb.ConstraintException("Duplicate key"), None),
        (ValueError("No space left on device"), None),  # not a storage error, whatever its words
    ],
)
def test_every_storage_error_has_its_class_and_others_none(error, cause):
    assert cause_of(error) == cause


def test_the_sentence_names_the_cause_and_says_nothing_was_written_in_both_languages():
    fault = StorageFault(NO_SPACE, "Could not write file", writing=True)
    assert fault.sentence("zh").startswith("保存失败：数据库所在磁盘已满。本次操作没有写入任何数据")
    assert fault.sentence("en").startswith("Not saved: the disk that holds the database is full. Nothing")
    read = StorageFault("unreachable", "Connection refused", writing=False)
    assert read.sentence("zh").startswith("读取数据失败：无法连接数据库服务器")
    assert "Connection refused" not in read.sentence("en")  # the storage's words go to the log, not the page


def test_a_spooled_attempt_reaches_the_audit_log_when_the_database_opens(tmp_path, spool):
    path = tmp_path / "db.duckdb"
    Database(path).close()
    written = {
        "happened_at": __import__("datetime").datetime(2026, 12, 1, 9, 30),
        "who": "admin",
        "action": "import",
        "target": "",
        "file_name": "x.csv",
        "sha256": "ab",
        "row_count": 3,
        "outcome": "ok",
        "detail": "",
    }
    failed_writes.spool(str(path), [written], StorageFault(NO_SPACE, "Could not write", writing=True))
    assert failed_writes.pending(str(path))[0]["outcome"] == "failed"
    db = Database(path)
    try:
        rows = db.fetch_all("SELECT who, action, file_name, row_count, outcome, detail FROM audit")
    finally:
        db.close()
    assert rows == [("admin", "import", "x.csv", 3, "failed", "storage no_space: Could not write")]
    assert not failed_writes.spool_file(str(path)).exists()


# --- DuckLake: the PostgreSQL catalog server stops mid-session


@pytest.fixture
def halting_lake(tmp_path, spool):
    """A server of this test's own (it is stopped and started again), a lake on it holding the small data."""
    from postgres_server import PostgresServer, binaries

    found = binaries()
    if found is None:
        pytest.skip("PostgreSQL server binaries not found: bash scripts/install-postgresql.sh")
    server = PostgresServer(found)
    server.start()
    try:
        location = LakeLocation(f"postgres:{server.new_database()}", str(tmp_path / "lake-data"))
        db = Database(location)
        try:
            for name in ("regions.csv", "indicators.csv", "race_long.csv"):
                import_ok(db, name, (DATA / name).read_bytes())
        finally:
            db.close()
        yield server, location
    finally:
        server.stop()


@pytest.mark.slow
@pytest.mark.lake
def test_a_stopped_catalog_server_fails_reads_and_writes_with_a_sentence_and_writes_nothing(halting_lake):
    server, location = halting_lake
    before = state(location)
    db = Database(location)
    try:
        server.halt()
        with pytest.raises(duckdb.Error) as read:
            db.fetch_all("SELECT count(*) FROM current_values")
        assert cause_of(read.value) == "unreachable"
        for write in (
            lambda: settings.save(db, "coverage_target", 80, "admin"),
            lambda: import_ok(db, "race_wide_title.csv", (DATA / "race_wide_title.csv").read_bytes()),
            lambda: batches.rollback(db, 3, "admin"),
        ):
            with pytest.raises((duckdb.Error, StorageFault)) as refused:
                write()
            assert cause_of(refused.value) == "unreachable"
        env = {**os.environ, "INCENTIVE_STORAGE": location.setting, "INCENTIVE_DATA_PATH": location.data_path}
        env.pop("INCENTIVE_DB", None)
        child = subprocess.run(
            [sys.executable, "-m", "incentive", "--lang", "zh", "settings", "coverage_target", "80"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert child.returncode == 4, child.stderr
        said = f"读取数据失败：无法连接数据库服务器 127.0.0.1:{server.port}（DuckLake 的 PostgreSQL 目录库，用户 postgres）"
        assert child.stderr.startswith(said), child.stderr
        assert "Traceback" not in child.stderr
        server.resume()
        assert db.fetch_all("SELECT count(*) FROM batches") == [(3,)]  # the same connection reads again
    finally:
        db.close()
    after = state(location)
    assert after == before  # nothing half-written: batches, values, settings and audit as they were


@pytest.mark.slow
@pytest.mark.lake
def test_the_pages_say_a_stopped_catalog_server_and_recover_when_it_is_back(halting_lake, app_factory):
    server, location = halting_lake
    at = app_factory(env={"INCENTIVE_STORAGE": location.setting, "INCENTIVE_DATA_PATH": location.data_path})
    assert at.title[0].value
    server.halt()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error][-1].startswith("读取数据失败：无法连接数据库服务器"), [e.value for e in at.error]
    server.resume()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.title[0].value


@pytest.mark.slow
def test_the_data_page_says_a_full_disk_in_a_sentence_and_keeps_working(namespaces, small_db, tmp_path, spool):
    """The app running while its disk fills up: a settings change, an import and a rollback on the Data page, each
    refused with the sentence above the page and no traceback; the page reads on; nothing of them was written."""
    before = state(small_db)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    db_path = disk / "db.duckdb"
    child = confined.run(
        confined.full_disk(disk, 8)
        + f"cp {small_db} {db_path} || exit 93\n"
        + f"INCENTIVE_DB={db_path} {sys.executable} tests/storage_fault_page.py {disk}; echo EXIT=$?\n"
        + f"rm {disk / 'filler'}\n"
        + confined.cli("--db", db_path, "batches")
        + f" >/dev/null; cp {disk}/db.duckdb* {out}/\n",
        timeout=600,
    )
    assert "EXIT=0" in child.stdout, (child.stdout[-3000:], child.stderr[-3000:])
    steps = json.loads(child.stdout.splitlines()[0])
    sentence = "保存失败：数据库所在磁盘已满。本次操作没有写入任何数据，原有数据不受影响，页面仍可照常浏览。"
    for step in ("settings", "import", "rollback", "share"):
        assert not steps[step]["exceptions"], (step, steps[step])
        assert sentence in "".join(steps[step]["errors"]), (step, steps[step])
        assert steps[step]["title"] == ["数据管理"], (step, steps[step])  # said where clicked; the page goes on
    assert steps["after"]["title"] == ["数据管理"] and not steps["after"]["errors"]
    after = state(out / "db.duckdb")
    assert {k: v for k, v in after.items() if k != "audit"} == {k: v for k, v in before.items() if k != "audit"}
    failed = [(action, outcome) for action, _, outcome, _ in after["audit"][len(before["audit"]) :]]
    assert failed == [("setting", "failed"), ("import", "failed"), ("rollback", "failed"), ("write_failed", "failed")]
    assert after["audit"][-1][1] == "incentive.sharing.permalinks.save"  # the short link, refused before its row


def test_a_damaged_file_says_damaged_not_held(tmp_path, spool):
    """Garbage over a block of the file: DuckDB's "checksum … in block" is not another program's lock (the word
    "block" once made the opening wait for a lock and say the app held the database)."""
    path = tmp_path / "db.duckdb"
    made = duckdb.connect(str(path))
    made.execute("CREATE TABLE t AS SELECT range AS i, md5(range::VARCHAR) AS s FROM range(200000)")
    made.close()
    assert path.stat().st_size > 2_000_000
    with open(path, "r+b") as f:
        f.seek(3 * 4096)  # the first block after the three headers: the catalog, read when the file opens
        f.write(bytes(range(256)) * 3200)
    with pytest.raises((duckdb.Error, StorageFault)) as read:
        Database(path, wait_seconds=5).fetch_all("SELECT count(*), max(s) FROM t")
    assert cause_of(read.value) == "damaged", str(read.value)


@pytest.mark.slow
def test_backups_new_databases_and_exports_on_a_full_disk_say_so_and_leave_no_part_file(
    namespaces, small_db, tmp_path, spool
):
    """What else writes a file: a backup (CLI and 立即备份 share backup.backup_to), a new database (`init`), an
    export. Each is refused with its sentence, exit 4, and no empty or half file is left to be taken for a good one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    child = confined.run(
        confined.full_disk(disk, 8)
        + confined.fill(disk)
        + confined.cli("--lang", "zh", "--db", small_db, "backup", disk / "copy.duckdb")
        + "; echo BACKUP=$?\n"
        + confined.cli("--lang", "zh", "--db", disk / "new.duckdb", "init")
        + "; echo INIT=$?\n"
        + confined.cli("--lang", "zh", "--db", small_db, "export", "race_scores", "--out", disk / "x.csv")
        + "; echo EXPORT=$?\n"
        + f"ls {disk}\n"
    )
    out, err = child.stdout, child.stderr
    assert "BACKUP=4" in out and "INIT=4" in out and "EXPORT=4" in out, (out, err)
    assert err.count("保存失败：数据库所在磁盘已满") == 2, err  # the backup and the new database: writes, said so
    assert f"无法写入文件 {disk / 'x.csv'}：No space left on device" in err, err
    assert "Traceback" not in err
    listed = out.split("EXPORT=4", 1)[1].split()
    assert "copy.duckdb" not in listed and "new.duckdb" not in listed, listed


@pytest.mark.slow
def test_a_delivery_from_a_read_only_database_writes_its_files_and_says_it_did(namespaces, small_db, tmp_path, spool):
    """The files go to another folder; only the audit row needs the database: it waits in the spool, and the command
    reports the delivery as it went, not that nothing was written."""
    out = tmp_path / "delivered"
    child = confined.run(
        confined.read_only(small_db)
        + confined.cli("--lang", "zh", "--db", small_db, "deliver", "--period", "2025Q2", "--out", out, "--no-pdf")
        + "; echo EXIT=$?\n"
    )
    assert "EXIT=0" in child.stdout, (child.stdout, child.stderr)
    assert "没有写入任何数据" not in child.stderr and "Traceback" not in child.stderr, child.stderr
    assert (out / "2025-Q2_全市_通报.docx").exists()
    delivered = [row for row in state(small_db)["audit"] if row[0] == "deliver"]  # the restarted app takes the row
    assert [(outcome, detail.split(":")[0]) for _, _, outcome, detail in delivered] == [
        ("failed", "storage not_permitted")
    ]


# --- DuckLake: a catalog server that answers but refuses, told apart from one that is down


@pytest.mark.lake
def test_a_wrong_password_a_missing_database_and_a_stopped_server_are_said_apart(postgres, tmp_path, monkeypatch):
    """A wrong PostgreSQL password was said as a server that is down (无法连接数据库服务器), sending the administrator
    to restart a server that runs (docs/deployment.md said as much). Each case now has its sentence, naming the host,
    port and user (and the database missing), never the password
    (docs/decisions.md#a-catalog-server-that-refuses-the-login)."""
    from loopback import free_port

    monkeypatch.delenv("INCENTIVE_STORAGE", raising=False)
    catalog = postgres.new_database()
    postgres.execute("postgres", "DROP ROLE IF EXISTS lake_login")
    postgres.execute("postgres", "CREATE ROLE lake_login LOGIN PASSWORD 'right-secret'")
    hba = postgres.data / "pg_hba.conf"  # the test server trusts everyone: this user alone must give a password
    hba.write_text("host all lake_login 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    postgres.execute("postgres", "SELECT pg_reload_conf()")
    data = str(tmp_path / "lake-data")
    port = postgres.port

    def refusal(connection: str) -> StorageFault:
        with pytest.raises(StorageFault) as refused:
            Database(LakeLocation(f"postgres:{connection}", data))
        return refused.value

    name = catalog.split()[0].removeprefix("dbname=")
    login = refusal(f"dbname={name} host=127.0.0.1 port={port} user=lake_login password=wrong-secret")
    missing = refusal(f"dbname=no_such_catalog host=127.0.0.1 port={port} user=postgres")
    closed = free_port()
    down = refusal(f"dbname=incentive host=127.0.0.1 port={closed} user=postgres password=wrong-secret")
    assert (login.cause, missing.cause, down.cause) == ("catalog_login", "catalog_missing", "unreachable")
    assert login.sentence("zh").startswith(
        f"读取数据失败：数据库服务器 127.0.0.1:{port}（DuckLake 的 PostgreSQL 目录库）拒绝了用户 lake_login 的登录："
        "密码错误、未提供密码或没有该用户。服务器在运行。"
    )
    assert login.sentence("en").startswith(
        f"The data cannot be read: the database server 127.0.0.1:{port} (DuckLake's PostgreSQL catalog) refused the "
        "login of user lake_login: a wrong or missing password, or no such user. The server is running."
    )
    assert missing.sentence("zh").startswith(
        f"读取数据失败：数据库服务器 127.0.0.1:{port}（DuckLake 的 PostgreSQL 目录库，用户 postgres）上没有名为 "
        "no_such_catalog 的数据库。"
    )
    assert "has no database named no_such_catalog" in missing.sentence("en")
    assert down.sentence("zh").startswith(
        f"读取数据失败：无法连接数据库服务器 127.0.0.1:{closed}（DuckLake 的 PostgreSQL 目录库，用户 postgres）："
        "连接被拒绝，服务器可能未运行或网络不通。"
    )
    assert f"the database server 127.0.0.1:{closed} (DuckLake's PostgreSQL catalog, user postgres) cannot be" in (
        down.sentence("en")
    )
    for fault in (login, missing, down):
        for lang in ("zh", "en"):
            assert "secret" not in fault.sentence(lang)
        assert "wrong-secret" not in fault.detail  # the log's and the audit row's copy
