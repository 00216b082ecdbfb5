-- One row per county and 单位 (as the appraisal file wrote it) of the annual appraisal of year $year: cadres
-- appraised (不定等次 included, as the quota counts them) and of them 优秀. County as in appraisal_outcomes. Counts only. Params: $year (integer).
WITH graded AS (
    SELECT cadre_id, grade, coalesce(unit, '') AS unit, make_date(year, 12, 31) AS day
    FROM current_appraisals WHERE year = $year
),
placed AS (
    SELECT g.cadre_id, g.grade, g.unit, r.county
    FROM graded g ASOF LEFT JOIN current_roster r ON g.cadre_id = r.cadre_id AND g.day >= r.as_of
),
-- only for the cadres the join placed nowhere (or in a row without a county): a few, where all were a pass over
-- the roster's rows as long as the join itself
unplaced AS (SELECT DISTINCT cadre_id FROM placed WHERE county IS NULL),
first_seen AS (
    SELECT cadre_id, arg_min(county, as_of) AS county
    FROM current_roster SEMI JOIN unplaced USING (cadre_id) GROUP BY cadre_id
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT coalesce(p.county, f.county, '') AS county, p.unit,
       count(*) AS appraised,
       count(*) FILTER (WHERE p.grade = 'excellent') AS excellent
FROM placed p
LEFT JOIN first_seen f USING (cadre_id)
LEFT JOIN county_order o ON o.county = coalesce(p.county, f.county, '')
GROUP BY 1, 2, o.county_code
ORDER BY o.county_code NULLS LAST, 1, 2
