-- One row per period with welfare values at county level, oldest first. `units`: how many counties have values
-- in it; `complete`: every county that takes part has (the counties of the regions with welfare values in any
-- stored period, docs/decisions.md#which-counties-take-part), so a county the regions list but that never sent
-- care figures is not waited for (docs/decisions.md#the-default-period-is-a-complete-one). `expected`: how
-- many counties take part, the M of `N/M 个县区已报` (docs/decisions.md#reported-counts). Params: none.
WITH units AS (
    SELECT DISTINCT period, county FROM current_values WHERE domain = 'welfare' AND township = ''
),
taking_part AS (
    SELECT count(DISTINCT county) AS n FROM current_regions WHERE county IN (SELECT county FROM units)
)
SELECT period, count(*) AS units, count(*) >= (SELECT n FROM taking_part) AS complete,
       (SELECT n FROM taking_part) AS expected
FROM units
GROUP BY period
ORDER BY period_start(period), period_end(period) DESC
