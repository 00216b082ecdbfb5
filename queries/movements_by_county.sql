-- One row per calendar year, county and action with personnel decisions dated $start..$end: the number of
-- decisions. A decision counts for the county the cadre belonged to on its date (the roster snapshot in force then;
-- before the first snapshot, the cadre's earliest one); a cadre on no roster counts under county ''. Years first,
-- then counties in the regions' order: one read gives 能上能下 every year's counts (incentive/care/movements.
-- year_views). Params: $start, $end (dates).
WITH decided AS (
    SELECT cadre_id, date, action FROM current_movements
    WHERE date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
),
-- the roster rows of those cadres only: the join by date sorts its right side, all 1.2 million rows otherwise; of
-- two counties' snapshots of one day, the later batch's row alone (ASOF, like as_of alone, left the tie to
-- DuckDB's order, so a decision could count for either county from one run to the next)
their_roster AS (
    SELECT * FROM current_roster WHERE cadre_id IN (SELECT cadre_id FROM decided)
    QUALIFY row_number() OVER (PARTITION BY cadre_id, as_of ORDER BY batch_id DESC) = 1
),
placed AS (
    SELECT d.cadre_id, year(d.date) AS year, d.action, r.county
    FROM decided d ASOF LEFT JOIN their_roster r ON d.cadre_id = r.cadre_id AND d.date >= r.as_of
),
first_seen AS (  -- only for decisions dated before the cadre's first snapshot
    -- on two counties' snapshots of one day, the later batch's (as_of alone left the tie to DuckDB's order)
    SELECT cadre_id, arg_min(county, (as_of, -batch_id)) AS county FROM their_roster
    WHERE cadre_id IN (SELECT cadre_id FROM placed WHERE county IS NULL) GROUP BY cadre_id
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT p.year, coalesce(p.county, f.county, '') AS county, p.action, count(*) AS decisions
FROM placed p LEFT JOIN first_seen f USING (cadre_id)
LEFT JOIN county_order o ON o.county = coalesce(p.county, f.county, '')
GROUP BY 1, 2, 3, o.county_code
ORDER BY 1, o.county_code NULLS LAST, 2, 3
