-- One row per county, mode (online/offline) and organization (collective/individual): hours and records of the
-- window's cadres (`cadres`: training_cadres of the window, registered by the caller) in the months
-- $start..$records_end.
-- Params: $start, $records_end (the last day whose records count: coverage.Window.data_end),
-- $county ('' = all).
WITH roster AS (
    SELECT cadre_id, county FROM cadres WHERE $county = '' OR county = $county
),
-- summed before the counties' order is joined: joined first, the order was looked up for each of the window's
-- records (1.5 million at a province's scale) instead of each of the sums'
mix AS (
    SELECT r.county, t.mode, t.organized, sum(t.hours) AS hours, count(*) AS records
    FROM current_training t JOIN roster r USING (cadre_id)
    WHERE t.date BETWEEN CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AND last_day(CAST($records_end AS DATE))
    GROUP BY r.county, t.mode, t.organized
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT m.county, m.mode, m.organized, m.hours, m.records
FROM mix m LEFT JOIN county_order o ON o.county = m.county
ORDER BY o.county_code NULLS LAST, m.county, m.mode, m.organized
