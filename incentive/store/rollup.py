"""The training rollup (`training_rollup`): hours and records per cadre, month, category, domain, mode and
organization, maintained inside the transaction of every import and rollback, so coverage never reads the raw
records (docs/design-notes.md, "Province scale")."""

from __future__ import annotations

import duckdb

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


def add_batch(cur: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """After importing training: when no other current training row belongs to the batch's cadres (a first
    load, a new year, new people), every row of the batch is current and the rollup grows by the batch's own
    months, without the newest-batch-per-key window over all training; otherwise the general refresh."""
    overlap = cur.execute(
        """
        SELECT count(*) FROM (
            SELECT 1 FROM training
            WHERE batch_id <> $id AND batch_id IN (SELECT id FROM active_batch_ids)
              AND cadre_id IN (SELECT cadre_id FROM training WHERE batch_id = $id)
            LIMIT 1)""",
        {"id": batch_id},
    ).fetchone()[0]
    if overlap:
        refresh(cur, [batch_id])
        return
    cur.execute(f"CREATE OR REPLACE TEMP VIEW new_training AS SELECT * FROM training WHERE batch_id = {int(batch_id)}")
    cur.execute("INSERT INTO training_rollup SELECT * FROM training_months('new_training')")
    cur.execute("DROP VIEW new_training")
