"""Batches: every import is one batch that can be rolled back exactly, and the history of them.

A batch's rows never change; a newer batch supersedes older rows of the same key, and rolling it back makes them
current again (the `current_*` views of schema/). Batch ids are assigned here under the write lock, never by a
sequence (`Database.serial_write`). Every write below records itself in the audit log in its own transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from incentive.accounts.roles import OutOfScope, Scope
from incentive.i18n import TranslatedError, t
from incentive.intake.file_kinds import STORED_COLUMNS
from incentive.intake.preview import Preview
from incentive.store import audit, faults, rollback_effects, superseded_training
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
    "appraisals": "appraisals",
}


class BatchError(TranslatedError):
    """A write that was refused (nothing changed)."""


@dataclass(frozen=True)
class VersionInfo:
    """What the sidebar says about the data, read in one query."""

    version: str  # changes with every import and rollback: the cache key of query results
    active_batches: int
    # the newest batch whose data count (not rolled back): "最新为批次 #16" named a batch rolled back after it
    latest_batch: int
    last_change: dt.datetime | None
    pinned: dt.datetime | None = None  # version_as_of: the moment, when the data have changed since


# ------------------------------------------------------------ writing


def import_preview(db: Database, preview: Preview, *, source: str, created_by: str) -> int:
    """Store an importable preview as one new prefecture-wide batch, its rows, which older training rows it
    supersedes and its audit row, in one transaction; returns the batch id. `source`: "upload", "cli" or "sample"
    (a county's batch comes from an accepted submission: incentive/review).

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
    batch_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM batches").fetchone()[0]
    cur.execute(
        "INSERT INTO batches VALUES ($id, $kind, $file, $sha, $rows, $at, $by, $source, 'active', NULL, $sheet, "
        "$county, $submission)",
        {
            "id": batch_id,
            "kind": kind,
            "file": preview.file_name,
            "sha": preview.sha256,
            "rows": preview.row_count,
            "at": dt.datetime.now(),
            "by": created_by,
            "source": source,
            "sheet": preview.sheet,
            "county": county,
            "submission": submission_id,
        },
    )
    cur.register("incoming", preview.rows_for(cur))
    faults.reach("after_staging")
    listed = ", ".join(identifier(c) for c in columns)
    cur.execute(
        f"INSERT INTO {identifier(TABLE_OF_KIND[kind])} (batch_id, {listed}) SELECT $batch_id, {listed} FROM incoming",
        {"batch_id": batch_id},
    )
    if kind == "indicators":
        _store_class_weights(cur, preview.rows, batch_id)
    faults.reach("mid_write")
    if kind == "training":
        superseded_training.refresh(cur, [batch_id])
    cur.unregister("incoming")
    if preview.problems:  # an importable preview with problems: skip-invalid left their rows out
        _store_rejects(cur, preview, batch_id)
    audit.write(
        cur,
        created_by,
        "import",
        target=f"batch {batch_id} ({kind})",
        file_name=preview.file_name,
        sha256=preview.sha256,
        rows=preview.row_count,
        detail=f"submission {submission_id} ({county})" if submission_id is not None else "",
    )
    return batch_id


def _store_rejects(cur: duckdb.DuckDBPyConnection, preview: Preview, batch_id: int) -> None:
    """The problems of the rows skip-invalid left out, with the batch (schema/022), in both languages."""
    rejects = pd.DataFrame(
        {
            "batch_id": batch_id,
            "seq": range(len(preview.problems)),
            "row": pd.array([p.row for p in preview.problems], dtype="Int64"),
            "column": [p.column or None for p in preview.problems],
            "value": [None if p.value is None else str(p.value) for p in preview.problems],
            "problem_zh": [p.message("zh") for p in preview.problems],
            "problem_en": [p.message("en") for p in preview.problems],
        }
    )
    cur.register("rejected", rejects)
    cur.execute("INSERT INTO batch_rejects SELECT * FROM rejected")
    cur.unregister("rejected")


def rejects(db: Database, batch_id: int, lang: str) -> pd.DataFrame:
    """The problems of the rows skip-invalid left out of batch `batch_id`, as Preview.rejects_table gave them before
    the import (row, column, value, problem in `lang`); empty when the batch left none out."""
    problem = "problem_zh" if lang == "zh" else "problem_en"
    frame = db.fetch_df(
        f'SELECT "row", "column", "value", {problem} FROM batch_rejects WHERE batch_id = $id ORDER BY seq',
        {"id": batch_id},
    )
    frame.columns = [t(k, lang) for k in ("col_row", "col_column", "col_value", "col_problem")]
    return frame


def with_rejects(db: Database) -> dict[int, int]:
    """batch id -> the number of problems skip-invalid left out of it, for the batches that left any out."""
    rows = db.fetch_df("SELECT batch_id, count(*) AS n FROM batch_rejects GROUP BY batch_id ORDER BY batch_id")
    return dict(zip(rows["batch_id"].astype(int), rows["n"].astype(int), strict=True))


def _store_class_weights(cur: duckdb.DuckDBPyConnection, rows: pd.DataFrame, batch_id: int) -> None:
    """A catalog's class weights (its `weight:<class>` columns, 分类考核), one row per filled cell, with the batch of
    the indicator rows they belong to (schema 019)."""
    columns = [c for c in rows.columns if c.startswith("weight:")]
    if not columns:
        return
    long = rows[["code", "effective_from", *columns]].melt(
        id_vars=["code", "effective_from"], var_name="peer_class", value_name="class_weight"
    )
    long = long[long["class_weight"].notna()]
    long = long.assign(peer_class=long["peer_class"].str.removeprefix("weight:"), weight=long["class_weight"])
    if long.empty:
        return
    cur.register("class_weights", long[["code", "effective_from", "peer_class", "weight"]])
    cur.execute(
        "INSERT INTO indicator_class_weights (batch_id, code, effective_from, peer_class, weight) "
        "SELECT $batch_id, code, effective_from, peer_class, CAST(weight AS DOUBLE) FROM class_weights",
        {"batch_id": batch_id},
    )
    cur.unregister("class_weights")


def rollback(db: Database, batch_id: int, who: str = "system", *, scope: Scope = Scope.ALL) -> None:
    """Undo one batch exactly, now: the rows it superseded become current again. BatchError("cli_no_batch") when no
    active batch has that id. Only the prefecture (`scope` covering everything: its administrator, the command
    line) rolls back directly. A county's scope is refused with OutOfScope, and the refusal audited: another
    county's batch or a prefecture-wide one are not his (docs/decisions.md#county-batches), and his own county's
    batches, accepted after review, are rolled back only through a request the prefecture reviews
    (incentive/review/rollbacks.py, docs/decisions.md#rollbacks-of-accepted-data-are-reviewed)."""

    def undo(cur: duckdb.DuckDBPyConnection) -> None:
        county = active_county(cur, batch_id)
        if not scope.everything:
            own = "、".join(sorted(scope.counties or ())) or "—"
            if county is None:
                raise OutOfScope("rollback_refused_prefecture", batch=batch_id, own=own)
            if not scope.covers(county):
                raise OutOfScope("rollback_refused_county", batch=batch_id, county=county, own=own)
            raise OutOfScope("rollback_needs_review", batch=batch_id)
        undo_in(cur, batch_id, who)

    try:
        db.serial_write(undo)
    except (OutOfScope, BatchError) as refused:
        if isinstance(refused, OutOfScope) or refused.key == "rollback_relabels_values":  # refused, not mistyped
            audit.record(db, who, "rollback", target=f"batch {batch_id}", outcome="refused", detail=refused.key)
        raise


def active_county(cur: duckdb.DuckDBPyConnection, batch_id: int) -> str | None:
    """The county of an active batch (None: prefecture-wide), read in the caller's transaction;
    BatchError("cli_no_batch") when no active batch has that id."""
    found = cur.execute("SELECT status, county FROM batches WHERE id = $id", {"id": batch_id}).fetchone()
    if found is None or found[0] != "active":
        raise BatchError("cli_no_batch", batch=batch_id)
    return found[1]


def undo_in(cur: duckdb.DuckDBPyConnection, batch_id: int, who: str, *, detail: str = "") -> None:
    """`rollback`'s write inside the caller's transaction (`cur`, from `Database.serial_write`), for a rollback that
    must land with other rows (an accepted rollback request); the batch must be active (`active_county`).
    `detail`: what the audit row adds (who asked for it). A rollback that would change the unit or domain in force
    for stored values is refused (`refuse_relabelling`)."""
    refuse_relabelling(rollback_effects.rollback_effects_within(cur, [batch_id], rescored=False))
    cur.execute(
        "UPDATE batches SET status = 'rolled_back', rolled_back_at = $at WHERE id = $id",
        {"at": dt.datetime.now(), "id": batch_id},
    )
    faults.reach("mid_write")
    superseded_training.refresh(cur, [batch_id])
    audit.write(cur, who, "rollback", target=f"batch {batch_id}", detail=detail)


def refuse_relabelling(effects: rollback_effects.RollbackEffects) -> None:
    """BatchError("rollback_relabels_values") when the rollback of `effects` would change the unit or domain in
    force for stored values, or leave them with no catalog version in force, naming the batches, indicators, old →
    new values, periods and the batches holding those values (store/rollback_effects.py,
    docs/decisions.md#rolling-back-a-catalog-batch)."""
    if effects.relabelled:
        raise BatchError("rollback_relabels_values", **rollback_effects.relabelling_params(effects))


def rollback_source(db: Database, source: str, who: str = "system") -> int:
    """Roll back every active batch of a source (removing the sample data) in one transaction; returns how many.
    Refused as a rollback is when the catalog batches among them would change the unit or domain in force for the
    stored values of other batches (`refuse_relabelling`)."""

    def undo(cur: duckdb.DuckDBPyConnection) -> int:
        ids = [
            row[0]
            for row in cur.execute(
                "SELECT id FROM batches WHERE status = 'active' AND source = $source", {"source": source}
            ).fetchall()
        ]
        refuse_relabelling(rollback_effects.rollback_effects_within(cur, ids, rescored=False))
        cur.execute(
            "UPDATE batches SET status = 'rolled_back', rolled_back_at = $at "
            "WHERE status = 'active' AND source = $source",
            {"at": dt.datetime.now(), "source": source},
        )
        faults.reach("mid_write")
        superseded_training.refresh(cur, ids)
        audit.write(
            cur, who, "remove_sample" if source == "sample" else "rollback_source", target=source, rows=len(ids)
        )
        return len(ids)

    try:
        return db.serial_write(undo)
    except BatchError as refused:
        action = "remove_sample" if source == "sample" else "rollback_source"
        audit.record(db, who, action, target=source, outcome="refused", detail=refused.key)
        raise


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
    "max(greatest(created_at, coalesce(rolled_back_at, created_at))), "
    "coalesce(max(id) FILTER (WHERE status = 'active'), 0) FROM batches"
)


def version_info(db: Database) -> VersionInfo:
    return _version(db.fetch_all(_VERSION_SQL)[0])


_VERSION_AT_SQL = (
    "SELECT count(*), coalesce(max(id), 0), count(*) FILTER (WHERE rolled_back_at <= $m), "
    "count(*) FILTER (WHERE rolled_back_at IS NULL OR rolled_back_at > $m), "
    "max(CASE WHEN rolled_back_at <= $m THEN greatest(created_at, rolled_back_at) ELSE created_at END), "
    "coalesce(max(id) FILTER (WHERE rolled_back_at IS NULL OR rolled_back_at > $m), 0) "
    "FROM batches WHERE created_at <= $m"
)


def version_as_of(db: Database, moment: dt.datetime | None) -> VersionInfo:
    """version_info of the data as they were at `moment` (the batches created by then and not rolled back by
    then, as DataAsOf sees them); None, the data now. `pinned` is the moment when the data have changed since
    (an import or a rollback after it), so that a document says it shows an older version; a delivery's moment,
    a few seconds old, gives the same line as the live data (docs/decisions.md#data-version-line)."""
    now = version_info(db)
    if moment is None:
        return now
    at = _version(db.fetch_all(_VERSION_AT_SQL, {"m": moment})[0])
    return dataclasses.replace(at, pinned=moment) if at.version != now.version else at


def version_in(cur: duckdb.DuckDBPyConnection) -> VersionInfo:
    """version_info as a write's own transaction (`cur`) sees it: a write that must match the data it read."""
    return _version(cur.execute(_VERSION_SQL).fetchone())


def _version(row: tuple) -> VersionInfo:
    n, top, rolled, active, last, newest_active = row
    return VersionInfo(f"{n}.{top}.{rolled}", active, newest_active, last)


def data_version(db: Database) -> str:
    """Changes with every import and rollback: the cache key of query results."""
    return version_info(db).version
