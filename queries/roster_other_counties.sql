-- The cadres of a county's own roster file (the registered table `incoming`: as_of, cadre_id, name, source_row) whose
-- id another county's roster in force on the file's date also lists (the macro roster_in_force): imported, the file
-- puts them on $county's roster of that date while the other county's still holds them, so both counties count
-- them until that county sends a roster of the date without them (docs/decisions.md#a-cadre-on-two-county-rosters).
-- A prefecture-wide file replaces every county's cadres of its dates, so it is never asked ($county is a county).
-- Named cadres: the file's ids and names, and the other county's stored name where the viewer's scope covers it.
-- One row per cadre of the file and other county, for the first $listed cadres by id: cadre_id, as_of (the earliest
-- file date on which the other county lists him), row (his first file row), name (the file's), county and
-- stored_name (the other county and its stored name; NULL unless $covered, the counties the viewer may see named,
-- holds that county: NULL for every county), cadres (how many cadres of the file in all).
-- Params: $county, $covered, $listed.
WITH sent AS (
    SELECT CAST(as_of AS DATE) AS as_of, CAST(cadre_id AS VARCHAR) AS cadre_id, min(CAST(name AS VARCHAR)) AS name,
           min(source_row) AS row
    FROM incoming
    GROUP BY ALL
),
elsewhere AS (
    SELECT s.cadre_id, s.as_of, s.row, s.name, r.county, r.name AS stored_name
    FROM (SELECT DISTINCT as_of FROM sent) d, LATERAL (SELECT * FROM roster_in_force(d.as_of)) r
    JOIN sent s ON s.as_of = d.as_of AND s.cadre_id = r.cadre_id
    WHERE r.county <> $county
),
per_county AS (
    SELECT cadre_id, county, min(as_of) AS as_of, min(row) AS row, arg_min(name, row) AS name,
           arg_min(stored_name, as_of) AS stored_name
    FROM elsewhere
    GROUP BY cadre_id, county
),
counted AS (
    SELECT *, dense_rank() OVER (ORDER BY cadre_id) AS place, count(DISTINCT cadre_id) OVER () AS cadres
    FROM per_county
)
SELECT cadre_id, as_of, row, name,
       CASE WHEN CAST($covered AS VARCHAR[]) IS NULL OR list_contains($covered, county) THEN county END AS county,
       CASE WHEN CAST($covered AS VARCHAR[]) IS NULL OR list_contains($covered, county) THEN stored_name END
           AS stored_name,
       cadres
FROM counted
WHERE place <= $listed
ORDER BY cadre_id, county
