-- One row per calendar year and action with personnel decisions: the number of decisions (the prefecture's
-- trend; no county, so no roster lookup). Params: none.
SELECT year(date) AS year, action, count(*) AS decisions
FROM current_movements
GROUP BY ALL
ORDER BY year, action
