"""The audit log: who changed what, when (docs/security.md, "What is logged").

A write that changes data writes its own audit row through `write`, with the cursor of its own transaction, so the
change and its record are committed together or not at all. `record` is for events that change no data (a
sign-in, a sign-out, an unlock): the row is the whole write.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from incentive.store import failed_writes
from incentive.store.database import Database


def write(
    cur: duckdb.DuckDBPyConnection,
    who: str,
    action: str,
    *,
    target: str = "",
    file_name: str = "",
    sha256: str = "",
    rows: int | None = None,
    outcome: str = "ok",
    detail: str = "",
) -> None:
    """One audit row, inside the caller's transaction (`cur`). `action` and `outcome` are codes that
    `audit_log.table` puts into words; `rows` a count of rows or batches, None where there is none."""
    row = {
        "happened_at": dt.datetime.now(),
        "who": who,
        "action": action,
        "target": target,
        "file_name": file_name,
        "sha256": sha256,
        "row_count": rows,
        "outcome": outcome,
        "detail": detail,
    }
    failed_writes.note(row)  # kept, should the storage refuse the commit, until the log can take it
    cur.execute(
        "INSERT INTO audit VALUES ($happened_at, $who, $action, $target, $file_name, $sha256, $row_count, "
        "$outcome, $detail)",
        row,
    )


def record(db: Database, who: str, action: str, **details) -> None:
    """An audit row for an event that is not itself a data write (a sign-in, a sign-out, an unlock), in a
    transaction of its own. `details` as for `write`."""
    with db.transaction() as cur:
        write(cur, who, action, **details)


def log(db: Database) -> pd.DataFrame:
    """Every audit row, newest first: happened_at, who, action, target, file_name, sha256, row_count, outcome,
    detail."""
    return db.fetch_df(
        "SELECT happened_at, who, action, target, file_name, sha256, row_count, outcome, detail "
        "FROM audit ORDER BY happened_at DESC"
    )
