-- One cadre's training records dated $start..$end, newest first.
-- Named cadres: one identified cadre, for a scope covering $county (his county, cadre_county).
-- Params: $cadre_id, $county, $start, $end (dates).
SELECT t.date, t.course, t.category, t.domain, t.mode, t.organized, t.hours
FROM current_training t
WHERE t.cadre_id = $cadre_id AND t.date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
  AND EXISTS (SELECT 1 FROM current_roster r WHERE r.cadre_id = $cadre_id AND r.county = $county)
ORDER BY t.date DESC, t.course
