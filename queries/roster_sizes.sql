-- One row per county: cadres on the roster snapshot in force on $day. Params: $day (date).
SELECT r.county, count(*) AS cadres, any_value(r.as_of) AS roster_as_of
FROM roster_in_force($day) r
LEFT JOIN (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county) o USING (county)
GROUP BY r.county, o.county_code
ORDER BY o.county_code NULLS LAST, r.county
