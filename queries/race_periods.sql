-- One row per period with race values, oldest first: at county level when $county is '', else for the townships
-- of $county. `complete`: every county of the regions (or every township of $county) has a value in it; a period
-- only some counties have sent yet is not complete (docs/decisions.md#the-default-period-is-a-complete-one).
-- Params: $county.
WITH units AS (
    SELECT DISTINCT period, CASE WHEN $county = '' THEN county ELSE township END AS unit
    FROM current_values
    WHERE domain = 'race'
      AND CASE WHEN $county = '' THEN township = '' ELSE county = $county AND township <> '' END
),
expected AS (
    SELECT count(DISTINCT CASE WHEN $county = '' THEN county ELSE township END) AS n
    FROM current_regions
    WHERE CASE WHEN $county = '' THEN true ELSE county = $county AND coalesce(township, '') <> '' END
)
SELECT period, count(*) >= (SELECT n FROM expected) AS complete
FROM units
GROUP BY period
ORDER BY period_start(period), period_end(period) DESC
