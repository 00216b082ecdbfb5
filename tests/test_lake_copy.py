"""The local copy of the lake (incentive/store/lake_copy.py): what the app's pages read on DuckLake must be what
the lake holds at that moment, after imports, rollbacks and settings changes made by any instance."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import ROOT, data_file, import_ok
from loopback import free_port

from incentive.store import batches, faults, lake_copy, queries, settings
from incentive.store.database import DataAsOf, Database, _LakeReader
from incentive.store.lake_copy import APPENDED, CHANGED, COPIED, LakeCopy


@pytest.fixture
def copy_folder(lake_location) -> Path:
    """The folder of this test's lake copies (the lake_location fixture's)."""
    return Path(os.environ["INCENTIVE_LAKE_COPY_DIR"])


@pytest.fixture
def app_and_writer(lake_location, copy_folder):
    """An app instance reading through the copy, and another instance (no copy) that writes."""
    writer = Database(lake_location)
    app = Database(lake_location, lake_copy=True)
    yield app, writer
    app.close()
    writer.close()


def _both(app: Database, name: str, **params):
    """The query through the app's connection and through the lake itself."""
    return queries.run(app.connection, name, **params), queries.run(_LakeReader(app._con), name, **params)


def _reads(app: Database) -> str:
    """Which database a cursor of the app reads: the copy (`lake_copy`) or the lake itself (`lake`)."""
    return app.connection.cursor().execute("SELECT current_database()").fetchone()[0]


def _settled(app: Database) -> None:
    """Once the copy's background refresh (if any) has finished."""
    if app.connection._catching_up is not None:
        app.connection._catching_up.join()


def test_pages_read_the_copy_and_see_every_change_of_another_instance(app_and_writer):
    app, writer = app_and_writer
    assert isinstance(app.connection, LakeCopy)
    assert _reads(app) == "lake"  # the first copy is being made: the lake itself meanwhile, nobody waits for it
    _settled(app)
    assert _reads(app) == "lake_copy"
    assert queries.run(app.connection, "race_units", county="").empty
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    units, in_lake = _both(app, "race_units", county="")  # read at once: from the lake, the copy being behind
    assert not units.empty and units.equals(in_lake)
    _settled(app)
    assert _reads(app) == "lake_copy"
    units, in_lake = _both(app, "race_units", county="")  # and from the copy, once it has caught up
    assert not units.empty and units.equals(in_lake)
    batch = import_ok(writer, "indicators.csv", data_file("indicators.csv"))
    app.connection.refresh()
    catalog, in_lake = _both(app, "race_catalog", period="2025-Q4")
    assert len(catalog) > 0 and catalog.equals(in_lake)
    batches.rollback(writer, batch, "test")
    app.connection.refresh()
    assert _reads(app) == "lake_copy"
    catalog, in_lake = _both(app, "race_catalog", period="2025-Q4")
    assert catalog.empty and in_lake.empty


def _run_state(conn) -> tuple:
    """Which database one cursor of `conn` reads, and what ui/runtime.start_run reads through it at the top of
    every page run (the data version as its string)."""
    from ui.runtime import run_state_in

    with contextlib.closing(conn.cursor()) as cur:
        info, *rest = run_state_in(cur)
        return (cur.execute("SELECT current_database()").fetchone()[0], info.version, *rest)


def test_a_runs_version_and_settings_come_from_the_copy_only_while_it_holds_the_newest_snapshot(app_and_writer):
    app, writer = app_and_writer
    app.connection.refresh()
    lake_state = _run_state(_LakeReader(app._con))[1:]
    assert _run_state(app.connection) == ("lake_copy", *lake_state)
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    settings.save(writer, "suppression_threshold", 7, "admin")
    # another instance's writes: the copy is behind, so the run reads the lake itself, never the copy's older state
    where, *state = _run_state(app.connection)
    assert where == "lake" and state == list(_run_state(_LakeReader(app._con))[1:])
    assert state[0] != lake_state[0] and state[1]["suppression_threshold"] == 7
    _settled(app)
    assert _run_state(app.connection) == ("lake_copy", *state)


def test_a_change_copies_only_the_tables_it_touched(app_and_writer):
    app, writer = app_and_writer
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    app.connection.refresh()
    settings.save(writer, "coverage_target", 96, "admin")
    app.connection.refresh()
    # rows added: only those rows; and the one row of the serial writes' counter (settings are dated in one)
    assert app.connection.copied == {"audit": APPENDED, "settings": APPENDED, "write_serial": CHANGED}
    assert settings.current(app)["coverage_target"] == 96  # settings are read from the lake itself too
    copied = app.connection.cursor().execute("SELECT value FROM settings WHERE key = 'coverage_target'").fetchall()
    assert copied and float(copied[-1][0]) == 96
    import_ok(writer, "training.tsv", data_file("training.tsv"))
    app.connection.refresh()
    assert app.connection.copied["training"] == APPENDED and "training_kept" not in app.connection.copied
    batch_again = import_ok(writer, "training.tsv", data_file("training.tsv"))  # supersedes the first batch's rows
    app.connection.refresh()
    assert app.connection.copied["training_partial"] == APPENDED  # the first batch, superseded in part (here whole)
    assert "training_kept" not in app.connection.copied  # none of its rows left current: no row kept
    _same_tables(app, writer)
    batches.rollback(writer, batch_again, "test")  # the batch's row updated, the first batch current whole again
    app.connection.refresh()
    assert app.connection.copied["batches"] == CHANGED and app.connection.copied["training_partial"] == CHANGED
    _same_tables(app, writer)


def test_changes_other_than_rows_added_or_removed_copy_the_table_whole():
    assert lake_copy._how({"tables_inserted_into", "inlined_insert"}) == APPENDED
    assert lake_copy._how({"inlined_insert", "tables_deleted_from"}) == CHANGED
    # the same rows in other files (maintenance), or a kind of change this version of DuckLake did not know
    assert lake_copy._how({"inlined_insert", "flushed_inlined"}) == COPIED
    assert lake_copy._how({"merge_adjacent"}) == COPIED


def _same_tables(app: Database, writer: Database) -> None:
    assert _reads(app) == "lake_copy"
    for table in ("batches", "training", "training_partial", "training_kept", "settings", "audit"):
        through_copy = app.connection.cursor().execute(f"SELECT * FROM {table}").df()
        assert _in_order(through_copy).equals(_in_order(writer.fetch_df(f"SELECT * FROM {table}"))), table


def test_a_new_table_in_the_lake_copies_everything(app_and_writer):
    app, writer = app_and_writer
    app.connection.refresh()
    with writer.exclusive() as cur:
        cur.execute("CREATE TABLE lake_copy_probe AS SELECT 42 AS answer")
    assert app.connection.cursor().execute("SELECT answer FROM lake_copy_probe").fetchall() == [(42,)]
    assert len(app.connection.copied) > 10  # every table again, not only the new one


def test_a_pinned_link_through_the_copy_sees_what_the_lake_saw(app_and_writer):
    app, writer = app_and_writer
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    moment = dt.datetime.now()
    batch = import_ok(writer, "indicators.csv", data_file("indicators.csv"))
    batches.rollback(writer, batch, "test")
    import_ok(writer, "indicators.csv", data_file("indicators.csv"))
    for name, params in (("race_units", {"county": ""}), ("race_catalog", {"period": "2025-Q4"})):
        pinned = queries.run(DataAsOf(app.connection, moment), name, **params)
        assert pinned.equals(queries.run(DataAsOf(_LakeReader(app._con), moment), name, **params))
    assert queries.run(DataAsOf(app.connection, moment), "race_catalog", period="2025-Q4").empty


def _holding(lock_file: Path) -> subprocess.Popen:
    """Another process holding `lock_file` as a running copy's process does, until killed."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[2]); from incentive.store import lake_copy; "
            "assert lake_copy._hold(__import__('pathlib').Path(sys.argv[1])) is not None; print('held', flush=True); "
            "sys.stdin.read()",
            str(lock_file),
            str(ROOT),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline() == "held\n"
    return child


def test_a_second_process_copies_for_itself_and_orphans_are_removed(lake_location, copy_folder):
    copy_folder.mkdir(parents=True, mode=0o700)
    killed, running = copy_folder / "copy-1-0123456789ab.lock", copy_folder / "copy-1-ba9876543210.lock"
    dead, alive = _holding(killed), _holding(running)  # both pid 1 in their containers, say: locks, not ids
    for lock_file in (killed, running):
        lock_file.with_suffix(".duckdb").write_bytes(b"a copy")
    dead.kill()
    dead.wait()
    first = Database(lake_location, lake_copy=True)
    assert not killed.exists() and not killed.with_suffix(".duckdb").exists()  # the killed process's: removed
    assert running.exists() and running.with_suffix(".duckdb").exists()  # the running one's: kept
    assert first.connection.kept and first.connection.path.name == f"lake-{lake_copy.key_of(lake_location)}.duckdb"
    # another server on the same lake and machine (flock: two openings of one file conflict, as two processes do)
    second = Database(lake_location, lake_copy=True)
    assert not second.connection.kept and second.connection.path.name.startswith("copy-")
    path = second.connection.path
    second.connection.refresh()
    assert path.exists() and path.with_suffix(".lock").exists()
    second.close()
    assert not path.exists() and not path.with_suffix(".lock").exists()  # its own copy goes with it
    kept = first.connection.path
    first.connection.refresh()
    first.close()
    assert kept.exists() and not Path(f"{kept}.wal").exists()  # the kept one stays, checkpointed
    alive.stdin.close()
    alive.wait()
    # a kept copy of another lake nobody has opened for a month goes; one opened within it stays
    abandoned, recent = copy_folder / "lake-0123456789abcdef.duckdb", copy_folder / "lake-fedcba9876543210.duckdb"
    for copy in (abandoned, recent):
        copy.write_bytes(b"a kept copy")
        copy.with_suffix(".lock").touch()
    month_ago = time.time() - (lake_copy.KEPT_DAYS + 1) * 86400
    os.utime(abandoned, (month_ago, month_ago))
    Database(lake_location, lake_copy=True).close()
    assert not abandoned.exists() and not abandoned.with_suffix(".lock").exists()
    assert recent.exists() and kept.exists()


@pytest.mark.slow
def test_a_second_server_stopped_with_sigterm_removes_its_copy(lake_location, copy_folder, tmp_path):
    """`systemctl stop` sends SIGTERM: uvicorn, which serves st.App, shuts the server down and then raises the
    signal again with its default handler, which ends the process before any exit handler (atexit) runs; the
    second instance's copy stayed behind until the next start. The server's lifespan closes it (ui/server.py)."""
    first = Database(lake_location, lake_copy=True)  # holds the kept copy: the server makes one of its own
    log = tmp_path / "streamlit.log"
    environment = {
        **os.environ,
        "INCENTIVE_STORAGE": lake_location.setting,
        "INCENTIVE_DATA_PATH": lake_location.data_path,
        "INCENTIVE_WARM_UP": "1",  # its first page run opens the database, and the copy with it
    }
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true"]
    with log.open("w") as out:
        server = subprocess.Popen(
            [*command, "--server.port", str(free_port())], cwd=ROOT, env=environment, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 120
        while not list(copy_folder.glob(f"copy-{server.pid}-*.duckdb")) and time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        made = list(copy_folder.glob(f"copy-{server.pid}-*"))
        assert {p.suffix for p in made} >= {".duckdb", ".lock"}, log.read_text()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=90)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        first.close()
    assert server.returncode == -signal.SIGTERM, log.read_text()  # it still ends of the signal, as systemd expects
    assert not [p for p in made if p.exists()], log.read_text()  # the copy, its WAL and its lock: gone
    assert first.connection.path.exists()  # the kept copy, another process's, stays


def test_a_restarted_server_reads_its_kept_copy_at_once_and_follows_what_changed_meanwhile(lake_location, copy_folder):
    writer = Database(lake_location)
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    app = Database(lake_location, lake_copy=True)
    held = app.connection.refresh()
    app.close()
    again = Database(lake_location, lake_copy=True)
    assert _reads(again) == "lake"  # until the kept file has been read whole
    _settled(again)
    assert again.connection.snapshot == held and again.connection.copied == {}  # nothing copied again
    assert _reads(again) == "lake_copy"
    assert oct(again.connection.path.stat().st_mode & 0o777) == "0o600"  # every table, password hashes too
    assert oct(copy_folder.stat().st_mode & 0o777) == "0o700"
    units, in_lake = _both(again, "race_units", county="")
    assert not units.empty and units.equals(in_lake)
    again.close()
    import_ok(writer, "training.tsv", data_file("training.tsv"))  # while no server runs
    third = Database(lake_location, lake_copy=True)
    assert _reads(third) == "lake"  # behind: the lake itself, while the copy follows the changes
    _settled(third)
    assert third.connection.copied["training"] == APPENDED and COPIED not in third.connection.copied.values()
    _same_tables(third, writer)
    third.close()
    writer.close()


def test_a_server_killed_mid_refresh_leaves_the_snapshot_before(lake_location, copy_folder):
    """The snapshot a kept copy records is written in the transaction of its rows: a process killed after copying
    rows of a newer snapshot, before its commit, leaves a file holding the older one whole."""
    writer = Database(lake_location)
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    app = Database(lake_location, lake_copy=True)
    held = app.connection.refresh()
    app.close()
    import_ok(writer, "training.tsv", data_file("training.tsv"))
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from incentive.store.database import Database; "
        "from incentive.store.lake import LakeLocation; "
        "Database(LakeLocation(sys.argv[2], sys.argv[3]), lake_copy=True).connection.refresh()"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), lake_location.catalog, lake_location.data_path],
        env={**os.environ, faults.VARIABLE: "copy_before_commit"},  # killed there: training rows added, uncommitted
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "reached: copy_before_commit" in child.stderr
    assert child.returncode == -9
    after = Database(lake_location, lake_copy=True)
    assert after.connection.kept and after.connection._unverified[0][0] == held
    counted = after.connection._connection.execute("SELECT count(*) FROM lake_copy.rows.training").fetchone()
    assert counted == (0,)  # the rows of the killed refresh are not there
    after.connection.refresh()
    assert after.connection.copied["training"] == APPENDED
    _same_tables(after, writer)
    after.close()
    writer.close()


@pytest.fixture
def kept_copy(lake_location, copy_folder):
    """(a writing instance, the kept copy's file) after a server copied the lake holding the regions, and stopped."""
    writer = Database(lake_location)
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    app = Database(lake_location, lake_copy=True)
    app.connection.refresh()
    app.close()
    yield writer, app.connection.path
    writer.close()


def test_a_kept_copy_that_cannot_be_used_is_made_again(lake_location, kept_copy, caplog):
    writer, kept = kept_copy
    with duckdb.connect(str(kept)) as con:  # written by another layout of the copy
        con.execute(f"UPDATE {lake_copy.STATE}.held SET layout = layout + 1")
    app = Database(lake_location, lake_copy=True)
    assert app.connection.kept and app.connection._unverified is None  # copied again whole
    app.connection.refresh()
    assert len(app.connection.copied) > 10 and set(app.connection.copied.values()) == {COPIED}
    app.close()
    kept.write_bytes(b"not a DuckDB file")  # damaged, or another DuckDB version's format
    app = Database(lake_location, lake_copy=True)
    assert "could not be opened; making it again" in caplog.text
    assert app.connection.kept and app.connection._unverified is None
    app.connection.refresh()
    units, in_lake = _both(app, "race_units", county="")
    assert not units.empty and units.equals(in_lake)
    app.close()
    _damage_inside(kept)
    app = Database(lake_location, lake_copy=True)
    app.connection.refresh()
    assert "could not be read whole; making it again" in caplog.text
    assert set(app.connection.copied.values()) == {COPIED}
    _same_tables(app, writer)
    app.close()


def _damage_inside(kept: Path) -> None:
    """Damage a block of a copy's rows, its header whole: it opens, and a read of its rows fails on a block's
    checksum."""
    with duckdb.connect(str(kept), read_only=True) as con:  # where a table's rows are (DuckDB's own map)
        (block,) = con.execute(
            "SELECT min(block_id) FROM pragma_storage_info('rows.regions') WHERE block_id >= 0"
        ).fetchone()
        (block_size,) = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()
    with open(kept, "r+b") as damaged:
        damaged.seek(3 * 4096 + block * block_size + 64)  # after the file's three header blocks
        damaged.write(os.urandom(4096))


def test_a_damaged_kept_copy_that_cannot_be_made_again_at_once_is_made_by_a_later_refresh(
    lake_location, kept_copy, caplog
):
    """The folder gone when a damaged copy is let go of (a disk unmounted): the pages read the lake, and a refresh
    once the folder is back makes the copy again, without the damaged file."""
    writer, kept = kept_copy
    _damage_inside(kept)
    app = Database(lake_location, lake_copy=True)  # its header opens
    folder = kept.parent
    away = folder.with_name(f"{folder.name}-away")
    folder.rename(away)  # the open file stays open; a new one cannot be made
    folder.write_bytes(b"")
    with pytest.raises(duckdb.Error):
        app.connection.refresh()
    assert "could not be read whole; making it again" in caplog.text
    units, in_lake = _both(app, "race_units", county="")
    assert not units.empty and units.equals(in_lake)  # read from the lake itself
    _settled(app)  # the refresh that read started in the background, failed too
    folder.unlink()
    away.rename(folder)  # back, with the damaged file in it
    app.connection.refresh()
    assert set(app.connection.copied.values()) == {COPIED}
    _same_tables(app, writer)
    app.close()


def test_a_kept_copy_whose_record_cannot_be_read_is_copied_again_with_a_warning(lake_location, kept_copy, caplog):
    writer, kept = kept_copy
    with duckdb.connect(str(kept)) as con:  # the record's table of another shape
        con.execute(f"ALTER TABLE {lake_copy.STATE}.held DROP COLUMN committed")
    app = Database(lake_location, lake_copy=True)
    assert "could not be read; copying the lake again whole" in caplog.text
    app.connection.refresh()
    assert set(app.connection.copied.values()) == {COPIED}
    _same_tables(app, writer)
    app.close()


def test_a_kept_copy_is_followed_whatever_the_time_zone(lake_location, kept_copy):
    """The commit time the copy records is the same number in any time zone: a server started again under
    another one follows the changes (nothing here) instead of copying everything."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from incentive.store.database import Database; "
        "from incentive.store.lake import LakeLocation; "
        "db = Database(LakeLocation(sys.argv[2], sys.argv[3]), lake_copy=True); "
        "db._con.execute(\"SET TimeZone = 'Asia/Shanghai'\"); db.connection.refresh(); print(db.connection.copied)"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), lake_location.catalog, lake_location.data_path],
        env={**os.environ, "TZ": "Asia/Shanghai"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "{}"


def test_a_kept_copy_another_process_has_open_is_left_alone(lake_location, kept_copy):
    _, kept = kept_copy
    before = kept.stat().st_ino
    looking = subprocess.Popen(  # someone inspecting the file with DuckDB
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print('open', flush=True); sys.stdin.read()",
            str(kept),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert looking.stdout.readline() == "open\n"
    app = Database(lake_location, lake_copy=True)
    assert not app.connection.kept and app.connection.path.name.startswith("copy-")  # a copy of its own
    assert kept.stat().st_ino == before  # the kept file untouched
    app.connection.refresh()
    units, in_lake = _both(app, "race_units", county="")
    assert not units.empty and units.equals(in_lake)
    app.close()
    looking.stdin.close()
    looking.wait()


def test_the_command_line_and_writes_read_the_lake_itself(lake_location, copy_folder):
    db = Database(lake_location)
    assert isinstance(db.connection, _LakeReader)
    db.close()
    assert not copy_folder.exists() or not list(copy_folder.iterdir())


def test_a_copy_that_cannot_be_refreshed_gives_the_lake_itself(app_and_writer, caplog):
    app, writer = app_and_writer
    app.connection.refresh()
    app._con.execute("DETACH lake_copy")  # the copy's file gone from under it, as a failed disk would leave it
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    units, in_lake = _both(app, "race_units", county="")
    assert not units.empty and units.equals(in_lake)
    _settled(app)
    assert "could not be refreshed" in caplog.text
    failed = app.connection._catching_up
    assert _reads(app) == "lake" and app.connection._catching_up is failed  # not tried again at once


def test_expired_snapshots_between_two_reads_copy_everything(app_and_writer):
    app, writer = app_and_writer
    app.connection.refresh()
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    settings.save(writer, "coverage_target", 96, "admin")
    with writer.exclusive() as cur:  # another process's maintenance: the change lists of those commits are gone
        cur.execute("CALL ducklake_expire_snapshots('lake', older_than => now())")
    app.connection.refresh()
    assert _reads(app) == "lake_copy"
    units, in_lake = _both(app, "race_units", county="")
    assert not units.empty and units.equals(in_lake)
    assert len(app.connection.copied) > 10


# A value for every parameter the named queries take (queries/*.sql): the sample's last full year.
_PARAMS = {
    "listed": 200,  # roster_changes, roster_other_counties: the first 200 of each list
    "covered": None,  # roster_other_counties: the viewer may see every county named
    "county": "",
    "start": dt.date(2025, 1, 1),
    "as_of": dt.date(2025, 12, 31),
    "end": dt.date(2025, 12, 31),
    "follow_start": dt.date(2026, 1, 1),
    "follow_end": dt.date(2026, 12, 31),
    "records_end": dt.date(2025, 12, 31),
    "day": dt.date(2025, 12, 31),
    "days": [dt.date(2025, 6, 30), dt.date(2025, 12, 31)],
    "year": 2025,
    "period": "2025-Q4",
    "periods": ["2025-Q3", "2025-Q4"],
    "domain": "race",
    "months": 12,
    "by": "county",
    "to_come": 0,
    "low": 0,
    "high": 100,
    "keys": ["due_days_training", "training_cycle_months"],
    "kind": "training",
    "most_records": 3,
    "typical_records": 30,
    "thin_share": 0.1,
    "usual_months": 3,
    "batches": [2],  # catalog_after_rollback: the sample's catalog batch
    "name_after": True,
    "file_only": False,  # cadre_id_case_records: every stored roster's ids
}


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows in one order (a query without ORDER BY returns them as the scan found them)."""
    text = frame.astype(str).set_axis(range(frame.shape[1]), axis=1).reset_index(drop=True)
    order = text.sort_values(list(text.columns), kind="stable").index  # column by column: rows as tuples of text
    return frame.iloc[order].reset_index(drop=True)


# queries reading another kind's rows as `incoming`: a roster file of one county, the catalog as a catalog file
OWN_INCOMING = {
    # 30 records of a 棠梨县 cadre in June 2025 and one in a month it has not sent (none stored before 2023)
    "import_lone_months": lambda con: pd.DataFrame(
        {
            "cadre_id": [
                con.cursor().execute("SELECT min(cadre_id) FROM current_roster WHERE county = '棠梨县'").fetchone()[0]
            ]
            * 31,
            "date": [dt.date(2025, 6, 1 + i % 28) for i in range(30)] + [dt.date(2021, 7, 6)],
        }
    ),
    "roster_counties_left_out": lambda con: pd.DataFrame({"county": ["云岫县"], "as_of": [dt.date(2025, 12, 31)]}),
    "roster_other_counties": lambda con: (  # another county's cadre on a county's own roster of 2025-12-31
        con.cursor()
        .execute(
            "SELECT as_of, cadre_id, name, 2 AS source_row FROM current_roster "
            "WHERE as_of = DATE '2025-12-31' AND county <> '云岫县' ORDER BY cadre_id LIMIT 1"
        )
        .df()
    ),
    "cadre_id_spellings": lambda con: (  # the first cadre of the rosters in lower case, the second as stored
        con.cursor()
        .execute(
            "SELECT lower(cadre_id) AS cadre_id FROM (SELECT DISTINCT cadre_id FROM current_roster) ORDER BY 1 LIMIT 2"
        )
        .df()
        .assign(cadre_id=lambda frame: [frame["cadre_id"].iloc[0], frame["cadre_id"].iloc[1].upper()])
    ),
    "cadre_id_case_records": lambda con: pd.DataFrame({"cadre_id": ["lz000001"]}),  # a roster file's id
    "roster_changes": lambda con: (  # one cadre of the 2025-12-31 snapshot, his rank corrected
        con.cursor()
        .execute(
            "SELECT * REPLACE ('四级调研员' AS rank) FROM current_roster "
            "WHERE as_of = DATE '2025-12-31' AND cadre_id = (SELECT min(cadre_id) FROM current_roster)"
        )
        .df()
    ),
    "catalog_after_import": lambda con: (
        con.cursor().execute("SELECT *, '' AS class_weights FROM current_indicators").df()
    ),
}


@pytest.mark.slow
def test_every_named_query_gives_the_same_rows_through_the_copy_as_the_lake(lake_location, copy_folder):
    from incentive.accounts.roles import Scope
    from incentive.demo.sample import load_sample
    from incentive.training import coverage

    app = Database(lake_location, lake_copy=True)
    load_sample(app)
    app.connection.refresh()
    assert _reads(app) == "lake_copy"
    lake_itself = _LakeReader(app._con)
    window = coverage.Window(dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025")
    caller_tables = {  # the frames some queries read beside the database, registered by their callers
        "cadres": coverage.cadres_in(lake_itself, window),
        "incoming": pd.DataFrame(
            {"period": ["2025-Q4"], "county": ["云岫县"], "township": [""], "indicator": ["X"], "value": [1.0]}
        ),
        "period_pairs": pd.DataFrame({"period": ["2025-Q4", "2025-Q3"], "previous": ["2025-Q3", "2025-Q2"]}),
        "homes": queries.arrow(lake_itself, "cycle_homes"),
        # what rolling back the sample's catalog batch re-scores (rollback_effects): its periods and catalog after
        "stored_periods": lake_itself.cursor().execute("SELECT DISTINCT domain, period FROM current_values").df(),
        "versions_after": queries.run(lake_itself, "catalog_after_rollback", batches=[2]),
    }
    cadre = queries.run(lake_itself, "export_roster", scope=Scope(None))["cadre_id"].iloc[0]
    compared = []
    for name in queries.names():
        params = {key: cadre if key == "cadre_id" else _PARAMS[key] for key in queries.load(name)[1]}
        sql = queries.load(name)[0]
        # read by name, or named to a macro that reads it (schema 023's values_after_file('incoming', …))
        tables = {k: frame for k, frame in caller_tables.items() if re.search(rf"(FROM|JOIN) {k}\b|'{k}'", sql)}
        if name in OWN_INCOMING:  # a file of another kind as `incoming`
            tables["incoming"] = OWN_INCOMING[name](lake_itself)
        scope = Scope(None) if queries.named_cadres(name) else None
        through_copy = queries.run(app.connection, name, tables, scope=scope, **params)
        in_lake = queries.run(lake_itself, name, tables, scope=scope, **params)
        pd.testing.assert_frame_equal(_in_order(through_copy), _in_order(in_lake), obj=name)
        assert app.connection._held == app.connection._newest()  # it was the copy that was read
        compared.append((name, len(in_lake)))
    assert sum(rows > 0 for _, rows in compared) >= 40, compared  # real rows, not empty frames agreeing
    app.close()


def test_a_restored_catalog_whose_snapshot_ids_repeat_is_copied_again(app_and_writer, lake_location, postgres):
    """A catalog restored from its backup, then written again up to the same snapshot id as the copy holds: the
    same id names another commit, which the copy must not take for the one it holds."""
    app, writer = app_and_writer
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    app.connection.refresh()
    dump = Path(lake_location.data_path).parent / "catalog.dump"
    catalog = lake_location.catalog.removeprefix("postgres:")
    connection = dict(part.split("=", 1) for part in catalog.split())
    client = ["-h", connection["host"], "-p", connection["port"], "-U", connection["user"], "-d", connection["dbname"]]
    subprocess.run([str(postgres.bin / "pg_dump"), "-Fc", "-f", str(dump), *client], check=True)
    import_ok(writer, "indicators.csv", data_file("indicators.csv"))
    held = app.connection.refresh()
    writer.close()
    subprocess.run(
        [str(postgres.bin / "pg_restore"), "--clean", "--if-exists", *client, str(dump)],
        check=True,
        capture_output=True,
    )
    after = Database(lake_location)
    import_ok(after, "movements.csv", data_file("movements.csv"))  # the next commit: the same id, other rows
    assert after.fetch_all("FROM ducklake_current_snapshot('lake')") == [(held,)]
    app.connection.refresh()
    assert _reads(app) == "lake_copy"
    for table in ("batches", "indicators", "movements", "audit"):
        through_copy = app.connection.cursor().execute(f"SELECT * FROM {table}").df()
        assert _in_order(through_copy).equals(_in_order(after.fetch_df(f"SELECT * FROM {table}"))), table
    assert app.connection.cursor().execute("SELECT count(*) FROM current_indicators").fetchall() == [(0,)]
    after.close()


def test_a_folder_open_to_others_gets_no_copy(lake_location, copy_folder, caplog):
    """The copy holds password hashes, and the WAL beside it gets the process's umask: a folder that existed, open
    to other users, is left as it is and not used."""
    copy_folder.mkdir(mode=0o755)
    copy_folder.chmod(0o755)  # whatever the umask
    db = Database(lake_location, lake_copy=True)
    assert isinstance(db.connection, _LakeReader)
    assert "is open to other users (mode 755)" in caplog.text
    assert not list(copy_folder.iterdir())
    db.close()
    copy_folder.chmod(0o700)
    db = Database(lake_location, lake_copy=True)
    assert isinstance(db.connection, LakeCopy)
    db.close()


def test_a_folder_of_another_user_gets_no_copy_and_keeps_its_mode(lake_location, copy_folder, caplog):
    if os.getuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    copy_folder.mkdir(mode=0o750)
    copy_folder.chmod(0o750)
    os.chown(copy_folder, 65534, 65534)  # nobody's
    db = Database(lake_location, lake_copy=True)
    assert isinstance(db.connection, _LakeReader)
    assert "belongs to user id 65534, not to this process's (0)" in caplog.text
    assert copy_folder.stat().st_mode & 0o777 == 0o750  # not this process's to change
    db.close()


def test_no_disk_for_a_copy_reads_the_lake(lake_location, monkeypatch, caplog):
    monkeypatch.setenv("INCENTIVE_LAKE_COPY_DIR", "/proc/no-copy-here")  # a folder nobody can make
    db = Database(lake_location, lake_copy=True)
    assert isinstance(db.connection, _LakeReader)
    assert "no local copy of the lake" in caplog.text
    import_ok(db, "regions.csv", data_file("regions.csv"))
    assert not queries.run(db.connection, "race_units", county="").empty
    db.close()


def test_the_copy_file_does_not_grow_with_every_change(app_and_writer):
    app, writer = app_and_writer
    import_ok(writer, "regions.csv", data_file("regions.csv"))
    sizes = []
    for _ in range(5):
        batch = import_ok(writer, "training.tsv", data_file("training.tsv"))
        app.connection.refresh()
        batches.rollback(writer, batch, "test")
        app.connection.refresh()
        sizes.append(app.connection.path.stat().st_size)
    assert sizes[-1] <= sizes[1] + 2**20, sizes  # blocks of replaced rows are used again, not added to
