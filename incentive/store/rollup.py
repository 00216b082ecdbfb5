"""The training rollup (`training_rollup`): hours and records per cadre, month, category, domain, mode and
organization, maintained inside the transaction of every import and rollback, so coverage never reads the raw
records (docs/design-notes.md, "Province scale")."""

from __future__ import annotations

import duckdb

from incentive.store.queries import identifier

# A batch's rows, and the rows they supersede or bring back, share their key (cadre, course, date), so the
# rollup changes only in the (cadre, month) groups of the batch's own rows: those are recomputed, nothing else.
_REFRESH = (
    """CREATE OR REPLACE TEMP TABLE touched_months AS
       SELECT DISTINCT cadre_id, CAST(date_trunc('month', date) AS DATE) AS month
       FROM training WHERE batch_id IN (SELECT unnest($ids))""",
    "DELETE FROM training_rollup WHERE (cadre_id, month) IN (SELECT (cadre_id, month) FROM touched_months)",
    "INSERT INTO training_rollup SELECT * FROM training_by_month "
    "WHERE (cadre_id, month) IN (SELECT (cadre_id, month) FROM touched_months)",
    "DROP TABLE touched_months",
)


def refresh(cur: duckdb.DuckDBPyConnection, batch_ids: list[int]) -> None:
    """Recompute the rollup groups these batches touch (nothing when they hold no training rows), after their
    status changed, inside the caller's transaction."""
    if not batch_ids:
        return
    cur.execute(_REFRESH[0], {"ids": batch_ids})
    for statement in _REFRESH[1:]:
        cur.execute(statement)


# The batch's rows as the training table stores them (its column types): the rollup of a first load reads them from
# the relation they were inserted from, not back from the table in the same transaction (1.5 s less for ten
# million rows: the table's compressed columns cost more to read than the staged Parquet file).
_AS_STORED = """
    CREATE OR REPLACE TEMP VIEW new_training AS
    SELECT CAST(cadre_id AS VARCHAR) AS cadre_id, CAST(category AS VARCHAR) AS category,
           CAST(domain AS VARCHAR) AS domain, CAST(mode AS VARCHAR) AS mode, CAST(organized AS VARCHAR) AS organized,
           CAST(hours AS DOUBLE) AS hours, CAST(date AS DATE) AS date
    FROM {rows}"""


def add_batch(cur: duckdb.DuckDBPyConnection, batch_id: int, rows: str) -> None:
    """After importing training: when no other current training row belongs to the batch's cadres (a first
    load, a new year, new people), every row of the batch is current and the rollup grows by the batch's own
    months, without the newest-batch-per-key window over all training; otherwise the general refresh. `rows`:
    the name of a relation on `cur` holding exactly the rows just inserted as batch `batch_id`."""
    cur.execute(_AS_STORED.format(rows=identifier(rows)))  # a failure below rolls the view back with the rest
    if _others_share_cadres(cur, batch_id):
        refresh(cur, [batch_id])
    else:
        cur.execute("INSERT INTO training_rollup SELECT * FROM training_months('new_training')")
    cur.execute("DROP VIEW new_training")


def _others_share_cadres(cur: duckdb.DuckDBPyConnection, batch_id: int) -> bool:
    """Whether another active batch holds training of one of the new batch's cadres. Asked in two steps: on a
    first load there is no other training, and the set of the batch's cadres (a second over ten million rows)
    need not be built."""
    others = "FROM training WHERE batch_id <> $id AND batch_id IN (SELECT id FROM active_batch_ids)"
    if not cur.execute(f"SELECT EXISTS ({others})", {"id": batch_id}).fetchone()[0]:
        return False
    return cur.execute(
        f"SELECT EXISTS ({others} AND cadre_id IN (SELECT cadre_id FROM new_training))", {"id": batch_id}
    ).fetchone()[0]
