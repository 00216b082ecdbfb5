-- One row per county and month of $start..$end: the window's cadres (`cadres`: training_cadres of the window,
-- registered by the caller), their hours that month, and how many of them had their first training of the
-- window that month (so a running sum is cumulative coverage); months after $records_end have no hours.
-- Params: $start, $end, $records_end (the last day whose records count: coverage.Window.data_end),
-- $county ('' = all).
WITH chosen AS (
    SELECT * FROM cadres WHERE $county = '' OR county = $county
),
months AS (
    SELECT CAST(m AS DATE) AS month
    FROM range(date_trunc('month', CAST($start AS DATE)), CAST($end AS DATE) + INTERVAL 1 DAY, INTERVAL 1 MONTH) r(m)
),
sizes AS (SELECT county, count(*) AS cadres FROM chosen GROUP BY county),
hours AS (
    SELECT c.county, CAST(date_trunc('month', t.date) AS DATE) AS month, sum(t.hours) AS hours
    FROM current_training t JOIN chosen c USING (cadre_id)
    WHERE t.date BETWEEN CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AND last_day(CAST($records_end AS DATE))
    GROUP BY ALL
),
firsts AS (
    SELECT county, first_month AS month, count(*) AS newly_trained FROM chosen WHERE trained GROUP BY ALL
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT s.county, m.month, s.cadres, coalesce(h.hours, 0) AS hours, coalesce(f.newly_trained, 0) AS newly_trained
FROM sizes s CROSS JOIN months m
LEFT JOIN hours h ON h.county = s.county AND h.month = m.month
LEFT JOIN firsts f ON f.county = s.county AND f.month = m.month
LEFT JOIN county_order o ON o.county = s.county
ORDER BY o.county_code NULLS LAST, s.county, m.month
