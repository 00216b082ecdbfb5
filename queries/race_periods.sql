-- One row per period with race values, oldest first: at county level when $county is '', else for the townships
-- of $county. `units`: how many units have values in it; `complete`: every unit that takes part has (the counties
-- of the regions, or the townships of $county, with race values in any stored period: a county the regions list
-- but that never sent race scores is not waited for, docs/decisions.md#which-counties-take-part); a period only
-- some counties have sent yet is not complete (docs/decisions.md#the-default-period-is-a-complete-one).
-- `expected`: how many units take part, the M of `N/M 个县区已报` (docs/decisions.md#reported-counts).
-- Params: $county.
WITH units AS (
    SELECT DISTINCT period, CASE WHEN $county = '' THEN county ELSE township END AS unit
    FROM current_values
    WHERE domain = 'race'
      AND CASE WHEN $county = '' THEN township = '' ELSE county = $county AND township <> '' END
),
regions AS (
    SELECT DISTINCT CASE WHEN $county = '' THEN county ELSE township END AS unit
    FROM current_regions
    WHERE CASE WHEN $county = '' THEN true ELSE county = $county AND coalesce(township, '') <> '' END
),
taking_part AS (
    SELECT count(*) AS n FROM regions WHERE unit IN (SELECT unit FROM units)
)
SELECT period, count(*) AS units, count(*) >= (SELECT n FROM taking_part) AS complete,
       (SELECT n FROM taking_part) AS expected
FROM units
GROUP BY period
ORDER BY period_start(period), period_end(period) DESC
