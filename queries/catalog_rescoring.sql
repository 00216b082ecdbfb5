-- What a catalog file (the registered table `incoming`: its rows with `class_weights` as effects.import_effects
-- registers them) changes in the catalog in force for each stored period (of current_values): one row per domain,
-- stored period and indicator in force before or after, with its fields before (b_*) and after (a_*), whether it is
-- in force before and after, and whether a file row without 生效起始期 gives it (undated). A version's start is
-- ordered as catalog_in_force (schema 001) orders it: '' from the beginning; a CASE, not an OR, so that
-- period_start never sees ''. Read by effects.catalog_rescoring (docs/decisions.md#catalog-versions). No params.
WITH stored_periods AS (SELECT DISTINCT domain, period FROM current_values),
file_rows AS (
    SELECT CAST(code AS VARCHAR) AS code, CAST(name AS VARCHAR) AS name, CAST(domain AS VARCHAR) AS domain,
           CAST(track AS VARCHAR) AS track, CAST(direction AS VARCHAR) AS direction,
           CAST(weight AS DOUBLE) AS weight, CAST(target AS DOUBLE) AS target,
           CAST(effective_from AS VARCHAR) AS effective_from, CAST(class_weights AS VARCHAR) AS class_weights,
           true AS from_file
    FROM incoming),
stored_versions AS (SELECT code, name, domain, track, direction, weight, target, effective_from, class_weights, false AS from_file
           FROM (SELECT *, coalesce((SELECT string_agg(w.peer_class || '=' || CAST(w.weight AS VARCHAR), ';' ORDER BY w.peer_class) FROM current_class_weights w WHERE w.code = ci.code AND w.effective_from = ci.effective_from), '') AS class_weights FROM current_indicators ci)),
new_versions AS (SELECT * FROM file_rows
          UNION ALL BY NAME
          SELECT * FROM stored_versions s WHERE NOT EXISTS (
              SELECT 1 FROM file_rows f WHERE f.code = s.code AND f.effective_from = s.effective_from)),
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
       coalesce(a.code, b.code) AS code, coalesce(a.name, b.name) AS name,
       b.code IS NOT NULL AS in_before, a.code IS NOT NULL AS in_after,
       coalesce(a.from_file AND a.effective_from = '', false) AS undated,
       b.weight AS b_weight, a.weight AS a_weight, b.direction AS b_direction, a.direction AS a_direction,
       b.track AS b_track, a.track AS a_track, b.target AS b_target, a.target AS a_target,
       b.class_weights AS b_class_weights, a.class_weights AS a_class_weights
FROM b FULL JOIN a ON a.domain = b.domain AND a.period = b.period AND a.code = b.code)
ORDER BY code, domain, period_start(period), period
