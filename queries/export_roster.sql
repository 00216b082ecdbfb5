-- One row per cadre per current roster snapshot (personal columns included). Params: none.
-- Named cadres: the prefecture's scope only (the CLI).
SELECT cadre_id, name, county, unit, rank, gender, birth_year, as_of, ethnicity, party, education
FROM current_roster
ORDER BY as_of, cadre_id
