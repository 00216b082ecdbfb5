-- One row per county of the roster snapshot in force on $end (latest as_of <= $end, else the earliest):
-- cadres on it, cadres with at least one training record dated $start..$end, coverage, and hours per cadre
-- (all their hours in the window / cadres on the roster, trained or not; decisions.md "Coverage").
-- Params: $start, $end (dates, inclusive).
WITH snapshot AS (
    SELECT coalesce(
        (SELECT max(as_of) FROM current_roster WHERE as_of <= CAST($end AS DATE)),
        (SELECT min(as_of) FROM current_roster)) AS as_of
),
roster AS (
    SELECT cadre_id, county FROM current_roster WHERE as_of = (SELECT as_of FROM snapshot)
),
trained AS (
    SELECT cadre_id, sum(hours) AS hours
    FROM current_training
    WHERE date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
    GROUP BY cadre_id
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT r.county,
       count(*) AS cadres,
       count(t.cadre_id) AS trained,
       count(t.cadre_id) / count(*) AS coverage,
       coalesce(sum(t.hours), 0) / count(*) AS hours_per_cadre,
       (SELECT as_of FROM snapshot) AS roster_as_of
FROM roster r
LEFT JOIN trained t USING (cadre_id)
LEFT JOIN county_order o USING (county)
GROUP BY r.county, o.county_code
ORDER BY o.county_code NULLS LAST, r.county
