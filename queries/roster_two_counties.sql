-- The cadres on two counties' rosters in force on one day, after both were accepted: a county's roster replaces only
-- that county's cadres (docs/decisions.md#county-roster-snapshots), so a cadre who moved stays on the old county's
-- roster until it sends one without him, and both counties count him (docs/decisions.md#a-cadre-on-two-county-rosters).
-- The rosters in force change only on a snapshot date, so each stored snapshot date (roster_snapshots) is a day
-- looked at (the macro roster_in_force, county by county).
-- Named cadres: ids of identified cadres, no names; the prefecture's scope only (`incentive check`).
-- One row per cadre and pair of counties, on the newest day both list him: cadre_id, county and as_of (the first
-- county by name and the date of its snapshot in force), other_county and other_as_of (the second), day (the
-- newest snapshot date on which both list him); ordered by cadre_id, county, other_county.
WITH days AS (
    SELECT DISTINCT as_of AS day FROM roster_snapshots
),
in_force AS (
    SELECT d.day, r.cadre_id, r.county, r.as_of
    FROM days d, LATERAL (SELECT * FROM roster_in_force(d.day)) r
),
pairs AS (
    SELECT a.cadre_id, a.county, a.as_of, b.county AS other_county, b.as_of AS other_as_of, a.day
    FROM in_force a JOIN in_force b ON b.day = a.day AND b.cadre_id = a.cadre_id AND b.county > a.county
)
SELECT cadre_id, county, arg_max(as_of, day) AS as_of, other_county, arg_max(other_as_of, day) AS other_as_of,
       max(day) AS day
FROM pairs
GROUP BY cadre_id, county, other_county
ORDER BY cadre_id, county, other_county
