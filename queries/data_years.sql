-- One row per year that has any race, welfare or training data, newest first. Params: none.
SELECT DISTINCT year FROM (
    SELECT CAST(period[1:4] AS INTEGER) AS year FROM current_values
    UNION ALL
    SELECT DISTINCT year(date) FROM current_training
)
ORDER BY year DESC
