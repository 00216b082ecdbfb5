-- One row per current training record whose hours lie outside ($low, $high]: the candidates the plausibility rule
-- (incentive/intake/plausibility.py, which supplies the bounds and decides) looks at, so a check never loads every record.
-- Params: $low, $high (学时).
-- Named cadres: records of identified cadres (by id), the prefecture's scope only (the Data page, the CLI).
SELECT cadre_id, course, date, hours
FROM current_training
WHERE hours <= $low OR hours > $high
ORDER BY date, cadre_id, course
