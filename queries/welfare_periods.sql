-- One row per period with welfare values at county level, oldest first. Params: none.
SELECT DISTINCT period
FROM current_values
WHERE domain = 'welfare' AND township = ''
ORDER BY period_start(period), period_end(period) DESC
