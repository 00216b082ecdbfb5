"""A local DuckDB copy of the lake as of its newest snapshot, which the app's pages read instead of the lake.

Every query on DuckLake first asks the catalog server which Parquet files, delete files and inlined rows make up
each table it reads: 20-40 PostgreSQL statements and as many milliseconds before a row is read, for every query
(docs/performance.md), and a page runs dozens. A snapshot never changes, so what it holds can be read once: this
copy holds every table of the lake as of one snapshot, in a DuckDB file of this process, with the lake's views
created over it.

Each cursor handed out first asks the lake for its newest snapshot (one catalog statement). When the copy holds
it, the cursor reads the copy; when it does not (another instance or the command line wrote since, or the first
copy is still being made), the cursor reads the lake itself, as before there was a copy, while a thread of its
own brings the copy up to date: a page never reads older data than the lake's, and never waits for the copy. The
copy follows the snapshots' change lists: a table that only gained rows gets those rows (an import, a settings
change, an audit entry), a table with rows deleted or updated has the rows touched read again by the row ids
DuckLake keeps (a rollback, an import that supersedes records), and anything else copies the table, or
everything, whole (a table or view created, altered or dropped; snapshots expired in between).

The copy is kept across restarts: a file under INCENTIVE_LAKE_COPY_DIR (else the user's cache folder) named after
the lake (`lake-<hash of its catalog and data path>.duckdb`), which records the snapshot it holds in the same
transaction as the rows (a process killed mid-refresh leaves the snapshot before). A server started again finds
it, asks the lake whether that snapshot is still there as it was, and follows the changes since, instead of
copying the province again (12-19 s, docs/performance.md). A DuckDB file admits one process: the process holds a
lock on a file beside it, and a second process on the same lake and machine makes a copy of its own
(`copy-<pid>-<id>.duckdb`), removed when it ends (a server as it stops, on SIGTERM too: close_all); the next
process to start a copy removes those whose lock nobody holds (left by a process that was killed). A kept file is
trusted once read whole (every block's checksum, about 0.6 s for the province, in the background); one that cannot
be opened or read (another DuckDB version's format, a damaged disk) is made again, and one that another process has
open is left alone. The copy holds every table, password hashes too: the file is 0600, and the folder is made 0700
(the default folder too). A folder named by INCENTIVE_LAKE_COPY_DIR that already existed is left as it is, and a
copy is made in a folder only when it belongs to this process's user and is open to nobody else: otherwise the lake
is read itself (_check_private). Writes never go through the copy: they run on the lake in their own transactions
(`Database.transaction`), and the command line reads the lake itself (a one-off run would copy more than it reads).
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import fcntl
import hashlib
import logging
import math
import os
import threading
import time
import uuid
from pathlib import Path

import duckdb

from incentive.store import faults, lake
from incentive.store.queries import identifier, string_literal

_LOG = logging.getLogger("incentive.storage")

ALIAS = "lake_copy"
SEARCH_PATH = f"{identifier(ALIAS)}.main,memory.main"
ROWS = "rows"  # the copy's schema of the tables' rows, each with the lake's row id; `main` has a view of each
ROW_ID = "_lake_rowid"
APPENDED = "appended"  # only rows added since the copy's snapshot: those rows added to the copy
CHANGED = "changed"  # rows deleted or updated too: the rows touched read again by their row ids
COPIED = "copied"  # anything else (files merged, inlined rows flushed): the table copied whole
STATE = "copy_state"  # the copy's schema of what it holds: one row, written in the transaction of the rows
LAYOUT = 2  # this module's layout of the copy (2: commit times in microseconds since the epoch, not the text of
# the session's time zone): a kept file of another layout is copied again whole. Raise it with any change to
# what the copy holds or how its record reads.
KEPT_DAYS = 30  # a kept copy nobody has opened for this long is removed by the next process to start one
CLOSE_WAIT_SECONDS = 60.0  # how long closing waits for a refresh under way (a province's first copy: 12-20 s)
_OPEN: set[LakeCopy] = set()  # the copies this process holds, for close_all
_OPEN_LOCK = threading.Lock()
_INSERTS = frozenset({"tables_inserted_into", "inlined_insert"})
_DELETES = frozenset({"tables_deleted_from", "inlined_delete"})


def folder() -> Path:
    """Where copies are kept: INCENTIVE_LAKE_COPY_DIR, else `incentive/` in the user's cache folder (XDG_CACHE_HOME,
    else ~/.cache). Not the system's temporary folder, which may live in memory (tmpfs)."""
    configured = os.environ.get("INCENTIVE_LAKE_COPY_DIR", "").strip()
    return Path(configured) if configured else _default_folder()


def _default_folder() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(cache) / "incentive"


class LakeCopy:
    """The copy attached to `connection` (the lake's in-memory DuckDB, with the lake attached as `lake.ALIAS`).

    `cursor()` is what `Database.connection` hands out: a cursor on the copy when it holds the lake's newest
    snapshot, else on the lake itself (and the copy brought up to date in the background). `snapshot` is the lake
    snapshot the copy holds (None before the first copy); `copied` what its last refresh did, by table: APPENDED
    (the rows added since), CHANGED (the rows touched read again) or COPIED (the table whole)."""

    RETRY_SECONDS = 60.0  # after a refresh failed (its disk full), how long the lake is read before trying again

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, where: Path | None = None, *, lake_key: str | None = None
    ) -> None:
        """`lake_key` (`key_of` the lake): the copy is kept across restarts under that name, unless another
        process holds it; None: a copy of this process alone, removed when it ends."""
        where = where or folder()
        made = not where.exists()
        # made 0700 at once: a second server starting now finds it private, not still the umask's 0755
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        # the copy holds every table, password hashes too; a folder named that already existed may be shared, and
        # one of another user is not this process's to change: both are left as they are (_check_private)
        if (made or where == _default_folder()) and where.stat().st_uid == os.getuid():
            with contextlib.suppress(OSError):
                where.chmod(0o700)
        _check_private(where)
        _remove_orphans(where)
        self._key = lake_key
        self._connection = connection
        self.kept = False  # whether the file outlives the process
        if lake_key is not None:
            self.path = where / f"lake-{lake_key}.duckdb"
            self._lock_file = self.path.with_suffix(".lock")
            self._held_lock = _hold(self._lock_file)
            self.kept = self._held_lock is not None
            if self.kept:
                try:
                    self._attach_or_let_go()
                except _InUse:  # another process has the file open: a copy of this process's own
                    self.kept = False
        if not self.kept:
            self._take_own_name(where)
            self._attach_or_let_go()
        # the snapshot's id and commit time (ids repeat after a restore), and the lake's schema version at it
        self._held: tuple[int, str] | None = None
        self._schema_version: int | None = None
        # a kept file's record, trusted once the file has been read whole (_verify, in the first refresh)
        self._unverified: tuple[tuple[int, str], int] | None = None
        if self.kept:
            try:
                self._unverified = self._recorded()
            except duckdb.Error:  # unreadable: copied again whole, as for a new file
                _LOG.warning(
                    "the record of the kept copy of the lake %s could not be read; copying the lake again whole",
                    self.path,
                    exc_info=True,
                )
            with contextlib.suppress(OSError):
                os.utime(self.path)  # opened now: not a copy nobody uses (_remove_orphans)
        self.copied: dict[str, str] = {}
        self._attached = True  # False while _attach_anew has not succeeded
        self._lock = threading.Lock()
        self._starting = threading.Lock()
        self._catching_up: threading.Thread | None = None
        self._failed_at = -math.inf
        self._closed = False
        self._snapshot_table: str | None = None
        atexit.register(self.close)
        with _OPEN_LOCK:
            _OPEN.add(self)

    @property
    def snapshot(self) -> int | None:
        return self._held[0] if self._held is not None else None

    def _take_own_name(self, where: Path) -> None:
        for _ in range(5):  # a new name is held at once, unless another process's orphan sweep took it first
            self.path = where / f"copy-{os.getpid()}-{uuid.uuid4().hex[:12]}.duckdb"
            self._lock_file = self.path.with_suffix(".lock")
            self._held_lock = _hold(self._lock_file)
            if self._held_lock is not None:
                return
        raise OSError(f"no lock could be held in {where}")

    def _attach_or_let_go(self) -> None:
        """_attach, letting go of the file's lock when it fails."""
        try:
            self._attach()
        except BaseException:
            os.close(self._held_lock)
            raise

    def _attach(self) -> None:
        """Attach the copy's file (its owner's alone); a kept one that DuckDB cannot open is removed and made
        again, one that another process has open raises _InUse."""
        attach = f"ATTACH {string_literal(str(self.path))} AS {identifier(ALIAS)}"
        try:
            self._connection.execute(attach)
        except duckdb.Error as e:
            if not self.kept:
                raise
            if "could not set lock on file" in str(e).lower():  # DuckDB's own lock: another process has it open
                raise _InUse(str(self.path)) from e
            _LOG.warning("the kept copy of the lake %s could not be opened; making it again", self.path, exc_info=True)
            _remove(self.path)
            self._connection.execute(attach)
        with contextlib.suppress(OSError):
            self.path.chmod(0o600)

    def _verify(self) -> None:
        """Trust a kept file's record only once every row of it has been read (DuckDB checks each block's
        checksum as it reads it): a file damaged inside, whose header opens, is made again instead of failing
        the pages' reads after every restart. About 0.6 s for the province's copy, in the refresh's thread."""
        recorded, self._unverified = self._unverified, None
        try:
            with contextlib.closing(self._connection.cursor()) as cur:
                for (table,) in _names(cur, "duckdb_tables()", ALIAS, "table_name", schema=ROWS):
                    cur.execute(f"SELECT sum(hash(t)) FROM {_rows(table)} AS t").fetchall()
        except duckdb.Error:
            _LOG.warning(
                "the kept copy of the lake %s could not be read whole; making it again", self.path, exc_info=True
            )
            with contextlib.suppress(duckdb.Error):
                self._connection.execute(f"DETACH {identifier(ALIAS)}")
            self._attach_anew()
            return
        self._held, self._schema_version = recorded
        _LOG.info(
            "the kept copy of the lake %s holds snapshot %s: following the changes since", self.path, self.snapshot
        )

    def _attach_anew(self) -> None:
        """A new file attached in place of the copy's (a damaged one, detached); until that succeeds (its folder
        gone), `refresh` tries again, removing what is left at the path first."""
        self._attached = False
        _remove(self.path)
        self._attach()
        self._attached = True

    def _recorded(self) -> tuple[tuple[int, str], int] | None:
        """The snapshot a kept file holds and the lake's schema version at it, as its last refresh recorded them;
        None for a new file, another layout or another lake's (the next refresh copies everything)."""
        with contextlib.closing(self._connection.cursor()) as cur:
            try:
                row = cur.execute(
                    f"SELECT layout, lake_key, snapshot_id, committed, schema_version FROM {_state()}"
                ).fetchone()
            except duckdb.CatalogException:
                return None
        if row is None or row[0] != LAYOUT or row[1] != self._key:
            return None
        return (int(row[2]), row[3]), int(row[4])

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor reading the copy (then the process's macros) when the copy holds the lake's newest snapshot;
        else one reading the lake itself, the copy being brought up to date meanwhile. The lake unreachable: its
        error, as a read of the lake itself raises it."""
        if self._newest() != self._held:
            self._catch_up()
            return lake.prepare(self._connection.cursor())
        cursor = self._connection.cursor()
        cursor.execute(f"USE {identifier(ALIAS)}")
        cursor.execute(f"SET search_path = {string_literal(SEARCH_PATH)}")
        return cursor

    def refresh(self) -> int:
        """Bring the copy to the lake's newest snapshot now (following the changes since the one it holds);
        returns that snapshot's id. Errors of the copy or the lake are raised."""
        newest = self._newest()
        if newest != self._held or self._unverified is not None:
            with self._lock:
                if not self._attached:  # _verify let go of a damaged file and could not attach a new one
                    self._attach_anew()
                if self._unverified is not None:
                    self._verify()
                newest = self._newest()  # another thread may have copied it while this one waited
                if newest != self._held:
                    self._copy(*newest)
        return newest[0]

    def _catch_up(self) -> None:
        """`refresh` in a thread of its own, unless one runs or the last failed less than RETRY_SECONDS ago."""
        with self._starting:  # two sessions finding the copy behind at once start one thread
            if self._closed or (self._catching_up is not None and self._catching_up.is_alive()):
                return
            if time.monotonic() - self._failed_at < self.RETRY_SECONDS:
                return
            self._catching_up = threading.Thread(target=self._refresh_logged, name="lake-copy", daemon=True)
            self._catching_up.start()

    def _refresh_logged(self) -> None:
        try:
            self.refresh()
        except Exception:  # whatever it was, the lake is read meanwhile and the copy tried again later
            self._failed_at = time.monotonic()
            _LOG.warning("the local copy of the lake could not be refreshed; reading the lake", exc_info=True)

    def close(self) -> None:
        """Detach the copy (at exit, as the server stops: close_all, or when the database closes), after a refresh
        under way; remove its file unless it is kept. A cursor asked for afterwards reads the lake itself. A second
        call does nothing."""
        atexit.unregister(self.close)
        with _OPEN_LOCK:
            _OPEN.discard(self)
        with self._starting:
            if self._closed:
                return
            self._closed = True  # no new refresh from here on
        if self._catching_up is not None:
            self._catching_up.join(timeout=CLOSE_WAIT_SECONDS)
        self._held = None  # reads from here on go to the lake itself (cursor): the copy is detached
        with contextlib.suppress(duckdb.Error):
            self._connection.execute(f"DETACH {identifier(ALIAS)}")  # checkpoints the file: no WAL left beside it
        if self.kept:
            with contextlib.suppress(OSError):
                os.utime(self.path)  # used until now: not a copy nobody uses (_remove_orphans)
        else:
            _remove(self.path, self._lock_file)
        if self._held_lock is not None:
            os.close(self._held_lock)
            self._held_lock = None

    def _newest(self) -> tuple[int, str]:
        """The lake's newest snapshot: its id and commit time, from the catalog's own table (one statement, about
        1 ms; DuckLake's `ducklake_snapshots` lists every snapshot ever kept)."""
        with contextlib.closing(self._connection.cursor()) as cur:
            if self._snapshot_table is None:
                self._snapshot_table = _snapshot_table(cur)
            return cur.execute(
                f"SELECT snapshot_id, CAST(epoch_us(snapshot_time) AS VARCHAR) FROM {self._snapshot_table} "
                "ORDER BY snapshot_id DESC LIMIT 1"
            ).fetchone()

    def _copy(self, snapshot: int, committed: str) -> None:
        with contextlib.closing(lake.prepare(self._connection.cursor())) as cur:
            (schema_version,) = cur.execute(
                "SELECT schema_version FROM ducklake_snapshots($lake) WHERE snapshot_id = $snapshot",
                {"lake": lake.ALIAS, "snapshot": snapshot},
            ).fetchone()
            changed = None
            if (
                self._held is not None
                and schema_version == self._schema_version
                and _still_there(cur, self._snapshot_table, self._held)
            ):
                changed = _changes(cur, self.snapshot, snapshot)
            cur.execute("BEGIN")
            try:
                if changed is None:
                    changed = dict.fromkeys(_copy_everything(cur, snapshot), COPIED)
                else:
                    for table, how in changed.items():
                        if how == APPENDED:
                            _append_rows(cur, table, self.snapshot, snapshot)
                        elif how == CHANGED:
                            _reread_rows(cur, table, self.snapshot, snapshot)
                        else:
                            _copy_table(cur, table, snapshot)
                _record(cur, self._key, snapshot, committed, schema_version)
                faults.reach("copy_before_commit")
                cur.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
                raise
        self._held, self._schema_version, self.copied = (snapshot, committed), schema_version, changed
        # frees the blocks of the rows replaced, which the next changes use again: the file keeps its size. Not
        # done while another transaction writes; the next refresh's checkpoint then does it.
        with contextlib.closing(self._connection.cursor()) as cur, contextlib.suppress(duckdb.Error):
            cur.execute(f"CHECKPOINT {identifier(ALIAS)}")


def close_all() -> None:
    """Close every copy this process holds (LakeCopy.close): the server's lifespan calls it as the server stops
    (ui/server.py). A process that ends of SIGTERM, what `systemctl stop` sends, runs no exit handler (atexit):
    uvicorn, which serves `st.App`, catches the signal, shuts the server down, then raises it again with the
    handler it found, the default, which ends the process at once (uvicorn/server.py, capture_signals). Without
    this a second instance's `copy-<pid>-<id>.duckdb` stayed behind until the next start removed it."""
    with _OPEN_LOCK:
        held = list(_OPEN)
    for copy in held:
        copy.close()


class _InUse(Exception):
    """A kept copy's file that another process has open (outside this module's locks)."""


def key_of(location: lake.LakeLocation) -> str:
    """The name a lake's kept copy goes by: a hash of its catalog and data path (the catalog's password, if it
    names one, is not written anywhere in the clear)."""
    return hashlib.sha256(f"{location.catalog}\0{location.data_path}".encode()).hexdigest()[:16]


def _state() -> str:
    return f"{identifier(ALIAS)}.{STATE}.held"


def _record(cur: duckdb.DuckDBPyConnection, key: str | None, snapshot: int, committed: str, schema: int) -> None:
    """The snapshot the copy now holds, written in the refresh's own transaction: a file is never left recording
    a snapshot whose rows it does not hold."""
    cur.execute(f"CREATE SCHEMA IF NOT EXISTS {identifier(ALIAS)}.{STATE}")
    cur.execute(
        f"CREATE OR REPLACE TABLE {_state()} AS SELECT CAST($layout AS INTEGER) AS layout, "
        "CAST($key AS VARCHAR) AS lake_key, CAST($snapshot AS BIGINT) AS snapshot_id, "
        "CAST($committed AS VARCHAR) AS committed, CAST($schema AS BIGINT) AS schema_version",
        {"layout": LAYOUT, "key": key, "snapshot": snapshot, "committed": committed, "schema": schema},
    )


def _snapshot_table(cur: duckdb.DuckDBPyConnection) -> str:
    """The catalog's table of snapshots, as the lake's DuckDB sees it: `public` in PostgreSQL, `main` in a DuckDB
    file catalog; DuckLake's own listing when neither answers."""
    for schema in ("public", "main"):
        name = f"{identifier(f'__ducklake_metadata_{lake.ALIAS}')}.{schema}.ducklake_snapshot"
        try:
            cur.execute(f"SELECT snapshot_id FROM {name} LIMIT 1")
        except duckdb.Error:
            continue
        return name
    return f"ducklake_snapshots({string_literal(lake.ALIAS)})"


def _still_there(cur: duckdb.DuckDBPyConnection, table: str, held: tuple[int, str]) -> bool:
    """Whether the lake still has the snapshot the copy holds, committed when it was: not after the catalog was
    restored from a backup (or replaced), where the same ids name other commits, and only a copy of everything
    is sure to match. `table`: _snapshot_table's."""
    found = cur.execute(
        f"SELECT CAST(epoch_us(snapshot_time) AS VARCHAR) FROM {table} WHERE snapshot_id = $id", {"id": held[0]}
    ).fetchall()
    return found == [(held[1],)]


def _changes(cur: duckdb.DuckDBPyConnection, since: int, until: int) -> dict[str, str] | None:
    """What the copy must do to each table whose rows changed after snapshot `since` up to `until`, by name:
    APPENDED when every change to it only inserted rows, CHANGED when they inserted, deleted or updated rows,
    COPIED for anything else DuckLake records of a table (its files merged, its inlined rows flushed: the same
    rows, which the copy does not try to follow). From the snapshots' change lists
    (`{'tables_inserted_into': ['12'], 'inlined_delete': ['3'], …}`: table ids). None when a change names
    something else (a table or view created or dropped), which only a copy of everything follows, and when a
    snapshot between the two is gone (`ducklake_expire_snapshots`: its change list with it)."""
    rows = cur.execute(
        "SELECT changes FROM ducklake_snapshots($lake) WHERE snapshot_id > $since AND snapshot_id <= $until",
        {"lake": lake.ALIAS, "since": since, "until": until},
    ).fetchall()
    if len(rows) != until - since:  # every commit is the next snapshot id: a gap is an expired change list
        return None
    kinds: dict[int, set[str]] = {}
    for (changes,) in rows:
        for kind, values in (changes or {}).items():
            for value in values:
                if not str(value).isdigit():
                    return None
                kinds.setdefault(int(value), set()).add(kind)
    if not kinds:
        return {}
    names = dict(
        cur.execute(
            "SELECT table_id, table_name FROM ducklake_table_info($lake)",  # the lake has one schema, main
            {"lake": lake.ALIAS},
        ).fetchall()
    )
    if not set(kinds) <= set(names):
        return None  # a table this copy does not know by id: follow the lake as a whole
    return {names[i]: _how(kinds[i]) for i in sorted(kinds)}


def _how(kinds: set[str]) -> str:
    if kinds <= _INSERTS:
        return APPENDED
    return CHANGED if kinds <= _INSERTS | _DELETES else COPIED


def _append_rows(cur: duckdb.DuckDBPyConnection, table: str, since: int, until: int) -> None:
    """The rows inserted into `table` after snapshot `since` up to `until` (DuckLake's own record of them: the
    data files and inlined rows those snapshots added), added to the copy with their row ids."""
    columns = ", ".join(identifier(c) for c in _columns(cur, table))
    cur.execute(
        f"INSERT INTO {_rows(table)} SELECT rowid, {columns} "
        "FROM ducklake_table_changes($lake, 'main', $table, $start, $until) WHERE change_type = 'insert'",
        {"lake": lake.ALIAS, "table": table, "start": since + 1, "until": until},  # its bounds are inclusive
    )


def _reread_rows(cur: duckdb.DuckDBPyConnection, table: str, since: int, until: int) -> None:
    """Every row of `table` that a change after snapshot `since` up to `until` touched (inserted, deleted or
    updated: DuckLake keeps a row's id through an update and never gives a deleted row's id to another), taken out
    of the copy and read again as snapshot `until` has it: whatever order the changes came in, the copy ends with
    the snapshot's rows."""
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE lake_copy_touched AS SELECT DISTINCT rowid AS id "
        "FROM ducklake_table_changes($lake, 'main', $table, $start, $until)",
        {"lake": lake.ALIAS, "table": table, "start": since + 1, "until": until},
    )
    cur.execute(f"DELETE FROM {_rows(table)} WHERE {ROW_ID} IN (SELECT id FROM lake_copy_touched)")
    cur.execute(
        f"INSERT INTO {_rows(table)} SELECT rowid, * FROM {identifier(lake.ALIAS)}.main.{identifier(table)} "
        f"AT (VERSION => {int(until)}) WHERE rowid IN (SELECT id FROM lake_copy_touched)"
    )
    cur.execute("DROP TABLE lake_copy_touched")


def _copy_table(cur: duckdb.DuckDBPyConnection, table: str, snapshot: int) -> None:
    """`table` as of the snapshot, whole, with the lake's row id of each row (`AT (VERSION => …)`: every table as
    of the one snapshot, whatever commits land while the copy is made), and the view of it that queries read."""
    cur.execute(
        f"CREATE OR REPLACE TABLE {_rows(table)} AS SELECT rowid AS {ROW_ID}, * "
        f"FROM {identifier(lake.ALIAS)}.main.{identifier(table)} AT (VERSION => {int(snapshot)})"
    )
    cur.execute(
        f"CREATE OR REPLACE VIEW {identifier(ALIAS)}.main.{identifier(table)} AS "
        f"SELECT * EXCLUDE ({ROW_ID}) FROM {_rows(table)}"
    )


def _rows(table: str) -> str:
    return f"{identifier(ALIAS)}.{ROWS}.{identifier(table)}"


def _columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        name
        for (name,) in cur.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = $db AND schema_name = 'main' "
            "AND table_name = $table ORDER BY column_index",
            {"db": lake.ALIAS, "table": table},
        ).fetchall()
    ]


def _copy_everything(cur: duckdb.DuckDBPyConnection, snapshot: int) -> list[str]:
    """Every table of the lake's main schema, then its views, in place of whatever the copy held; returns the
    tables."""
    cur.execute(f"CREATE SCHEMA IF NOT EXISTS {identifier(ALIAS)}.{ROWS}")
    for (view,) in _names(cur, "duckdb_views()", ALIAS, "view_name", "AND NOT internal"):
        cur.execute(f"DROP VIEW {identifier(ALIAS)}.main.{identifier(view)}")
    lake_tables = _names(cur, "duckdb_tables()", lake.ALIAS, "table_name")
    for (table,) in _names(cur, "duckdb_tables()", ALIAS, "table_name", schema=ROWS):
        if (table,) not in lake_tables:
            cur.execute(f"DROP TABLE {_rows(table)}")
    for (table,) in lake_tables:
        _copy_table(cur, table, snapshot)
    _create_views(cur)
    return [table for (table,) in lake_tables]


def _names(cur, source: str, database: str, column: str, extra: str = "", schema: str = "main") -> list[tuple[str]]:
    return cur.execute(
        f"SELECT {column} FROM {source} WHERE database_name = $db AND schema_name = $schema {extra} ORDER BY 1",
        {"db": database, "schema": schema},
    ).fetchall()


def _create_views(cur: duckdb.DuckDBPyConnection) -> None:
    """The lake's views, created in the copy, so that they read the copy's tables. A view is created only after
    the views it reads: those that fail for a missing view are tried again once others exist."""
    pending = dict(
        cur.execute(
            "SELECT view_name, sql FROM duckdb_views() WHERE database_name = $db AND schema_name = 'main' "
            "AND NOT internal",
            {"db": lake.ALIAS},
        ).fetchall()
    )
    cur.execute(f"USE {identifier(ALIAS)}")
    cur.execute(f"SET search_path = {string_literal(SEARCH_PATH)}")
    try:
        while pending:
            failed: dict[str, str] = {}
            errors = []
            for name, sql in pending.items():
                try:
                    cur.execute(sql)
                except duckdb.CatalogException as e:
                    failed[name] = sql
                    errors.append(e)
            if len(failed) == len(pending):
                raise errors[0]
            pending = failed
    finally:
        lake.prepare(cur)


def _check_private(where: Path) -> None:
    """OSError unless `where` is this user's alone (0700, or fewer rights): the file is made 0600, but the WAL
    beside it, which DuckDB makes and removes as it writes, gets the process's umask, and a file's rights are
    those it was made with until chmod (the database then reads the lake itself: database.py)."""
    status = where.stat()
    if status.st_uid != os.getuid():
        problem = f"belongs to user id {status.st_uid}, not to this process's ({os.getuid()})"
    elif status.st_mode & 0o077:
        problem = f"is open to other users (mode {status.st_mode & 0o777:o})"
    else:
        return
    raise OSError(
        errno.EACCES,
        f"the lake copy's folder {where} {problem}: the copy holds every table, password hashes too; set "
        "INCENTIVE_LAKE_COPY_DIR to a folder of this user alone (chmod 700)",
    )


def _hold(lock_file: Path) -> int | None:
    """An open descriptor of `lock_file` holding an exclusive lock on it (flock: the kernel lets it go when the
    process ends, however it ends, and across containers sharing the folder); None when another holds it."""
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    return descriptor


def _remove(copy: Path, *others: Path) -> None:
    """Delete a copy's file, its WAL and `others`; a file already gone, or one that cannot be removed, is left."""
    for leftover in (copy, Path(f"{copy}.wal"), *others):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _remove_orphans(where: Path) -> None:
    """Copies whose lock nobody holds: left by processes that have ended (killed before their exit handler ran),
    and kept copies nobody has opened for KEPT_DAYS (of a lake no server here reads any more)."""
    stale_before = time.time() - KEPT_DAYS * 86400
    for stray in where.glob("lake-*.duckdb"):  # a kept copy whose lock file was deleted: its lock, made again
        stray.with_suffix(".lock").touch(mode=0o600, exist_ok=True)
    for lock_file in [*where.glob("copy-*.lock"), *where.glob("lake-*.lock")]:
        copy = lock_file.with_suffix(".duckdb")
        if lock_file.name.startswith("lake-") and copy.exists() and copy.stat().st_mtime >= stale_before:
            continue
        descriptor = _hold(lock_file)
        if descriptor is None:
            continue  # a running process's copy
        try:
            _remove(copy, lock_file)
        finally:
            os.close(descriptor)
