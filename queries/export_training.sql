-- One row per current training record dated between $start and $end (inclusive; NULL for no bound).
-- Named cadres: records of identified cadres (by id), the prefecture's scope only (the CLI).
SELECT cadre_id, course, category, domain, mode, organized, hours, date
FROM current_training
WHERE (CAST($start AS DATE) IS NULL OR date >= CAST($start AS DATE))
  AND (CAST($end AS DATE) IS NULL OR date <= CAST($end AS DATE))
ORDER BY date, cadre_id, course
