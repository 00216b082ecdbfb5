-- One row per period with race values, oldest first: at county level when $county is '', else for the townships
-- of $county. Params: $county.
SELECT DISTINCT period
FROM current_values
WHERE domain = 'race'
  AND CASE WHEN $county = '' THEN township = '' ELSE county = $county AND township <> '' END
ORDER BY period_start(period), period_end(period) DESC
