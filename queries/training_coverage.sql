-- One row per group of the window's cadres (`cadres`: the rows of training_cadres for the window, registered by
-- the caller): cadres, trained, coverage, hours per cadre (all hours / all cadres), median hours, the share
-- reaching $target_hours, and coverage per category. $by: 'all' (one row), 'county', 'unit', 'rank', 'gender'
-- or 'age'; `county` is part of the group for county and unit, or when $county names one county (then only its
-- cadres). Params: $by, $county ('' = all), $target_hours.
WITH cadres AS (
    SELECT *,
           CASE $by WHEN 'county' THEN county WHEN 'unit' THEN unit WHEN 'rank' THEN rank
                    WHEN 'gender' THEN gender WHEN 'age' THEN age_band ELSE '' END AS slice,
           CASE WHEN $by IN ('county', 'unit') OR $county <> '' THEN county ELSE '' END AS in_county
    FROM cadres
    WHERE $county = '' OR county = $county
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT in_county AS county,
       slice AS "group",
       count(*) AS cadres,
       count(*) FILTER (WHERE trained) AS trained,
       count(*) FILTER (WHERE trained) / count(*) AS coverage,
       sum(hours) / count(*) AS hours_per_cadre,
       median(hours) AS hours_median,
       count(*) FILTER (WHERE hours >= $target_hours) / count(*) AS share_meeting_target,
       avg(CAST(trained_political AS INTEGER)) AS coverage_political,
       avg(CAST(trained_professional AS INTEGER)) AS coverage_professional,
       avg(CAST(trained_innovation AS INTEGER)) AS coverage_innovation,
       avg(CAST(trained_practice AS INTEGER)) AS coverage_practice,
       count(*) - count(*) FILTER (WHERE trained) AS untrained,
       -- counties may be on snapshots of different dates: the newest (docs/decisions.md#county-roster-snapshots)
       max(roster_as_of) AS roster_as_of
FROM cadres LEFT JOIN county_order o ON o.county = cadres.in_county
GROUP BY in_county, slice, o.county_code
ORDER BY o.county_code NULLS FIRST, in_county, slice
