-- Stored records (training, movements, appraisals) whose cadre id is on no roster but differs only in letter case
-- from a roster's id: records stored as `lz009001` before a roster listed `LZ009001`, which count for nobody
-- (docs/decisions.md#cadre-ids-in-another-letter-case). They are not rewritten: a stored row changes only when the
-- user imports it again. The roster ids compared: those of the registered table `incoming` (cadre_id: a roster
-- file's ids as they will be stored) and, unless $file_only, every stored roster's (any snapshot of any county).
-- lower() folds more than ASCII letters: a superset, which the caller narrows to ASCII case (cadre_ids.folded).
-- Only ids and counts, no name and no county: no named cadres.
-- One row per kind, stored spelling and roster id: kind, stored (the records' id), roster_id, records (how many).
-- Params: $file_only (true: only the file's ids; false: the file's and every stored roster's).
WITH on_roster AS (
    SELECT DISTINCT cadre_id FROM roster WHERE batch_id IN (SELECT id FROM active_batch_ids)
),
wanted AS (
    SELECT DISTINCT CAST(cadre_id AS VARCHAR) AS cadre_id FROM incoming WHERE cadre_id IS NOT NULL
    UNION
    SELECT cadre_id FROM on_roster WHERE NOT $file_only
),
records AS (
    SELECT 'training' AS kind, cadre_id FROM training WHERE batch_id IN (SELECT id FROM active_batch_ids)
    UNION ALL
    SELECT 'movements', cadre_id FROM movements WHERE batch_id IN (SELECT id FROM active_batch_ids)
    UNION ALL
    SELECT 'appraisals', cadre_id FROM appraisals WHERE batch_id IN (SELECT id FROM active_batch_ids)
),
counted AS (SELECT kind, cadre_id, count(*) AS records FROM records GROUP BY ALL),
off_roster AS (
    SELECT kind, cadre_id, records FROM counted
    ANTI JOIN on_roster USING (cadre_id)
    ANTI JOIN wanted USING (cadre_id)
)
SELECT o.kind, o.cadre_id AS stored, w.cadre_id AS roster_id, o.records
FROM off_roster o JOIN wanted w ON lower(o.cadre_id) = lower(w.cadre_id)
ORDER BY roster_id, kind, stored
