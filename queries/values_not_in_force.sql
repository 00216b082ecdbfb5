-- One row per stored value (not reported missing) that no catalog version in force scores: its indicator has no
-- version for its period (every version starts later), or no longer exists at all (its catalog batch rolled back).
-- The importer refuses such values (docs/decisions.md#catalog-versions), and so does a rollback of a catalog batch
-- (docs/decisions.md#rolling-back-a-catalog-batch); a database may hold some from before, and scoring leaves them
-- out of every composite, so `check` and the Data page name them. No params.
SELECT v.domain, v.period, v.county, v.township, v.indicator, v.value
FROM current_values v
WHERE v.value IS NOT NULL
  AND NOT EXISTS (
      SELECT 1 FROM current_indicators i
      WHERE i.code = v.indicator AND i.domain = v.domain
        AND (i.effective_from = '' OR period_start(i.effective_from) <= period_start(v.period)))
ORDER BY v.domain, period_start(v.period), v.period, v.county, v.township, v.indicator
