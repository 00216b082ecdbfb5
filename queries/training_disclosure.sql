-- Every group whose training figures a viewer can see for one window, with the counts behind those figures, for
-- the suppression pattern (coverage.disclosure_pattern): the prefecture ('all'), each county, each county's
-- units, rank levels, rank groups, genders and age bands, and the prefecture's rank levels and rank groups (export
-- coverage --by rank). The keys match training_coverage's county and "group" columns. `cadres`: training_cadres of
-- the window, registered by the caller. Params: $to_come (as training_coverage).
WITH long AS (
    SELECT 'all' AS slice, '' AS county, '' AS grp, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'county', county, county, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'unit', county, unit, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'rank', county, rank, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'gender', county, gender, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'age', county, age_band, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'rank', '', rank, * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'rank_group', county, coalesce(rank_group, ''), * EXCLUDE (county) FROM cadres
    UNION ALL SELECT 'rank_group', '', coalesce(rank_group, ''), * EXCLUDE (county) FROM cadres
)
SELECT slice, county, grp AS "group",
       count(*) AS cadres,
       count(*) FILTER (WHERE trained) AS trained,
       count(*) FILTER (WHERE met_target) AS meeting_target,
       count(*) FILTER (WHERE counted_hours >= target - annual_hours * $to_come) AS on_pace,
       count(*) FILTER (WHERE online_met) AS online_met,
       count(*) FILTER (WHERE trained_political) AS reached_political,
       count(*) FILTER (WHERE trained_professional) AS reached_professional,
       count(*) FILTER (WHERE trained_innovation) AS reached_innovation,
       count(*) FILTER (WHERE trained_practice) AS reached_practice
FROM long
GROUP BY ALL
ORDER BY slice, county, "group"
