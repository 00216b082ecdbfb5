-- One row per cadre on the roster in force at $end with no training in the months $start..$end: who they are and
-- where they work. Params: $start, $end, $records_end (the last day whose records count: coverage.Window.data_end),
-- $county ('' = all).
-- Named cadres: runs only within the caller's scope (incentive/store/queries.py), never for aggregate views.
SELECT c.county, c.unit, c.cadre_id, r.name, c.rank
FROM cadre_training($start, $end, $records_end) c
JOIN roster_in_force($end) r USING (cadre_id)
LEFT JOIN (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county) o
       ON o.county = c.county
WHERE NOT c.trained AND ($county = '' OR c.county = $county)
ORDER BY o.county_code NULLS LAST, c.county, c.unit, c.cadre_id
