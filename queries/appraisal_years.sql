-- The years with annual appraisal grades, newest first, and the last day personnel decisions are recorded to.
-- Params: none. The years are those of the active batches' rows: each (cadre, year) that current_appraisals keeps
-- one row of has at least one there, so its deduplication (a window over a million rows) need not run for them.
SELECT year, (SELECT max(date) FROM current_movements) AS movements_until
FROM (SELECT DISTINCT year FROM appraisals WHERE batch_id IN (SELECT id FROM active_batch_ids))
ORDER BY year DESC
