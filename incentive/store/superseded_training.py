"""Which training rows newer batches supersede: `training_partial` lists the active training batches some of whose
rows a newer active batch holds again (same cadre, course and date), `training_kept` their rows still current
(schema/021). Every other active batch is current whole, and `current_training` reads it straight from `training`,
so a first load, a new year or a county's new quarter costs nothing beyond storing its records
(docs/design-notes.md, "Province scale")."""

from __future__ import annotations

import duckdb

# The older active batches holding a key of batch $id: the ones whose current rows the batch's arrival or departure
# changes. Asked only when another active training batch older than it exists (a first load never joins).
_OLDER_EXIST = "SELECT EXISTS (FROM training WHERE batch_id < $id AND batch_id IN (SELECT id FROM active_batch_ids))"
_SHARING = """
    SELECT DISTINCT o.batch_id FROM training o
    SEMI JOIN (SELECT cadre_id, course, date FROM training WHERE batch_id = $id) n
      ON o.cadre_id IS NOT DISTINCT FROM n.cadre_id AND o.course IS NOT DISTINCT FROM n.course
         AND o.date IS NOT DISTINCT FROM n.date
    WHERE o.batch_id < $id AND o.batch_id IN (SELECT id FROM active_batch_ids)
    ORDER BY o.batch_id"""

# A batch's rows that no newer active batch holds again.
_CURRENT_ROWS = """
    CREATE OR REPLACE TEMP TABLE still_current AS
    SELECT o.batch_id, o.cadre_id, o.course, o.category, o.domain, o.mode, o.organized, o.hours, o.date
    FROM training o
    ANTI JOIN (SELECT cadre_id, course, date FROM training
               WHERE batch_id > $id AND batch_id IN (SELECT id FROM active_batch_ids)) n
      ON o.cadre_id IS NOT DISTINCT FROM n.cadre_id AND o.course IS NOT DISTINCT FROM n.course
         AND o.date IS NOT DISTINCT FROM n.date
    WHERE o.batch_id = $id"""


def refresh(cur: duckdb.DuckDBPyConnection, batch_ids: list[int]) -> None:
    """After these batches were imported or rolled back (their status already written), inside the caller's
    transaction: the older batches sharing a key with one of them have their current rows worked out again, and a
    batch no longer active leaves both tables. Batches of other kinds hold no training and change nothing."""
    training = cur.execute(
        "SELECT id FROM batches WHERE kind = 'training' AND id IN (SELECT unnest($ids)) ORDER BY id", {"ids": batch_ids}
    ).fetchall()
    for (batch_id,) in training:
        for older in _older_sharing(cur, batch_id):
            _settle(cur, older)
        # A new batch is the newest (ids only grow) and current whole; a rolled back one is never active again.
        cur.execute("DELETE FROM training_partial WHERE batch_id = $id", {"id": batch_id})
        cur.execute("DELETE FROM training_kept WHERE batch_id = $id", {"id": batch_id})


def _older_sharing(cur: duckdb.DuckDBPyConnection, batch_id: int) -> list[int]:
    if not cur.execute(_OLDER_EXIST, {"id": batch_id}).fetchone()[0]:
        return []
    return [row[0] for row in cur.execute(_SHARING, {"id": batch_id}).fetchall()]


def _settle(cur: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """List the batch as partial with its current rows kept, or as current whole."""
    cur.execute("DELETE FROM training_partial WHERE batch_id = $id", {"id": batch_id})
    cur.execute("DELETE FROM training_kept WHERE batch_id = $id", {"id": batch_id})
    cur.execute(_CURRENT_ROWS, {"id": batch_id})
    kept = cur.execute("SELECT count(*) FROM still_current").fetchone()[0]
    stored = cur.execute("SELECT count(*) FROM training WHERE batch_id = $id", {"id": batch_id}).fetchone()[0]
    if kept < stored:
        cur.execute("INSERT INTO training_partial VALUES ($id)", {"id": batch_id})
        cur.execute("INSERT INTO training_kept SELECT * FROM still_current")
    cur.execute("DROP TABLE still_current")
