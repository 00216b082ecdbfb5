-- One row per county and training domain with records in the months $start..$records_end: the county's cadres
-- (`cadres`: training_cadres of the window, registered by the caller), cadres reached in that domain, their hours.
-- Each cadre's hours per domain first, then counties: no count(DISTINCT) over the records.
-- Params: $start, $records_end (the last day whose records count: coverage.Window.data_end),
-- $county ('' = all).
WITH roster AS (
    SELECT cadre_id, county FROM cadres WHERE $county = '' OR county = $county
),
sizes AS (SELECT county, count(*) AS cadres FROM roster GROUP BY county),
per_cadre AS (
    SELECT cadre_id, domain, sum(hours) AS hours
    FROM current_training
    WHERE date BETWEEN CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AND last_day(CAST($records_end AS DATE))
    GROUP BY cadre_id, domain
),
by_domain AS (
    SELECT r.county, t.domain, count(*) AS reached, sum(t.hours) AS hours
    FROM per_cadre t JOIN roster r USING (cadre_id)
    GROUP BY r.county, t.domain
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT d.county, d.domain, s.cadres, d.reached, d.reached / s.cadres AS reach, d.hours, d.hours / s.cadres AS hours_per_cadre
FROM by_domain d JOIN sizes s USING (county) LEFT JOIN county_order o USING (county)
ORDER BY o.county_code NULLS LAST, d.county, d.domain
