-- One row per current personnel movement. Params: none.
SELECT cadre_id, date, action, reason
FROM current_movements
ORDER BY date, cadre_id, action
