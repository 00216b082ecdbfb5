"""The DuckDB database: schema migrations, batches, history, rollback.

One connection per process, a cursor per query (a DuckDB connection refuses concurrent calls); writes go through
one lock and one transaction each. Batch ids are assigned here under that lock, never by a sequence; on DuckLake,
where several processes write, batch writes also conflict on one shared row and are retried (`serial_write`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from incentive.store import faults, lake, settings
from incentive.intake.file_kinds import KINDS, STORED_COLUMNS, VALUE_KINDS
from incentive.i18n import TranslatedError
from incentive.store.lake import LakeLocation
from incentive.intake.preview import Preview, Reference
from incentive.store.queries import string_literal

SCHEMA_DIR = Path(__file__).with_name("schema")
SERIAL_ATTEMPTS = 20
T = TypeVar("T")
TABLE_OF_KIND = {"regions": "regions", "indicators": "indicators", "race_scores": "indicator_values",
                 "welfare": "indicator_values", "roster": "roster", "training": "training", "movements": "movements"}
CURRENT_VIEW_OF_KIND = {"regions": "current_regions", "indicators": "current_indicators",
                        "race_scores": "current_values", "welfare": "current_values", "roster": "current_roster",
                        "training": "current_training", "movements": "current_movements"}


class DatabaseLocked(Exception):
    """Another process (normally the running app) holds the database file."""


class BatchError(TranslatedError):
    """A write that was refused (nothing changed)."""


@dataclass(frozen=True)
class ImportEffects:
    """What a preview would do to current data, shown before the user confirms."""

    new: int
    changed: int
    same: int
    blanked: int  # existing values that a blank cell would empty
    snapshot_replaced: int  # roster: cadres in snapshots this file replaces
    unknown_cadres: int = 0  # training/movements: cadre ids on no roster snapshot (imported, but worth a look)


@dataclass(frozen=True)
class VersionInfo:
    """What the sidebar says about the data, read in one query."""

    version: str  # changes with every import and rollback: the cache key of query results
    active_batches: int
    latest_batch: int
    last_change: dt.datetime | None


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) in order, from incentive/store/schema/NNN_name.sql."""
    files = sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9]_*.sql"))
    return [(int(f.name[:3]), f.read_text(encoding="utf-8")) for f in files]


class Database:
    def __init__(self, path: str | Path | LakeLocation, *, wait_seconds: float = 0.0) -> None:
        self.path = str(path)
        self.lake = path if isinstance(path, LakeLocation) else None
        if self.lake is not None:
            self._con = lake.connect(self.lake)
        else:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._con = _connect(self.path, wait_seconds)
        self._write_lock = threading.Lock()
        self.created = self._migrate()

    def close(self) -> None:
        self._con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self._con.cursor()
        return lake.prepare(cursor) if self.lake is not None else cursor

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """What queries read through: the DuckDB connection, or on DuckLake an object whose cursors are pointed at
        the lake (queries.run, rankings and DataAsOf only ask for cursors)."""
        return self._con if self.lake is None else _LakeReader(self._con)

    def fetch_df(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        with contextlib.closing(self.cursor()) as cur:
            return cur.execute(sql, params or {}).df()

    def fetch_all(self, sql: str, params: dict | None = None) -> list[tuple]:
        with contextlib.closing(self.cursor()) as cur:
            return cur.execute(sql, params or {}).fetchall()

    @contextlib.contextmanager
    def transaction(self):
        """One writer at a time, all or nothing."""
        with self._write_lock, contextlib.closing(self.cursor()) as cur:
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()

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

    def _migrate(self) -> bool:
        """Apply pending migrations; True when the schema was created just now (a new database)."""
        with self._write_lock, contextlib.closing(self.cursor()) as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
            current = cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
            if self.lake is not None:
                _recreate_lake_macros(cur, [sql for version, sql in migrations() if version <= current])
            for version, sql in migrations():
                if version <= current:
                    continue
                if self.lake is not None:
                    _migrate_lake(cur, version, sql)
                    continue
                cur.begin()
                cur.execute(sql)
                cur.execute("INSERT INTO schema_version VALUES ($v, $at)", {"v": version, "at": _now()})
                cur.commit()
            return current == 0

    # ------------------------------------------------------------ reading

    def reference(self) -> Reference:
        """What a file is checked against: regions, every catalog version, and the settings in force."""
        regions = self.fetch_all("SELECT county, township FROM current_regions")
        fields = ("code", "name", "domain", "unit", "direction", "min", "max", "effective_from")
        indicators = [dict(zip(fields, row)) for row in self.fetch_all(
            f"SELECT {', '.join(fields)} FROM current_indicators ORDER BY code, effective_from DESC")]
        return Reference(regions=[(c, tw or "") for c, tw in regions], indicators=indicators,
                         settings=settings.current(self))

    def batches(self) -> pd.DataFrame:
        return self.fetch_df("SELECT id, kind, file_name AS file, row_count AS rows, status, source, created_at, "
                             "created_by, rolled_back_at, sha256, sheet FROM batches ORDER BY id")

    def active_batches_of_file(self, sha256: str) -> list[int]:
        """Active batches that imported exactly these bytes before (a likely double upload)."""
        return [i for (i,) in self.fetch_all(
            "SELECT id FROM batches WHERE sha256 = $sha AND status = 'active' ORDER BY id", {"sha": sha256})]

    def version_info(self) -> VersionInfo:
        n, top, rolled, active, last = self.fetch_all(
            "SELECT count(*), coalesce(max(id), 0), count(rolled_back_at), count(*) FILTER (WHERE status = 'active'), "
            "max(greatest(created_at, coalesce(rolled_back_at, created_at))) FROM batches")[0]
        return VersionInfo(f"{n}.{top}.{rolled}", active, top, last)

    def data_version(self) -> str:
        return self.version_info().version

    def active_batch_count(self, source: str | None = None) -> int:
        sql = "SELECT count(*) FROM batches WHERE status = 'active'"
        if source is None:
            return self.fetch_all(sql)[0][0]
        return self.fetch_all(sql + " AND source = $source", {"source": source})[0][0]

    def effects(self, preview: Preview) -> ImportEffects:
        """Compare a preview's rows with current data by key."""
        kind = preview.kind
        rows = preview.rows
        spec = KINDS[kind]
        view = CURRENT_VIEW_OF_KIND[kind]
        with contextlib.closing(self.cursor()) as cur:
            cur.register("incoming", rows.drop(columns=["source_row"]))
            if kind == "roster":
                replaced = cur.execute(
                    f"SELECT count(*) FROM {view} WHERE as_of IN (SELECT DISTINCT CAST(as_of AS DATE) FROM incoming)"
                ).fetchone()[0]
                return ImportEffects(len(rows), 0, 0, 0, replaced)
            unknown_cadres = 0
            if "cadre_id" in rows.columns and kind != "roster":
                unknown_cadres = cur.execute(
                    "SELECT count(*) FROM incoming WHERE cadre_id NOT IN (SELECT cadre_id FROM current_roster)"
                ).fetchone()[0]
            key = list(spec.key)
            others = [c for c in STORED_COLUMNS[kind] if c not in key and c != "domain"]
            on = " AND ".join(f"i.{k} IS NOT DISTINCT FROM c.{k}" for k in key)
            differs = " OR ".join(f"i.{c} IS DISTINCT FROM c.{c}" for c in others) or "false"
            blank = "i.value IS NULL AND c.value IS NOT NULL" if kind in VALUE_KINDS else "false"
            new, changed, same, blanked = cur.execute(f"""
                SELECT count(*) FILTER (WHERE c.{key[0]} IS NULL),
                       count(*) FILTER (WHERE c.{key[0]} IS NOT NULL AND ({differs})),
                       count(*) FILTER (WHERE c.{key[0]} IS NOT NULL AND NOT ({differs})),
                       count(*) FILTER (WHERE {blank})
                FROM incoming i LEFT JOIN {view} c ON {on}""").fetchone()
            return ImportEffects(new, changed, same, blanked, 0, unknown_cadres)

    # ------------------------------------------------------------ writing

    def backup_to(self, target: str | Path, who: str = "system") -> Path:
        """A consistent copy of the whole database (one transaction's snapshot), safe while the app serves."""
        target = Path(target)
        if target.exists():
            raise BatchError("backup_exists", path=str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        with self._write_lock, contextlib.closing(self.cursor()) as cur:
            name = cur.execute("SELECT current_database()").fetchone()[0]
            cur.execute(f"ATTACH {string_literal(str(target.resolve()))} AS backup_copy")
            try:
                cur.execute(f'COPY FROM DATABASE "{name}" TO backup_copy')
                if self.lake is not None:  # the lake keeps no macros: the file gets them, as a file database has
                    cur.execute("USE backup_copy")
                    cur.execute("SET search_path = 'backup_copy.main'")
                    _recreate_lake_macros(cur, [sql for _, sql in migrations()], into="backup_copy.main")
            finally:
                if self.lake is not None:
                    lake.prepare(cur)
                cur.execute("DETACH backup_copy")
        self.record(who, "backup", target=str(target))
        return target

    def record(self, who: str, action: str, **details) -> None:
        """An audit entry for something that is not itself a data write (a sign-in, a refused file, a setting)."""
        with self.transaction() as cur:
            _audit(cur, who, action, **details)

    def audit_log(self) -> pd.DataFrame:
        return self.fetch_df("SELECT happened_at, who, action, target, file_name, sha256, row_count, outcome, detail "
                             "FROM audit ORDER BY happened_at DESC")

    def import_preview(self, preview: Preview, *, source: str, created_by: str) -> int:
        """Store an importable preview as one new batch; returns the batch id."""
        if not preview.importable:
            raise BatchError("not_importable")
        kind = preview.kind
        columns = STORED_COLUMNS[kind]
        frame = preview.rows[list(columns)]

        def store(cur: duckdb.DuckDBPyConnection) -> int:
            batch_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone()[0]
            cur.execute(
                "INSERT INTO batches VALUES ($id, $kind, $file, $sha, $rows, $at, $by, $source, 'active', NULL, "
                "$sheet)", {"id": batch_id, "kind": kind, "file": preview.file_name, "sha": preview.sha256,
                            "rows": len(frame), "at": _now(), "by": created_by, "source": source,
                            "sheet": preview.sheet})
            cur.register("incoming", frame)
            faults.reach("after_staging")
            table = TABLE_OF_KIND[kind]
            cur.execute(f"INSERT INTO {table} (batch_id, {', '.join(columns)}) "
                        f"SELECT $batch_id, {', '.join(columns)} FROM incoming", {"batch_id": batch_id})
            cur.unregister("incoming")
            faults.reach("mid_write")
            if kind == "training":
                _add_training_to_rollup(cur, batch_id)
            _audit(cur, created_by, "import", target=f"batch {batch_id} ({kind})", file_name=preview.file_name,
                   sha256=preview.sha256, rows=len(frame))
            return batch_id

        return self.serial_write(store)

    def rollback(self, batch_id: int, who: str = "system") -> None:
        """Undo one batch exactly: the rows it superseded become current again."""
        def undo(cur: duckdb.DuckDBPyConnection) -> None:
            found = cur.execute("SELECT status FROM batches WHERE id = $id", {"id": batch_id}).fetchone()
            if found is None or found[0] != "active":
                raise BatchError("cli_no_batch", batch=batch_id)
            cur.execute("UPDATE batches SET status = 'rolled_back', rolled_back_at = $at WHERE id = $id",
                        {"at": _now(), "id": batch_id})
            faults.reach("mid_write")
            _refresh_training_rollup(cur, [batch_id])
            _audit(cur, who, "rollback", target=f"batch {batch_id}")

        self.serial_write(undo)

    def rollback_source(self, source: str, who: str = "system") -> int:
        """Roll back every active batch of a source (removing the sample data) in one transaction."""
        def undo(cur: duckdb.DuckDBPyConnection) -> int:
            ids = [row[0] for row in cur.execute("SELECT id FROM batches WHERE status = 'active' AND source = $source",
                                                 {"source": source}).fetchall()]
            cur.execute("UPDATE batches SET status = 'rolled_back', rolled_back_at = $at "
                        "WHERE status = 'active' AND source = $source", {"at": _now(), "source": source})
            faults.reach("mid_write")
            _refresh_training_rollup(cur, ids)
            _audit(cur, who, "remove_sample" if source == "sample" else "rollback_source", target=source,
                   rows=len(ids))
            return len(ids)

        return self.serial_write(undo)


def _migrate_lake(cur: duckdb.DuckDBPyConnection, version: int, sql: str) -> None:
    """Statement by statement, in the file's order: one transaction may not write both the lake and the
    in-memory macros, and a view binds the macros it uses when it is created. (So a migration interrupted
    half-way on DuckLake is not undone; the file backend's migrations are one transaction each.)"""
    for statement, _ in lake.split_migration(sql):
        cur.execute(statement)
    cur.execute("INSERT INTO schema_version VALUES ($v, $at)", {"v": version, "at": _now()})


def _recreate_lake_macros(cur: duckdb.DuckDBPyConnection, applied: list[str], into: str = "memory.main") -> None:
    """The latest definition of every macro of the applied migrations, in an order their bodies bind in (a macro
    may use a view that uses a macro of a later migration)."""
    latest = {}
    for sql in applied:
        for statement, macro in lake.split_migration(sql, into):
            if macro is not None:
                latest[macro] = statement
    waiting = list(latest.values())
    while waiting:
        failed = []
        for statement in waiting:
            try:
                cur.execute(statement)
            except duckdb.CatalogException:
                failed.append(statement)
        if len(failed) == len(waiting):
            cur.execute(failed[0])  # no progress: raise the real error
        waiting = failed


def is_incentive_database(path: str | Path) -> bool:
    """A DuckDB file with this app's schema (for restore: never put a foreign file in place of the data)."""
    try:
        with contextlib.closing(duckdb.connect(str(path), read_only=True)) as con:
            return con.execute("SELECT count(*) FROM schema_version").fetchone()[0] > 0
    except duckdb.Error:
        return False


def _audit(cur: duckdb.DuckDBPyConnection, who: str, action: str, *, target: str = "", file_name: str = "",
           sha256: str = "", rows: int | None = None, outcome: str = "ok", detail: str = "") -> None:
    cur.execute("INSERT INTO audit VALUES ($at, $who, $action, $target, $file, $sha, $rows, $outcome, $detail)",
                {"at": _now(), "who": who, "action": action, "target": target, "file": file_name, "sha": sha256,
                 "rows": rows, "outcome": outcome, "detail": detail})


# A batch's rows, and the rows they supersede or bring back, share their key (cadre, course, date), so the
# rollup changes only in the (cadre, month) groups of the batch's own rows: those are recomputed, nothing else.
_REFRESH_ROLLUP = (
    """CREATE OR REPLACE TEMP TABLE touched_months AS
       SELECT DISTINCT cadre_id, CAST(date_trunc('month', date) AS DATE) AS month
       FROM training WHERE batch_id IN (SELECT unnest($ids))""",
    "DELETE FROM training_rollup WHERE (cadre_id, month) IN (SELECT (cadre_id, month) FROM touched_months)",
    "INSERT INTO training_rollup SELECT * FROM training_by_month "
    "WHERE (cadre_id, month) IN (SELECT (cadre_id, month) FROM touched_months)",
    "DROP TABLE touched_months",
)


def _refresh_training_rollup(cur: duckdb.DuckDBPyConnection, batch_ids: list[int]) -> None:
    """Recompute the rollup groups these batches touch (nothing when they hold no training rows)."""
    if not batch_ids:
        return
    cur.execute(_REFRESH_ROLLUP[0], {"ids": batch_ids})
    for statement in _REFRESH_ROLLUP[1:]:
        cur.execute(statement)


def _add_training_to_rollup(cur: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """After importing training: when no other current training row belongs to the batch's cadres (a first
    load, a new year, new people), every row of the batch is current and the rollup grows by the batch's own
    months, without the newest-batch-per-key window over all training; otherwise the general refresh."""
    overlap = cur.execute("""
        SELECT count(*) FROM (
            SELECT 1 FROM training
            WHERE batch_id <> $id AND batch_id IN (SELECT id FROM active_batch_ids)
              AND cadre_id IN (SELECT cadre_id FROM training WHERE batch_id = $id)
            LIMIT 1)""", {"id": batch_id}).fetchone()[0]
    if overlap:
        _refresh_training_rollup(cur, [batch_id])
        return
    cur.execute(f"CREATE OR REPLACE TEMP VIEW new_training AS SELECT * FROM training WHERE batch_id = {int(batch_id)}")
    cur.execute("INSERT INTO training_rollup SELECT * FROM training_months('new_training')")
    cur.execute("DROP VIEW new_training")


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


def _now() -> dt.datetime:
    return dt.datetime.now()


def _connect(path: str, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(path)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower():
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(path) from e
            time.sleep(0.5)
