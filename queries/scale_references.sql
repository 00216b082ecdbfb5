-- For each value of `incoming` (a file's rows; every current value of the domain to check the loaded data): the
-- stored value it is compared with for a whole column in another unit (incentive/intake/plausibility.py,
-- level_shifts): the same unit's value of the indicator in its latest earlier period of the same form (`own`),
-- else, for a unit with none, the median of the values of that indicator at the same level (counties, or
-- townships) in the latest earlier period of that form holding any (the prefecture's, `prefecture` true).
-- docs/decisions.md#a-whole-column-in-another-unit.
-- The earlier values are the current ones of $domain with the rows of `incoming` in place of the same keys, so a
-- file holding two periods compares its later one with its own earlier one (the macro values_after_file, schema 023).
-- Tables: incoming (period, county, township, indicator, value). Params: $domain ('race' | 'welfare').
WITH new_rows AS (SELECT * FROM file_values('incoming')),
merged AS (SELECT * FROM values_after_file($domain, 'incoming', NULL)),
-- `span` tells the period's form apart (months after its first: 11 a year, 5 a half-year, 2 a quarter, 0 a month)
-- each period's first day and form worked out once, not once per value: the macros parse the period's text, and
-- per value they were half of this query at a province's 312,000 race values
forms AS (
    SELECT period, period_start(period) AS starts,
           date_diff('month', period_start(period), period_end(period)) AS span
    FROM (SELECT DISTINCT period FROM merged WHERE period IS NOT NULL)
),
earlier AS (
    SELECT m.period, m.county, m.township, m.indicator, m.value, f.starts, f.span, m.township <> '' AS in_township
    FROM merged m JOIN forms f USING (period)
    WHERE m.value IS NOT NULL
),
judged AS (
    SELECT n.period, n.county, n.township, n.indicator, n.value, f.starts, f.span, n.township <> '' AS in_township
    FROM new_rows n JOIN forms f USING (period)
    WHERE n.value IS NOT NULL AND n.county IS NOT NULL AND n.indicator IS NOT NULL
),
typical AS (
    SELECT period, starts, span, indicator, in_township, median(value) AS value
    FROM earlier
    GROUP BY period, starts, span, indicator, in_township
),
own AS (
    SELECT j.period, j.county, j.township, j.indicator, e.period AS previous, e.value AS old
    FROM judged j
    ASOF JOIN earlier e
      ON e.county = j.county AND e.township = j.township AND e.indicator = j.indicator AND e.span = j.span
         AND j.starts > e.starts
),
prefecture AS (
    SELECT j.period, j.county, j.township, j.indicator, t.period AS previous, t.value AS old
    FROM judged j
    ASOF JOIN typical t
      ON t.indicator = j.indicator AND t.in_township = j.in_township AND t.span = j.span AND j.starts > t.starts
)
SELECT j.period, coalesce(o.previous, p.previous) AS previous, j.county, j.township, j.indicator,
       coalesce(o.old, p.old) AS old, j.value AS new, o.old IS NULL AS prefecture
FROM judged j
LEFT JOIN own o USING (period, county, township, indicator)
LEFT JOIN prefecture p USING (period, county, township, indicator)
WHERE coalesce(o.old, p.old) IS NOT NULL
ORDER BY j.period, j.indicator, j.county, j.township
