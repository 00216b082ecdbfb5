-- What a roster file (the registered table `incoming`, its rows as they would be stored: as_of, cadre_id, name,
-- county, unit, rank, gender, birth_year, ethnicity, party, education) changes, cadre by cadre, in the stored
-- snapshots it replaces: those of its dates (of $county's cadres for a county's own roster, '' for a
-- prefecture-wide file: everybody's), as current_roster holds them. A date with nothing stored is no correction
-- and is left out (docs/decisions.md#a-roster-correction-cadre-by-cadre).
-- Named cadres: the cadres' ids and names, stored and sent.
-- One row per change: change ('field': a field of a cadre on both; 'added': a cadre of the file the stored
-- snapshot lacks; 'dropped': a cadre of the stored snapshot the file lacks), as_of, cadre_id, name (the file's,
-- else the stored one), county, unit, rank (the file's for 'added' and 'field', the stored ones for 'dropped'),
-- field (the column, 'field' rows only), before, after (as text; NULL for blank), listed (among the first
-- $listed rows of its change, in date, cadre id and column order), changes (rows of its change in all), cadres
-- (distinct cadres of its change), field_cadres (for 'field': the cadres whose this field changes). Rows of a
-- change past the first $listed come back only as the first row of each field, so every field's count does.
-- Params: $county, $listed.
WITH sent AS (
    -- the file's rows cast as they are stored: an identical re-send compares equal, 1990 with 1990.0 too
    SELECT CAST(as_of AS DATE) AS as_of, CAST(cadre_id AS VARCHAR) AS cadre_id, CAST(name AS VARCHAR) AS name,
           CAST(county AS VARCHAR) AS county, CAST(unit AS VARCHAR) AS unit, CAST(rank AS VARCHAR) AS rank,
           CAST(gender AS VARCHAR) AS gender, CAST(birth_year AS INTEGER) AS birth_year,
           CAST(ethnicity AS VARCHAR) AS ethnicity, CAST(party AS VARCHAR) AS party,
           CAST(education AS VARCHAR) AS education
    FROM incoming
),
stored AS (
    SELECT as_of, cadre_id, name, county, unit, rank, gender, birth_year, ethnicity, party, education
    FROM current_roster
    WHERE as_of IN (SELECT DISTINCT as_of FROM sent) AND ($county = '' OR county = $county)
),
compared AS (
    SELECT * FROM sent WHERE as_of IN (SELECT DISTINCT as_of FROM stored)
),
paired AS (
    SELECT coalesce(c.as_of, s.as_of) AS as_of, coalesce(c.cadre_id, s.cadre_id) AS cadre_id,
           c.cadre_id IS NOT NULL AS in_file, s.cadre_id IS NOT NULL AS in_store,
           coalesce(c.name, s.name) AS name,
           CASE WHEN c.cadre_id IS NOT NULL THEN c.county ELSE s.county END AS county,
           CASE WHEN c.cadre_id IS NOT NULL THEN c.unit ELSE s.unit END AS unit,
           CASE WHEN c.cadre_id IS NOT NULL THEN c.rank ELSE s.rank END AS rank,
           -- (position, column, stored, sent) per column, in the file kind's order (file_kinds.STORED_COLUMNS)
           [
               {'position': 1, 'field': 'name', 'before': s.name, 'after': c.name},
               {'position': 2, 'field': 'county', 'before': s.county, 'after': c.county},
               {'position': 3, 'field': 'unit', 'before': s.unit, 'after': c.unit},
               {'position': 4, 'field': 'rank', 'before': s.rank, 'after': c.rank},
               {'position': 5, 'field': 'gender', 'before': s.gender, 'after': c.gender},
               {'position': 6, 'field': 'birth_year', 'before': CAST(s.birth_year AS VARCHAR),
                'after': CAST(c.birth_year AS VARCHAR)},
               {'position': 7, 'field': 'ethnicity', 'before': s.ethnicity, 'after': c.ethnicity},
               {'position': 8, 'field': 'party', 'before': s.party, 'after': c.party},
               {'position': 9, 'field': 'education', 'before': s.education, 'after': c.education}
           ] AS fields
    FROM compared c FULL JOIN stored s ON c.as_of = s.as_of AND c.cadre_id = s.cadre_id
),
changes AS (
    SELECT 'field' AS change, as_of, cadre_id, name, county, unit, rank, f.position, f.field, f.before, f.after
    FROM (SELECT *, unnest(fields) AS f FROM paired WHERE in_file AND in_store)
    WHERE f.before IS DISTINCT FROM f.after
    UNION ALL
    SELECT CASE WHEN in_file THEN 'added' ELSE 'dropped' END, as_of, cadre_id, name, county, unit, rank, 0,
           NULL, NULL, NULL
    FROM paired
    WHERE in_file <> in_store
),
counted AS (
    SELECT *,
           row_number() OVER (PARTITION BY change ORDER BY as_of, cadre_id, position) <= $listed AS listed,
           row_number() OVER (PARTITION BY change, field ORDER BY as_of, cadre_id) AS in_field,
           count(*) OVER (PARTITION BY change) AS changes,
           count(DISTINCT (as_of, cadre_id)) OVER (PARTITION BY change) AS cadres,
           count(DISTINCT (as_of, cadre_id)) OVER (PARTITION BY change, field) AS field_cadres
    FROM changes
)
SELECT change, as_of, cadre_id, name, county, unit, rank, field, before, after, listed, changes, cadres,
       field_cadres
FROM counted
WHERE listed OR (change = 'field' AND in_field = 1)
ORDER BY change, as_of, cadre_id, position
