"""The open database: one DuckDB connection per process (a file, or DuckLake attached to an in-memory DuckDB),
cursors for reading, transactions for writing.

A DuckDB connection refuses concurrent calls, so every query takes a cursor of its own; writes go through one lock
and one transaction each. On DuckLake, where several processes write, batch writes also conflict on one shared row
and are retried (`Database.serial_write`). What is read and written lives in the modules beside this one
(`batches`, `audit`, `backup`, `settings` …), which take a `Database` as their first argument.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from incentive import config
from incentive.store import failed_writes, faults, lake, migrations
from incentive.store.lake import LakeLocation
from incentive.store.lake_copy import LakeCopy, key_of
from incentive.store.storage_faults import LOCKED, NOT_PERMITTED, StorageFault, fault_of

SERIAL_ATTEMPTS = 20
_LOG = logging.getLogger("incentive.storage")
T = TypeVar("T")


class DatabaseLocked(StorageFault):
    """Another process (normally the running app) holds the database file."""

    def __init__(self, path: str) -> None:
        super().__init__(LOCKED, path, writing=False)


class Database:
    """A DuckDB file (`path`; `":memory:"` for none) or a DuckLake (`LakeLocation`), migrated on opening.

    `wait_seconds`: how long to keep trying while another process holds the file, then `DatabaseLocked`.
    `created` is True when the schema was created by this opening (a new database). A file this process may read
    but not write is opened `read_only`: every page reads, every write raises a StorageFault (not_permitted).
    Storage that refuses the opening itself raises a StorageFault (issue 25).

    `lake_copy`: on DuckLake, `connection` reads a local copy of the lake's newest snapshot (store/lake_copy.py)
    once it holds it, and the lake itself until then; for the app's server, which reads the same data many times.
    Ignored for a file."""

    def __init__(self, path: str | Path | LakeLocation, *, wait_seconds: float = 0.0, lake_copy: bool = False) -> None:
        self.path = str(path)
        self.lake = path if isinstance(path, LakeLocation) else None
        self.read_only = False
        self._copy: LakeCopy | None = None
        new_file = self.lake is None and self.path != ":memory:" and not Path(self.path).exists()
        try:
            if self.lake is not None:
                self._con = lake.connect(self.lake, _config())
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._con, self.read_only = _connect(self.path, wait_seconds)
            self._write_lock = threading.Lock()
            with self.exclusive() as cur:
                self.created = (
                    _check_current(cur) if self.read_only else migrations.apply(cur, on_lake=self.lake is not None)
                )
        except (duckdb.Error, OSError) as e:
            if new_file:  # a database that could not be made leaves no part-made file to be taken for one
                if getattr(self, "_con", None) is not None:
                    with contextlib.suppress(duckdb.Error):
                        self._con.close()
                for leftover in (Path(self.path), Path(self.path + ".wal")):
                    with contextlib.suppress(OSError):
                        leftover.unlink(missing_ok=True)
            fault = fault_of(e, writing=new_file)  # making a database is a write; opening one a read
            if fault is None:
                raise
            raise fault from e
        if not self.read_only:
            self._take_spooled()
        if lake_copy and self.lake is not None:
            try:
                self._copy = LakeCopy(self._con, lake_key=key_of(self.lake))
            except (duckdb.Error, OSError):  # no local disk for it: the pages read the lake itself, as before
                _LOG.warning("no local copy of the lake could be made; reading the lake", exc_info=True)

    def close(self) -> None:
        if self._copy is not None:
            self._copy.close()
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self._con.cursor()
        return lake.prepare(cursor) if self.lake is not None else cursor

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """What queries read through: the DuckDB connection, or on DuckLake an object whose cursors are pointed at
        the lake, or at the local copy of its newest snapshot (queries.run, rankings and DataAsOf only ask for
        cursors)."""
        if self._copy is not None:
            return self._copy
        return self._con if self.lake is None else _LakeReader(self._con)

    def fetch_df(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        with contextlib.closing(self.cursor()) as cur:
            return cur.execute(sql, params or {}).df()

    def fetch_all(self, sql: str, params: dict | None = None) -> list[tuple]:
        with contextlib.closing(self.cursor()) as cur:
            return cur.execute(sql, params or {}).fetchall()

    @contextlib.contextmanager
    def exclusive(self):
        """A cursor while no other write of this process runs, outside any transaction: for statements that manage
        their own (migrations, ATTACH and COPY of a backup)."""
        with self._write_lock, contextlib.closing(self.cursor()) as cur:
            yield cur

    @contextlib.contextmanager
    def transaction(self):
        """One writer at a time, all or nothing: the cursor yielded is inside a transaction, committed when the
        block ends and rolled back when it raises. When the storage refuses (a full disk, a read-only file or
        folder, a catalog server gone) nothing is written, the audit rows of the attempt are spooled
        (failed_writes) and a StorageFault is raised in place of the storage's error."""
        with self.exclusive() as cur, failed_writes.journal() as written:
            try:  # opened read-only: the first write statement fails "in read-only mode", after the rows noted
                cur.begin()
                yield cur
                cur.commit()
            except BaseException as e:
                _roll_back(cur)
                fault = fault_of(e, writing=True)
                if fault is None:
                    raise
                failed_writes.spool(self.path, written, fault)
                if fault is e:
                    raise
                raise fault from e
        self._take_spooled()

    def _take_spooled(self) -> None:
        """Writes refused earlier go into the audit log now that a write succeeds (failed_writes.drain); left
        spooled, silently, while the storage still refuses."""
        if not failed_writes.spool_file(self.path).exists():
            return
        with self.exclusive() as cur:
            try:
                cur.begin()
                failed_writes.drain(cur, self.path)
                cur.commit()
            except (duckdb.Error, OSError):
                _roll_back(cur)
                return
        failed_writes.forget(self.path)

    def serial_write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run `work` in one transaction that no other batch write, in this process or another, overlaps: within a
        process the write lock; across DuckLake processes a conflict on `write_serial` at commit, after which
        the work runs again on the data the other write left (up to SERIAL_ATTEMPTS times)."""
        for attempt in range(1, SERIAL_ATTEMPTS + 1):
            try:
                with self.transaction() as cur:
                    if self.lake is not None:
                        cur.execute("UPDATE write_serial SET writes = writes + 1")
                    result = work(cur)
                    faults.reach("before_commit")
                faults.reach("after_commit")
                return result
            except duckdb.TransactionException as e:
                if self.lake is None or "conflict" not in str(e).lower() or attempt == SERIAL_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.05, 0.25) * attempt)
        raise AssertionError("unreachable")


class _LakeReader:
    """A DuckLake connection handing out cursors that search the lake, then the process's macros."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return lake.prepare(self._connection.cursor())


class DataAsOf:
    """The database as it was at a moment (a pinned link): every cursor handed out sees only the batches created by
    then and not rolled back by then (schema 002's `as_of` variable). Passed where a connection is expected, since
    queries.run only asks it for cursors."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, moment: dt.datetime) -> None:
        self._connection = connection
        self.moment = moment

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self._connection.cursor()
        cur.execute(f"SET VARIABLE as_of = TIMESTAMP '{self.moment:%Y-%m-%d %H:%M:%S.%f}'")  # a datetime, never text
        return cur


def _config() -> dict:
    """DuckDB's settings for the database: its memory (config.memory_limit), beyond which it works on disk, and its
    threads when set (config.duckdb_threads)."""
    return {"memory_limit": config.memory_limit(), **config.duckdb_thread_setting()}


def _connect(path: str, wait_seconds: float) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """The connection and whether it is read-only: a file this process may not write (its mode, its owner, a
    read-only mount) is opened for reading rather than refused, so the pages still show it."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(path, config=_config()), False
        except duckdb.IOException as e:
            text = str(e).lower()
            if "permission denied" in text or "read-only file system" in text:
                if not Path(path).exists():
                    raise
                return duckdb.connect(path, read_only=True, config=_config()), True
            if "could not set lock" not in text and "conflicting lock" not in text:  # not "block": a corrupt one
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(path) from e
            time.sleep(0.5)


def _check_current(cur: duckdb.DuckDBPyConnection) -> bool:
    """On a read-only file: the schema must be this version's, since no migration can run (False: not new)."""
    latest = migrations.ordered()[-1][0]
    tables = {row[0] for row in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    current = cur.execute("SELECT max(version) FROM schema_version").fetchone()[0] if "schema_version" in tables else 0
    if (current or 0) < latest:
        raise StorageFault(
            NOT_PERMITTED, f"read-only database at schema {current}, this version needs {latest}", writing=False
        )
    return False


def _roll_back(cur: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is open; a commit the storage refused has already ended the transaction."""
    with contextlib.suppress(duckdb.Error):
        cur.rollback()
