-- What a change of the catalog changes in the catalog in force for each stored period: one row per domain, stored
-- period and indicator in force before or after, with its fields before (b_*) and after (a_*), whether it is in
-- force before and after, and whether a file row without 生效起始期 gives it (undated). The one comparison of an
-- import's catalog file (effects.catalog_rescoring, docs/decisions.md#catalog-versions) and of a rollback
-- (store/rollback_effects.py, docs/decisions.md#rolling-back-a-catalog-batch); each caller registers its own:
--   stored_periods  (domain, period): the periods whose figures the change may re-score
--   versions_after  (code, name, domain, track, direction, weight, target, effective_from, class_weights,
--                    from_file): the catalog after the change, every version of it, class weights written as
--                    `class=weight;…` in class order and from_file true for a row of the file imported
-- The versions before are the catalog now (current_indicators, with their class weights as the view
-- class_weights_texts writes them), for both callers.
-- A version's start is ordered as catalog_in_force (schema 001) orders it: '' from the beginning; a CASE, not an OR,
-- so that period_start never sees ''. Params: $name_after, true to name an indicator as its version after does
-- (an import: as the file names it), false as its version before (a rollback: as it is named now); the other
-- when it has no such version.
WITH versions_before AS (SELECT code, name, domain, track, direction, weight, target, effective_from, class_weights
           FROM (SELECT ci.*, coalesce(w.class_weights, '') AS class_weights FROM current_indicators ci
                 LEFT JOIN class_weights_texts w USING (batch_id, code, effective_from))),
b AS (
SELECT p.period, v.* FROM stored_periods p JOIN versions_before v
  ON v.domain = p.domain AND CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END <= period_start(p.period)
QUALIFY row_number() OVER (PARTITION BY p.domain, p.period, v.code ORDER BY CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END DESC) = 1),
a AS (
SELECT p.period, v.* FROM stored_periods p JOIN versions_after v
  ON v.domain = p.domain AND CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END <= period_start(p.period)
QUALIFY row_number() OVER (PARTITION BY p.domain, p.period, v.code ORDER BY CASE WHEN v.effective_from = '' THEN DATE '1900-01-01' ELSE period_start(v.effective_from) END DESC) = 1)
SELECT * FROM (
SELECT coalesce(a.domain, b.domain) AS domain, coalesce(a.period, b.period) AS period,
       coalesce(a.code, b.code) AS code, coalesce(CASE WHEN $name_after THEN a.name END, b.name, a.name) AS name,
       b.code IS NOT NULL AS in_before, a.code IS NOT NULL AS in_after,
       coalesce(a.from_file AND a.effective_from = '', false) AS undated,
       b.weight AS b_weight, a.weight AS a_weight, b.direction AS b_direction, a.direction AS a_direction,
       b.track AS b_track, a.track AS a_track, b.target AS b_target, a.target AS a_target,
       b.class_weights AS b_class_weights, a.class_weights AS a_class_weights
FROM b FULL JOIN a ON a.domain = b.domain AND a.period = b.period AND a.code = b.code)
ORDER BY code, domain, period_start(period), period
