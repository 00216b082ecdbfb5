-- Stored records (training, movements, appraisals) whose cadre id is on no roster but differs only in letter case
-- from a roster's id: records stored as `lz009001` before a roster listed `LZ009001`, which count for nobody
-- (docs/decisions.md#cadre-ids-in-another-letter-case). They are not rewritten: a stored row changes only when the
-- user imports it again. The roster ids compared: with $file_only those of the registered table `incoming` (cadre_id:
-- a roster file's ids as they will be stored) that no stored roster lists yet, else every stored roster's (any
-- snapshot of any county).
-- lower() folds more than ASCII letters: a superset, which the caller narrows to ASCII case (cadre_ids.folded).
-- Only ids and counts, no name and no county: no named cadres.
-- One row per kind, stored spelling and roster id: kind, stored (the records' id), roster_id, records (how many).
-- Params: $file_only (true: the file's ids new to every roster; false: every stored roster's).
WITH on_roster AS (
    SELECT DISTINCT cadre_id FROM roster WHERE batch_id IN (SELECT id FROM active_batch_ids)
),
-- a roster file's ids that no stored roster lists yet (a re-sent roster: few or none), or every stored roster's id.
-- A file's id already on a roster was compared when that roster came in (or is listed by `check`); with no new id
-- the join below has nothing on one side and DuckDB skips the scan of the records (ten million training records
-- at a province's scale: 2.3 s of a roster's preview when every record was counted first)
wanted AS (
    SELECT DISTINCT CAST(cadre_id AS VARCHAR) AS cadre_id FROM incoming WHERE cadre_id IS NOT NULL AND $file_only
                                                                       AND cadre_id NOT IN (SELECT cadre_id FROM on_roster)
    UNION
    SELECT cadre_id FROM on_roster WHERE NOT $file_only
),
keys AS (SELECT cadre_id, lower(cadre_id) AS folded FROM wanted),
records AS (
    SELECT 'training' AS kind, cadre_id FROM training WHERE batch_id IN (SELECT id FROM active_batch_ids)
    UNION ALL
    SELECT 'movements', cadre_id FROM movements WHERE batch_id IN (SELECT id FROM active_batch_ids)
    UNION ALL
    SELECT 'appraisals', cadre_id FROM appraisals WHERE batch_id IN (SELECT id FROM active_batch_ids)
),
-- records in another spelling of a wanted id, their own id on no roster and not one the file lists
matched AS (
    SELECT r.kind, r.cadre_id AS stored, k.cadre_id AS roster_id
    FROM records r JOIN keys k ON lower(r.cadre_id) = k.folded AND r.cadre_id <> k.cadre_id
    WHERE r.cadre_id NOT IN (SELECT cadre_id FROM on_roster) AND r.cadre_id NOT IN (SELECT cadre_id FROM wanted)
)
SELECT kind, stored, roster_id, count(*) AS records
FROM matched
GROUP BY ALL
ORDER BY roster_id, kind, stored
