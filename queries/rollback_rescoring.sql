-- What rolling back the batches $batches changes in the catalog in force for each stored period, with the columns
-- of catalog_rescoring.sql (read by the same effects.rescorings): the versions before are current_indicators, the
-- versions after those of the active batches other than $batches (newest batch per code and 生效起始期, as
-- current_indicators picks), the stored periods those of the values that stay. A version's start is ordered as
-- catalog_in_force (schema 001) orders it. Read by store/rollback_effects.py
-- (docs/decisions.md#rolling-back-a-catalog-batch). Params: $batches, a list of batch ids.
WITH kept AS (SELECT id FROM active_batch_ids WHERE NOT list_contains($batches, id)),
stored_periods AS (SELECT DISTINCT domain, period FROM indicator_values WHERE batch_id IN (SELECT id FROM kept)),
stored_versions AS (SELECT code, name, domain, track, direction, weight, target, effective_from, class_weights
           FROM (SELECT *, coalesce((SELECT string_agg(w.peer_class || '=' || CAST(w.weight AS VARCHAR), ';' ORDER BY w.peer_class) FROM current_class_weights w WHERE w.code = ci.code AND w.effective_from = ci.effective_from), '') AS class_weights FROM current_indicators ci)),
kept_indicators AS (
    SELECT code, name, domain, track, direction, weight, target, effective_from, batch_id FROM indicators
    WHERE batch_id IN (SELECT id FROM kept)
    QUALIFY row_number() OVER (PARTITION BY code, effective_from ORDER BY batch_id DESC) = 1),
new_versions AS (SELECT code, name, domain, track, direction, weight, target, effective_from, class_weights
           FROM (SELECT *, coalesce((SELECT string_agg(w.peer_class || '=' || CAST(w.weight AS VARCHAR), ';' ORDER BY w.peer_class) FROM indicator_class_weights w WHERE w.code = ki.code AND w.effective_from = ki.effective_from AND w.batch_id = ki.batch_id), '') AS class_weights FROM kept_indicators ki)),
b AS (
SELECT p.period, v.* FROM stored_periods p JOIN stored_versions v
  ON v.domain = p.domain AND CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END <= period_start(p.period)
QUALIFY row_number() OVER (PARTITION BY p.domain, p.period, v.code ORDER BY CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END DESC) = 1),
a AS (
SELECT p.period, v.* FROM stored_periods p JOIN new_versions v
  ON v.domain = p.domain AND CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END <= period_start(p.period)
QUALIFY row_number() OVER (PARTITION BY p.domain, p.period, v.code ORDER BY CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END DESC) = 1)
SELECT * FROM (
SELECT coalesce(a.domain, b.domain) AS domain, coalesce(a.period, b.period) AS period,
       coalesce(a.code, b.code) AS code, coalesce(b.name, a.name) AS name,
       b.code IS NOT NULL AS in_before, a.code IS NOT NULL AS in_after,
       false AS undated,
       b.weight AS b_weight, a.weight AS a_weight, b.direction AS b_direction, a.direction AS a_direction,
       b.track AS b_track, a.track AS a_track, b.target AS b_target, a.target AS a_target,
       b.class_weights AS b_class_weights, a.class_weights AS a_class_weights
FROM b FULL JOIN a ON a.domain = b.domain AND a.period = b.period AND a.code = b.code)
ORDER BY code, domain, period_start(period), period
