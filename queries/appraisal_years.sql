-- The years with annual appraisal grades, newest first, and the last day personnel decisions are recorded to.
-- Params: none.
SELECT year, (SELECT max(date) FROM current_movements) AS movements_until
FROM (SELECT DISTINCT year FROM current_appraisals)
ORDER BY year DESC
