-- One row per county and training domain with records in the months $start..$end: cadres of the county on the
-- roster in force at $end, cadres reached in that domain, their hours. Params: $start, $end, $county ('' = all).
WITH roster AS (
    SELECT cadre_id, county FROM roster_in_force($end) WHERE $county = '' OR county = $county
),
sizes AS (SELECT county, count(*) AS cadres FROM roster GROUP BY county),
by_domain AS (
    SELECT r.county, t.domain, count(DISTINCT t.cadre_id) AS reached, sum(t.hours) AS hours
    FROM training_monthly t JOIN roster r USING (cadre_id)
    WHERE t.month BETWEEN CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AND CAST($end AS DATE)
    GROUP BY r.county, t.domain
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT d.county, d.domain, s.cadres, d.reached, d.reached / s.cadres AS reach, d.hours, d.hours / s.cadres AS hours_per_cadre
FROM by_domain d JOIN sizes s USING (county) LEFT JOIN county_order o USING (county)
ORDER BY o.county_code NULLS LAST, d.county, d.domain
