-- One row per group of the window's cadres (`cadres`: the rows of training_cadres for the window, registered by
-- the caller): cadres, trained, coverage, hours per cadre (all hours / all cadres), median hours, coverage per
-- category, and against each cadre's own target (docs/decisions.md#training-targets-by-rank): measured (cadres
-- with a target), meeting_target and its share of the measured, on_pace (counted hours at least the target less
-- the $to_come years still to come at his yearly rate: the pace of coverage.expected_by; $to_come 0 once the
-- window is over) and its share, hours_short (学时 short of that in total), online_met and its share, online
-- hours per cadre, unmapped (cadres whose rank maps to no group), annual_target (the measured cadres' mean
-- yearly rate, 学时: the pace line of the group). $by: 'all' (one row), 'county', 'unit',
-- 'rank', 'rank_group', 'gender' or 'age'; `county` is part of the group for county and unit, or when $county
-- names one county (then only its cadres). Params: $by, $county ('' = all), $to_come (years).
WITH cadres AS (
    SELECT *,
           CASE $by WHEN 'county' THEN county WHEN 'unit' THEN unit WHEN 'rank' THEN rank
                    WHEN 'rank_group' THEN coalesce(rank_group, '')
                    WHEN 'gender' THEN gender WHEN 'age' THEN age_band ELSE '' END AS slice,
           CASE WHEN $by IN ('county', 'unit') OR $county <> '' THEN county ELSE '' END AS in_county
    FROM cadres
    WHERE $county = '' OR county = $county
),
-- grouped before the counties' order is joined: joined first, it was looked up for each of the window's cadres
-- (200,000 at a province's scale) instead of each group's
grouped AS (
SELECT in_county AS county,
       slice AS "group",
       count(*) AS cadres,
       count(*) FILTER (WHERE trained) AS trained,
       count(*) FILTER (WHERE trained) / count(*) AS coverage,
       sum(hours) / count(*) AS hours_per_cadre,
       median(hours) AS hours_median,
       count(*) FILTER (WHERE target IS NOT NULL) AS measured,
       count(*) FILTER (WHERE met_target) AS meeting_target,
       count(*) FILTER (WHERE met_target) / nullif(count(*) FILTER (WHERE target IS NOT NULL), 0)
           AS share_meeting_target,
       count(*) FILTER (WHERE counted_hours >= target - annual_hours * $to_come) AS on_pace,
       count(*) FILTER (WHERE counted_hours >= target - annual_hours * $to_come)
           / nullif(count(*) FILTER (WHERE target IS NOT NULL), 0) AS share_on_pace,
       coalesce(sum(greatest(target - annual_hours * $to_come - counted_hours, 0)), 0) AS hours_short,
       count(*) FILTER (WHERE online_met) AS online_met,
       count(*) FILTER (WHERE online_met) / nullif(count(*) FILTER (WHERE target IS NOT NULL), 0) AS share_online_met,
       sum(online_hours) / count(*) AS online_hours_per_cadre,
       count(*) FILTER (WHERE target IS NULL) AS unmapped,
       avg(annual_hours) AS annual_target,
       avg(CAST(trained_political AS INTEGER)) AS coverage_political,
       avg(CAST(trained_professional AS INTEGER)) AS coverage_professional,
       avg(CAST(trained_innovation AS INTEGER)) AS coverage_innovation,
       avg(CAST(trained_practice AS INTEGER)) AS coverage_practice,
       count(*) - count(*) FILTER (WHERE trained) AS untrained,
       -- counties may be on snapshots of different dates: the newest (docs/decisions.md#county-roster-snapshots)
       max(roster_as_of) AS roster_as_of
FROM cadres
GROUP BY in_county, slice
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT g.* FROM grouped g LEFT JOIN county_order o ON o.county = g.county
ORDER BY o.county_code NULLS FIRST, g.county, g."group"
