-- One row per unit (county, or township), indicator and period of `period_pairs` that has a value both in that
-- period and in its paired previous period: the two values, for the unusual-change rule (incentive/intake/plausibility.py).
-- The values are the current ones of $domain with the rows of `incoming` (a file's preview; empty to check loaded
-- data) in place of the same keys, so a file's values are compared with its peers as they would be after import.
-- Tables: incoming (period, county, township, indicator, value), period_pairs (period, previous).
-- Params: $domain ('race' | 'welfare').
WITH new_rows AS (
    SELECT CAST(period AS VARCHAR) AS period, CAST(county AS VARCHAR) AS county,
           coalesce(CAST(township AS VARCHAR), '') AS township, CAST(indicator AS VARCHAR) AS indicator,
           CAST(value AS DOUBLE) AS value
    FROM incoming
),
merged AS (
    SELECT period, county, township, indicator, value
    FROM current_values c
    WHERE domain = $domain
      AND period IN (SELECT period FROM period_pairs UNION SELECT previous FROM period_pairs)
      AND NOT EXISTS (SELECT 1 FROM new_rows i
                      WHERE i.period = c.period AND i.county = c.county AND i.township = c.township
                        AND i.indicator = c.indicator)
    UNION ALL
    SELECT period, county, township, indicator, value FROM new_rows
)
SELECT n.period, p.previous, n.county, n.township, n.indicator, o.value AS old, n.value AS new
FROM merged n
JOIN period_pairs p ON p.period = n.period
JOIN merged o ON o.period = p.previous AND o.county = n.county AND o.township = n.township
                 AND o.indicator = n.indicator
WHERE n.value IS NOT NULL AND o.value IS NOT NULL
ORDER BY n.period, n.indicator, n.county, n.township
