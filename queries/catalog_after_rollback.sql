-- The catalog after rolling back the batches $batches, as queries/catalog_rescoring.sql reads it (`versions_after`):
-- one row per version, those of the active batches other than $batches (the newest batch per code and 生效起始期,
-- as current_indicators picks), each with its own batch's class weights (as the view class_weights_texts writes
-- them); from_file false (no file is imported).
-- Read by store/rollback_effects.py (docs/decisions.md#rolling-back-a-catalog-batch). Params: $batches, a list of
-- batch ids.
WITH kept_indicators AS (
    SELECT code, name, domain, track, direction, weight, target, effective_from, batch_id FROM indicators
    WHERE batch_id IN (SELECT id FROM active_batch_ids WHERE NOT list_contains($batches, id))
    QUALIFY row_number() OVER (PARTITION BY code, effective_from ORDER BY batch_id DESC) = 1)
SELECT code, name, domain, track, direction, weight, target, effective_from, class_weights, false AS from_file
FROM (SELECT ki.*, coalesce(w.class_weights, '') AS class_weights FROM kept_indicators ki
      LEFT JOIN class_weights_texts w USING (batch_id, code, effective_from))
