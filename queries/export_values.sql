-- One row per current indicator value of one domain (race or welfare), optionally one period (exact match).
-- Params: $domain ('race' | 'welfare'), $period (canonical period, or NULL for all).
WITH county_order AS (
    SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county
)
SELECT v.period, v.county, v.township, v.indicator, v.value
FROM current_values v
LEFT JOIN county_order o USING (county)
WHERE v.domain = $domain
  AND (CAST($period AS VARCHAR) IS NULL OR v.period = CAST($period AS VARCHAR))
ORDER BY v.period, o.county_code NULLS LAST, v.county, v.township, v.indicator
