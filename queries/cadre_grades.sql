-- One cadre's annual appraisal grades, newest year first.
-- Named cadres: one identified cadre, for a scope covering $county (his county, cadre_county).
-- Params: $cadre_id, $county.
SELECT a.year, a.grade, a.unit
FROM current_appraisals a
WHERE a.cadre_id = $cadre_id
  AND EXISTS (SELECT 1 FROM current_roster r WHERE r.cadre_id = $cadre_id AND r.county = $county)
ORDER BY a.year DESC
