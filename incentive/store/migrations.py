"""The schema: numbered SQL files in `schema/` (NNN_name.sql), applied once each, in order, when a database opens.

On a DuckDB file each migration is one transaction. On DuckLake they run statement by statement and the macros,
which the lake does not keep, are created again in the process's in-memory catalog at every opening
(docs/design-notes.md, "DuckLake").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from incentive.store import lake

SCHEMA_DIR = Path(__file__).with_name("schema")


def ordered() -> list[tuple[int, str]]:
    """(version, SQL) in order, from incentive/store/schema/NNN_name.sql."""
    files = sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9]_*.sql"))
    return [(int(f.name[:3]), f.read_text(encoding="utf-8")) for f in files]


def apply(cur: duckdb.DuckDBPyConnection, *, on_lake: bool) -> bool:
    """Apply pending migrations through `cur` (outside any transaction, no other writer running); True when the
    schema was created just now (a new database)."""
    cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    current = cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
    if on_lake:
        recreate_lake_macros(cur, [sql for version, sql in ordered() if version <= current])
    for version, sql in ordered():
        if version <= current:
            continue
        if on_lake:
            _migrate_lake(cur, version, sql)
            continue
        cur.begin()
        cur.execute(sql)
        cur.execute("INSERT INTO schema_version VALUES ($v, $at)", {"v": version, "at": dt.datetime.now()})
        cur.commit()
    return current == 0


def _migrate_lake(cur: duckdb.DuckDBPyConnection, version: int, sql: str) -> None:
    """Statement by statement, in the file's order: one transaction may not write both the lake and the
    in-memory macros, and a view binds the macros it uses when it is created. (So a migration interrupted
    half-way on DuckLake is not undone; the file backend's migrations are one transaction each.)"""
    for statement, _ in lake.split_migration(sql):
        cur.execute(statement)
    cur.execute("INSERT INTO schema_version VALUES ($v, $at)", {"v": version, "at": dt.datetime.now()})


def recreate_lake_macros(cur: duckdb.DuckDBPyConnection, applied: list[str], into: str = "memory.main") -> None:
    """The latest definition of every macro of the applied migrations (their SQL texts), created in `into` (a
    catalog.schema, already quoted where it needs to be), in an order their bodies bind in (a macro may use a view
    that uses a macro of a later migration)."""
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
