-- One row per county and welfare indicator of the catalog in force for $period: value (NULL when missing),
-- target (NULL when none) and direction, for target statuses. The counties are those with care figures in $period
-- and every county taking part that sent none (docs/decisions.md#which-counties-take-part): those have a row per
-- indicator with value NULL, so the grid lists them as missing, never leaves them out
-- (docs/decisions.md#reported-counts). Params: $period (canonical).
WITH catalog AS (
    SELECT code, name, unit, direction, target FROM catalog_in_force('welfare', $period)
),
counties AS (
    SELECT DISTINCT county FROM current_values WHERE domain = 'welfare' AND period = $period AND township = ''
    UNION
    SELECT DISTINCT county FROM current_regions
    WHERE county IN (SELECT county FROM current_values WHERE domain = 'welfare' AND township = '')
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT c.county, k.code AS indicator, k.name, k.unit, v.value, k.target, k.direction
FROM counties c
CROSS JOIN catalog k
LEFT JOIN current_values v
       ON v.county = c.county AND v.indicator = k.code AND v.period = $period AND v.township = ''
LEFT JOIN county_order o ON o.county = c.county
ORDER BY o.county_code NULLS LAST, c.county, k.code
