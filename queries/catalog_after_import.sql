-- The catalog after a catalog file is imported, as queries/catalog_rescoring.sql reads it (`versions_after`): one
-- row per version, the file's rows (the registered table `incoming`, with `class_weights` as
-- effects.import_effects registers them; from_file true) and the stored versions (current_indicators, with their
-- class weights as the view class_weights_texts writes them) that no file row replaces (same code and 生效起始期),
-- since a catalog file is an upsert.
-- Read by effects.catalog_rescoring (docs/decisions.md#catalog-versions). No params.
WITH file_rows AS (
    SELECT CAST(code AS VARCHAR) AS code, CAST(name AS VARCHAR) AS name, CAST(domain AS VARCHAR) AS domain,
           CAST(track AS VARCHAR) AS track, CAST(direction AS VARCHAR) AS direction,
           CAST(weight AS DOUBLE) AS weight, CAST(target AS DOUBLE) AS target,
           CAST(effective_from AS VARCHAR) AS effective_from, CAST(class_weights AS VARCHAR) AS class_weights,
           true AS from_file
    FROM incoming),
stored_versions AS (SELECT code, name, domain, track, direction, weight, target, effective_from, class_weights, false AS from_file
           FROM (SELECT ci.*, coalesce(w.class_weights, '') AS class_weights FROM current_indicators ci
                 LEFT JOIN class_weights_texts w USING (batch_id, code, effective_from)))
SELECT * FROM file_rows
UNION ALL BY NAME
SELECT * FROM stored_versions s WHERE NOT EXISTS (
    SELECT 1 FROM file_rows f WHERE f.code = s.code AND f.effective_from = s.effective_from)
