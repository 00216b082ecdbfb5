-- The stored spellings of a file's cadre ids that differ from them in letter case alone (the registered table
-- `incoming`: cadre_id, the file's distinct ids as read): the roster's (any snapshot of any county, every active
-- batch) and, for a file of training, decisions or appraisals ($kind), that kind's own stored records'. A file's
-- `lz000001` is the roster's `LZ000001` (docs/decisions.md#cadre-ids-in-another-letter-case).
-- lower() folds more than ASCII letters: a superset, which the caller narrows to ASCII case (cadre_ids.py).
-- Only ids the file itself holds come back, as stored, and no name: no named cadres.
-- One row per file id and stored spelling: cadre_id (the file's), stored (as stored), on_roster (the roster's
-- spelling, else only the kind's records'). Params: $kind (roster | training | movements | appraisals).
WITH wanted AS (
    SELECT DISTINCT CAST(cadre_id AS VARCHAR) AS cadre_id, lower(CAST(cadre_id AS VARCHAR)) AS folded
    FROM incoming
    WHERE cadre_id IS NOT NULL
),
on_roster AS (
    SELECT DISTINCT cadre_id, lower(cadre_id) AS folded FROM roster
    WHERE batch_id IN (SELECT id FROM active_batch_ids)
),
-- the kind's own records are read only for ids no roster spelling matches: with none (the usual file) the join
-- below has nothing on one side and DuckDB skips the scan of the kind's records (ten million at a province's
-- training: 0.5 s of this query's 0.65 s when read for every id)
off_roster AS (SELECT folded FROM wanted ANTI JOIN on_roster USING (folded)),
of_kind AS (
    SELECT cadre_id FROM training
    WHERE $kind = 'training' AND batch_id IN (SELECT id FROM active_batch_ids)
    UNION ALL
    SELECT cadre_id FROM movements
    WHERE $kind = 'movements' AND batch_id IN (SELECT id FROM active_batch_ids)
    UNION ALL
    SELECT cadre_id FROM appraisals
    WHERE $kind = 'appraisals' AND batch_id IN (SELECT id FROM active_batch_ids)
),
stored AS (
    SELECT cadre_id, folded, true AS on_roster FROM on_roster
    UNION ALL
    SELECT DISTINCT k.cadre_id, o.folded, false FROM of_kind k JOIN off_roster o ON lower(k.cadre_id) = o.folded
)
SELECT w.cadre_id, s.cadre_id AS stored, bool_or(s.on_roster) AS on_roster
FROM wanted w JOIN stored s USING (folded)
GROUP BY ALL
ORDER BY w.cadre_id, stored
