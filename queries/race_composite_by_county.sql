-- One row per county with race scores in $period: its composite score, best first.
-- Each indicator is standardized across counties (z-score, population sd, sign flipped for lower-is-better,
-- capped at ±3; all equal -> 0); a missing value counts as the peer mean (z = 0) and is counted in `missing`;
-- composite = sum(weight * z) / sum(weight) over the catalog in force for the period (latest effective_from).
-- Params: $period (canonical).
WITH catalog AS (
    SELECT code, direction, weight FROM catalog_in_force('race', $period)
),
vals AS (
    SELECT v.county, v.indicator, v.value
    FROM current_values v JOIN catalog c ON c.code = v.indicator
    WHERE v.period = $period AND v.township = ''
),
counties AS (SELECT DISTINCT county FROM vals),
stats AS (
    SELECT indicator, avg(value) AS mean, stddev_pop(value) AS sd
    FROM vals WHERE value IS NOT NULL GROUP BY indicator
),
scored AS (
    SELECT c.county, k.weight, v.value IS NULL AS is_missing,
           CASE WHEN v.value IS NULL OR s.sd = 0 THEN 0
                ELSE greatest(-3, least(3, (v.value - s.mean) / s.sd
                                           * CASE WHEN k.direction = 'lower' THEN -1 ELSE 1 END)) END AS z
    FROM counties c
    CROSS JOIN catalog k
    JOIN stats s ON s.indicator = k.code
    LEFT JOIN vals v ON v.county = c.county AND v.indicator = k.code
)
SELECT county, sum(weight * z) / sum(weight) AS composite, count(*) FILTER (WHERE is_missing) AS missing
FROM scored
GROUP BY county
ORDER BY composite DESC, county
