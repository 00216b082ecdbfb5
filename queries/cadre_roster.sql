-- Every roster snapshot listing one cadre, oldest first: his name, county, unit, rank, gender and birth year.
-- Named cadres: one identified cadre, for a scope covering $county (his county, cadre_county).
-- Params: $cadre_id, $county.
SELECT as_of, name, county, unit, rank, gender, birth_year
FROM current_roster
WHERE cadre_id = $cadre_id AND county = $county
ORDER BY as_of
