-- One cadre's personnel decisions, newest first.
-- Named cadres: one identified cadre, for a scope covering $county (his county, cadre_county).
-- Params: $cadre_id, $county.
SELECT m.date, m.action, m.reason
FROM current_movements m
WHERE m.cadre_id = $cadre_id
  AND EXISTS (SELECT 1 FROM current_roster r WHERE r.cadre_id = $cadre_id AND r.county = $county)
ORDER BY m.date DESC, m.action
