-- One row per current personnel movement. Params: none.
-- Named cadres: decisions about identified cadres (by id), the prefecture's scope only (the CLI).
SELECT cadre_id, date, action, reason
FROM current_movements
ORDER BY date, cadre_id, action
