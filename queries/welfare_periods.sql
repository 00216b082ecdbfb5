-- One row per period with welfare values at county level, oldest first. `complete`: every county of the regions
-- has a value in it (docs/decisions.md#the-default-period-is-a-complete-one). Params: none.
SELECT period, count(DISTINCT county) >= (SELECT count(DISTINCT county) FROM current_regions) AS complete
FROM current_values
WHERE domain = 'welfare' AND township = ''
GROUP BY period
ORDER BY period_start(period), period_end(period) DESC
