-- One row per current annual appraisal grade (年度考核等次). Params: none.
-- Named cadres: grades of identified cadres (by id), the prefecture's scope only (the CLI).
SELECT cadre_id, year, grade, unit
FROM current_appraisals
ORDER BY year, cadre_id
