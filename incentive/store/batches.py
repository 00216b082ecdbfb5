"""Batches: every import is one batch that can be rolled back exactly, and the history of them.

A batch's rows never change; a newer batch supersedes older rows of the same key, and rolling it back makes them
current again (the `current_*` views of schema/). Batch ids are assigned here under the write lock, never by a
sequence (`Database.serial_write`). Every write below records itself in the audit log in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.accounts.roles import OutOfScope, Scope
from incentive.i18n import TranslatedError
from incentive.intake.file_kinds import STORED_COLUMNS
from incentive.intake.preview import Preview
from incentive.store import audit, faults, rollup
from incentive.store.database import Database
from incentive.store.queries import identifier

TABLE_OF_KIND = {
    "regions": "regions",
    "indicators": "indicators",
    "race_scores": "indicator_values",
    "welfare": "indicator_values",
    "roster": "roster",
    "training": "training",
    "movements": "movements",
}


class BatchError(TranslatedError):
    """A write that was refused (nothing changed)."""


@dataclass(frozen=True)
class VersionInfo:
    """What the sidebar says about the data, read in one query."""

    version: str  # changes with every import and rollback: the cache key of query results
    active_batches: int
    latest_batch: int
    last_change: dt.datetime | None


# ------------------------------------------------------------ writing


def import_preview(db: Database, preview: Preview, *, source: str, created_by: str) -> int:
    """Store an importable preview as one new prefecture-wide batch, its rows, the training rollup and its audit
    row, in one transaction; returns the batch id. `source`: "upload", "cli" or "sample" (a county's batch comes
    from an accepted submission: incentive/review).

    A preview that is not importable is refused: the refusal is audited (file, hash, data rows, number of problems)
    and BatchError("not_importable") raised; nothing else is written."""
    if not preview.importable:
        audit.record(
            db,
            created_by,
            "import",
            file_name=preview.file_name,
            sha256=preview.sha256,
            outcome="refused",
            rows=preview.data_rows,
            detail=f"{len(preview.problems)} problems",
        )
        raise BatchError("not_importable")
    return db.serial_write(lambda cur: store(cur, preview, source=source, created_by=created_by))


def store(
    cur: duckdb.DuckDBPyConnection,
    preview: Preview,
    *,
    source: str,
    created_by: str,
    county: str | None = None,
    submission_id: int | None = None,
) -> int:
    """`import_preview`'s write, inside the caller's transaction (`cur`, from `Database.serial_write`), for an
    operation of several batches that must land together (the sample) or with other rows (an accepted
    submission). The preview must be importable. `county`: the county the batch belongs to (None: the prefecture;
    docs/decisions.md#county-batches), `submission_id` the submission it came from."""
    kind = preview.kind
    columns = STORED_COLUMNS[kind]
    frame = preview.rows[list(columns)]
    batch_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone()[0]
    cur.execute(
        "INSERT INTO batches VALUES ($id, $kind, $file, $sha, $rows, $at, $by, $source, 'active', NULL, $sheet, "
        "$county, $submission)",
        {
            "id": batch_id,
            "kind": kind,
            "file": preview.file_name,
            "sha": preview.sha256,
            "rows": len(frame),
            "at": dt.datetime.now(),
            "by": created_by,
            "source": source,
            "sheet": preview.sheet,
            "county": county,
            "submission": submission_id,
        },
    )
    cur.register("incoming", frame)
    faults.reach("after_staging")
    listed = ", ".join(identifier(c) for c in columns)
    cur.execute(
        f"INSERT INTO {identifier(TABLE_OF_KIND[kind])} (batch_id, {listed}) SELECT $batch_id, {listed} FROM incoming",
        {"batch_id": batch_id},
    )
    cur.unregister("incoming")
    faults.reach("mid_write")
    if kind == "training":
        rollup.add_batch(cur, batch_id)
    audit.write(
        cur,
        created_by,
        "import",
        target=f"batch {batch_id} ({kind})",
        file_name=preview.file_name,
        sha256=preview.sha256,
        rows=len(frame),
        detail=f"submission {submission_id} ({county})" if submission_id is not None else "",
    )
    return batch_id


def rollback(db: Database, batch_id: int, who: str = "system", *, scope: Scope = Scope.ALL) -> None:
    """Undo one batch exactly: the rows it superseded become current again. BatchError("cli_no_batch") when no
    active batch has that id. `scope`: whose batches the person may undo; a county's scope covers only batches
    of that county (docs/decisions.md#county-batches), so another county's batch or a prefecture-wide one is
    refused with OutOfScope, and the refusal is audited."""

    def undo(cur: duckdb.DuckDBPyConnection) -> None:
        found = cur.execute("SELECT status, county FROM batches WHERE id = $id", {"id": batch_id}).fetchone()
        if found is None or found[0] != "active":
            raise BatchError("cli_no_batch", batch=batch_id)
        county = found[1]
        if not scope.everything and (county is None or not scope.covers(county)):
            own = "、".join(sorted(scope.counties or ())) or "—"
            if county is None:
                raise OutOfScope("rollback_refused_prefecture", batch=batch_id, own=own)
            raise OutOfScope("rollback_refused_county", batch=batch_id, county=county, own=own)
        cur.execute(
            "UPDATE batches SET status = 'rolled_back', rolled_back_at = $at WHERE id = $id",
            {"at": dt.datetime.now(), "id": batch_id},
        )
        faults.reach("mid_write")
        rollup.refresh(cur, [batch_id])
        audit.write(cur, who, "rollback", target=f"batch {batch_id}")

    try:
        db.serial_write(undo)
    except OutOfScope as refused:
        audit.record(db, who, "rollback", target=f"batch {batch_id}", outcome="refused", detail=refused.key)
        raise


def rollback_source(db: Database, source: str, who: str = "system") -> int:
    """Roll back every active batch of a source (removing the sample data) in one transaction; returns how many."""

    def undo(cur: duckdb.DuckDBPyConnection) -> int:
        ids = [
            row[0]
            for row in cur.execute(
                "SELECT id FROM batches WHERE status = 'active' AND source = $source", {"source": source}
            ).fetchall()
        ]
        cur.execute(
            "UPDATE batches SET status = 'rolled_back', rolled_back_at = $at "
            "WHERE status = 'active' AND source = $source",
            {"at": dt.datetime.now(), "source": source},
        )
        faults.reach("mid_write")
        rollup.refresh(cur, ids)
        audit.write(
            cur, who, "remove_sample" if source == "sample" else "rollback_source", target=source, rows=len(ids)
        )
        return len(ids)

    return db.serial_write(undo)


# ------------------------------------------------------------ reading


def history(db: Database, county: str | None = None) -> pd.DataFrame:
    """Every batch, oldest first, or only `county`'s batches (its accepted submissions): id, kind, file, rows,
    status, source, created_at, created_by, rolled_back_at, sha256, sheet, county (None: prefecture-wide),
    submission_id."""
    return db.fetch_df(
        "SELECT id, kind, file_name AS file, row_count AS rows, status, source, created_at, "
        "created_by, rolled_back_at, sha256, sheet, county, submission_id FROM batches "
        "WHERE $county IS NULL OR county = $county ORDER BY id",
        {"county": county},
    )


def active_of_file(db: Database, sha256: str) -> list[int]:
    """Active batches that imported exactly these bytes before (a likely double upload)."""
    return [
        i
        for (i,) in db.fetch_all(
            "SELECT id FROM batches WHERE sha256 = $sha AND status = 'active' ORDER BY id", {"sha": sha256}
        )
    ]


def active_count(db: Database, source: str | None = None) -> int:
    """Active batches, of one source ("upload", "cli", "sample") or of all."""
    sql = "SELECT count(*) FROM batches WHERE status = 'active'"
    if source is None:
        return db.fetch_all(sql)[0][0]
    return db.fetch_all(sql + " AND source = $source", {"source": source})[0][0]


_VERSION_SQL = (
    "SELECT count(*), coalesce(max(id), 0), count(rolled_back_at), count(*) FILTER (WHERE status = 'active'), "
    "max(greatest(created_at, coalesce(rolled_back_at, created_at))) FROM batches"
)


def version_info(db: Database) -> VersionInfo:
    return _version(db.fetch_all(_VERSION_SQL)[0])


def version_in(cur: duckdb.DuckDBPyConnection) -> VersionInfo:
    """version_info as a write's own transaction (`cur`) sees it: a write that must match the data it read."""
    return _version(cur.execute(_VERSION_SQL).fetchone())


def _version(row: tuple) -> VersionInfo:
    n, top, rolled, active, last = row
    return VersionInfo(f"{n}.{top}.{rolled}", active, top, last)


def data_version(db: Database) -> str:
    """Changes with every import and rollback: the cache key of query results."""
    return version_info(db).version
