-- One row per day of $days and county: cadres on the roster snapshot in force on that day (the macro
-- roster_in_force). Several days in one read: 能上能下 shows the pattern of every year with decisions, one year end
-- each (a read per day was a sixth of the page's first run at a province's scale). Params: $days (a list of dates).
SELECT d.day, r.county, count(*) AS cadres, any_value(r.as_of) AS roster_as_of
FROM unnest(CAST($days AS DATE[])) AS d(day), LATERAL (SELECT * FROM roster_in_force(d.day)) AS r
LEFT JOIN (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county) o USING (county)
GROUP BY d.day, r.county, o.county_code
ORDER BY d.day, o.county_code NULLS LAST, r.county
