-- One row per unit (county, or township), indicator and period of `period_pairs` that has a value both in that
-- period and in its paired previous period: the two values, for the unusual-change rule (incentive/intake/plausibility.py).
-- The values are the current ones of $domain with the rows of `incoming` (a file's preview; empty to check loaded
-- data) in place of the same keys, so a file's values are compared with its peers as they would be after import
-- (the macro values_after_file, schema 023, merging only the stored values of the periods of `period_pairs`).
-- Tables: incoming (period, county, township, indicator, value), period_pairs (period, previous).
-- Params: $domain ('race' | 'welfare').
WITH merged AS (
    SELECT * FROM values_after_file($domain, 'incoming',
                                    (SELECT coalesce(list(period) || list(previous), []) FROM period_pairs))
)
SELECT n.period, p.previous, n.county, n.township, n.indicator, o.value AS old, n.value AS new
FROM merged n
JOIN period_pairs p ON p.period = n.period
JOIN merged o ON o.period = p.previous AND o.county = n.county AND o.township = n.township
                 AND o.indicator = n.indicator
WHERE n.value IS NOT NULL AND o.value IS NOT NULL
ORDER BY n.period, n.indicator, n.county, n.township
